/**
 * HDR histograms of latencies in microseconds (1 µs to 2 min, 3 significant digits). Workers send
 * them to the main thread compressed; the main thread merges them.
 */
import { build, decodeFromCompressedBase64, encodeIntoCompressedBase64, type Histogram } from 'hdr-histogram-js';

const HIGHEST_US = 120_000_000;

export function newHistogram(): Histogram {
  return build({ lowestDiscernibleValue: 1, highestTrackableValue: HIGHEST_US, numberOfSignificantValueDigits: 3, useWebAssembly: false });
}

/** Records a latency given in (fractional) milliseconds. */
export function recordMs(h: Histogram, ms: number): void {
  const us = Math.round(ms * 1000);
  h.recordValue(Math.min(HIGHEST_US, Math.max(1, us)));
}

export function encode(h: Histogram): string {
  return encodeIntoCompressedBase64(h);
}

export function mergeEncoded(into: Histogram, encoded: string[]): Histogram {
  for (const e of encoded) {
    if (!e) continue;
    const h = decodeFromCompressedBase64(e, 32, false);
    into.add(h);
  }
  return into;
}

export interface LatencySummary {
  count: number;
  /** Milliseconds. */
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(h: Histogram): LatencySummary {
  const ms = (us: number) => Math.round(us) / 1000;
  if (h.totalCount === 0) return { count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 };
  return {
    count: h.totalCount,
    p50: ms(h.getValueAtPercentile(50)),
    p95: ms(h.getValueAtPercentile(95)),
    p99: ms(h.getValueAtPercentile(99)),
    max: ms(h.maxValue),
    mean: Math.round(h.mean) / 1000,
  };
}
