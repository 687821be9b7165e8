/**
 * Login throttling per client address (in memory, per node) on top of the per-account lockout
 * kept in the database. Pure logic, unit-tested beside this file.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Records a hit; returns the seconds to wait if over the limit, else 0. */
  hit(key: string, now = Date.now()): number {
    const since = now - this.windowMs;
    const list = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (list.length >= this.limit) {
      this.hits.set(key, list);
      return Math.ceil((list[0] + this.windowMs - now) / 1000);
    }
    list.push(now);
    this.hits.set(key, list);
    if (this.hits.size > 10_000) this.prune(since);
    return 0;
  }

  private prune(since: number): void {
    for (const [key, list] of this.hits) if (list.every((t) => t <= since)) this.hits.delete(key);
  }
}

/** The account's lockout state after a failed attempt. */
export function afterFailedLogin(
  failures: number,
  maxFailures: number,
  lockoutSeconds: number,
  now: Date,
): { failures: number; lockedUntil: Date | null } {
  const next = failures + 1;
  if (next >= maxFailures) return { failures: 0, lockedUntil: new Date(now.getTime() + lockoutSeconds * 1000) };
  return { failures: next, lockedUntil: null };
}
