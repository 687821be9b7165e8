/** The answers src/boot.ts asked for before the app started (see there). */
interface BootResponse {
  status: number;
  body: unknown;
}
type Early = Record<string, Promise<BootResponse> | undefined>;
const FRESH_MS = 20_000;

const bootWindow = () =>
  window as unknown as { __fellesplanBoot?: Early; __fellesplanBootArrived?: Record<string, BootResponse | undefined> };

/**
 * The early answer for this path if it has arrived already and was a success (on a slow line it
 * usually has, before the app's script), without taking it: for a first render that shows it at
 * once. Whoever uses it calls `takeBootAnswer` afterwards (in an effect).
 */
export function peekBootAnswer<T>(path: string): T | undefined {
  const w = bootWindow();
  const answer = w.__fellesplanBootArrived?.[path];
  if (!answer || answer.status !== 200 || !w.__fellesplanBoot?.[path] || performance.now() > FRESH_MS) return undefined;
  return answer.body as T;
}

/** Settles when every request src/boot.ts started and nobody has taken yet has been answered (or failed). */
export function bootAnswersSettled(): Promise<unknown> {
  return Promise.allSettled(Object.values(bootWindow().__fellesplanBoot ?? {}));
}

/** Takes the early answer for this path, so that nothing asks with it again. */
export function takeBootAnswer(path: string): void {
  const w = bootWindow();
  if (w.__fellesplanBoot) w.__fellesplanBoot[path] = undefined;
  if (w.__fellesplanBootArrived) w.__fellesplanBootArrived[path] = undefined;
}

/**
 * The early answer for this path, taken once, when it was a success; otherwise (none, an error, a
 * 401 from an expired session) the request is made as usual.
 */
export function fromBoot<T>(path: string, request: () => Promise<T>): Promise<T> {
  const early = bootWindow().__fellesplanBoot;
  const answer = early?.[path];
  // Only for the first screen: an answer not taken in the first seconds (a login in between, a
  // screen opened later) is too old to show.
  if (!answer || performance.now() > FRESH_MS) return request();
  takeBootAnswer(path);
  return answer.then(
    (r) => (r.status === 200 ? (r.body as T) : request()),
    () => request(),
  );
}
