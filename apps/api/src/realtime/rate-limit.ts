/**
 * Per-socket rate limit: a token bucket. Each event takes a token; tokens refill at `perSecond`
 * up to `burst`. An event without a token is refused ('rate_limited'); a socket that keeps
 * sending while refused (more refusals than `burst`, forgiven at `perSecond`) is flooding and is
 * disconnected. Pure logic with an injectable clock.
 */
export type RateDecision = 'allowed' | 'limited' | 'flood';

export class TokenBucket {
  private tokens: number;
  private refusals = 0;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  take(now: number): RateDecision {
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.last = now;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.perSecond);
    this.refusals = Math.max(0, this.refusals - elapsed * this.perSecond);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 'allowed';
    }
    this.refusals += 1;
    return this.refusals > this.burst ? 'flood' : 'limited';
  }
}
