import { afterFailedLogin, SlidingWindowLimiter } from './login-throttle';

describe('SlidingWindowLimiter', () => {
  it('allows hits up to the limit within the window and asks to wait after that', () => {
    const limiter = new SlidingWindowLimiter(3, 60_000);
    expect([0, 1, 2].map((i) => limiter.hit('ip', 1000 + i))).toEqual([0, 0, 0]);
    expect(limiter.hit('ip', 2000)).toBe(59);
  });

  it('forgets hits older than the window', () => {
    const limiter = new SlidingWindowLimiter(1, 1000);
    expect(limiter.hit('ip', 0)).toBe(0);
    expect(limiter.hit('ip', 500)).toBeGreaterThan(0);
    expect(limiter.hit('ip', 1001)).toBe(0);
  });

  it('keeps separate counts per key', () => {
    const limiter = new SlidingWindowLimiter(1, 1000);
    expect(limiter.hit('a', 0)).toBe(0);
    expect(limiter.hit('b', 0)).toBe(0);
  });
});

describe('afterFailedLogin', () => {
  const now = new Date('2026-01-01T10:00:00Z');
  it('counts failures below the maximum without locking', () => {
    expect(afterFailedLogin(2, 5, 900, now)).toEqual({ failures: 3, lockedUntil: null });
  });
  it('locks for the lockout period at the maximum and resets the count', () => {
    expect(afterFailedLogin(4, 5, 900, now)).toEqual({ failures: 0, lockedUntil: new Date('2026-01-01T10:15:00Z') });
  });
});
