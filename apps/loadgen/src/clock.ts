/**
 * One clock for every thread of the load generator: wall-clock epoch milliseconds with
 * sub-millisecond resolution. Worker threads have their own performance.timeOrigin, so the sum
 * (not performance.now() alone) is what is comparable across threads; session.ts measures the
 * residual skew between the main thread and each worker at start.
 */
import { performance } from 'node:perf_hooks';

export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
