import { TokenBucket } from './rate-limit';

describe('TokenBucket', () => {
  it('allows a burst, then refuses until tokens refill', () => {
    const bucket = new TokenBucket(10, 5, 0);
    const first = Array.from({ length: 5 }, () => bucket.take(0));
    expect(first).toEqual(Array(5).fill('allowed'));
    expect(bucket.take(0)).toBe('limited');
    // 100 ms at 10/s gives one token back.
    expect(bucket.take(100)).toBe('allowed');
    expect(bucket.take(100)).toBe('limited');
  });

  it('never holds more than the burst', () => {
    const bucket = new TokenBucket(10, 3, 0);
    const later = 60_000;
    expect([1, 2, 3, 4].map(() => bucket.take(later))).toEqual(['allowed', 'allowed', 'allowed', 'limited']);
  });

  it('calls it a flood when a socket keeps sending while refused', () => {
    const bucket = new TokenBucket(10, 5, 0);
    const decisions = Array.from({ length: 20 }, () => bucket.take(0));
    expect(decisions.slice(0, 5)).toEqual(Array(5).fill('allowed'));
    expect(decisions.slice(5, 10)).toEqual(Array(5).fill('limited'));
    expect(decisions[10]).toBe('flood');
  });

  it('forgives refusals over time', () => {
    const bucket = new TokenBucket(10, 2, 0);
    bucket.take(0);
    bucket.take(0);
    expect(bucket.take(0)).toBe('limited');
    expect(bucket.take(0)).toBe('limited');
    // A second later the refusals are forgotten and the bucket is full again.
    expect([bucket.take(1000), bucket.take(1000), bucket.take(1000), bucket.take(1000)]).toEqual([
      'allowed',
      'allowed',
      'limited',
      'limited',
    ]);
  });
});
