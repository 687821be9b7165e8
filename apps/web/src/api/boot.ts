/** The answers src/boot.ts asked for before the app started (see there). */
interface BootResponse {
  status: number;
  body: unknown;
}
type Early = Record<string, Promise<BootResponse> | undefined>;
const FRESH_MS = 20_000;

/**
 * The early answer for this path, taken once, when it was a success; otherwise (none, an error, a
 * 401 from an expired session) the request is made as usual.
 */
export function fromBoot<T>(path: string, request: () => Promise<T>): Promise<T> {
  const early = (window as unknown as { __fellesplanBoot?: Early }).__fellesplanBoot;
  const answer = early?.[path];
  // Only for the first screen: an answer not taken in the first seconds (a login in between, a
  // screen opened later) is too old to show.
  if (!answer || performance.now() > FRESH_MS) return request();
  early[path] = undefined;
  return answer.then(
    (r) => (r.status === 200 ? (r.body as T) : request()),
    () => request(),
  );
}
