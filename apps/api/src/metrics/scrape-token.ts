/** Whether a scrape may read /metrics: the optional METRICS_TOKEN as a bearer token, compared in constant time. */
import { createHash, timingSafeEqual } from 'node:crypto';

export type ScrapeDecision = 'allowed' | 'missing' | 'invalid';

/** No token configured: anyone may scrape (keep /metrics off the public network then). */
export function scrapeDecision(expected: string | undefined, authorization: string | undefined): ScrapeDecision {
  if (!expected) return 'allowed';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return 'missing';
  // Comparing digests keeps the comparison constant-time whatever the lengths.
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(match[1]), digest(expected)) ? 'allowed' : 'invalid';
}
