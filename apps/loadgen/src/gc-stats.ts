/**
 * What a phase cost the server's heap, per acked edit, from the heap probe (heap-probe.ts) and the
 * server's thread cpu times: counts of bytes and collections are robust on a shared machine where
 * latencies are not. Also puts each collection into the phase's per-second timeline, so that a
 * slow second can be matched with a major GC (or shown not to be one).
 */
import type { HeapPhaseStats } from './probe-protocol';
import type { TimelineBucket } from './types';

export interface GcPerEdit {
  allocatedKBPerEdit: number;
  /** Survived two scavenges (old-space growth during scavenges). */
  promotedKBPerEdit: number;
  scavengesPer1000: number;
  markCompactsPer1000: number;
  /** Main-thread GC pauses per 1,000 edits, ms (minor, major + incremental). */
  minorPauseMsPer1000: number;
  majorPauseMsPer1000: number;
  /** Cpu of the server's main thread and of its other threads (V8's concurrent marking and sweeping, mostly) per edit. */
  mainThreadCpuMsPerEdit: number;
  otherThreadsCpuMsPerEdit: number;
  heapUsedMB: number;
}

const round = (x: number, digits = 10) => Math.round(x * digits) / digits;

export function gcPerEdit(stats: HeapPhaseStats, acked: number, threads: { main: number; others: number }): GcPerEdit | null {
  if (!acked) return null;
  const per1000 = (x: number) => round((x * 1000) / acked);
  return {
    allocatedKBPerEdit: round(stats.allocatedBytes / 1024 / acked),
    promotedKBPerEdit: round(stats.promotedBytes / 1024 / acked, 100),
    scavengesPer1000: per1000(stats.scavenges),
    markCompactsPer1000: round((stats.markCompacts * 1000) / acked, 100),
    minorPauseMsPer1000: per1000(stats.pauseMs.minor),
    majorPauseMsPer1000: per1000(stats.pauseMs.major + stats.pauseMs.incremental),
    mainThreadCpuMsPerEdit: round((threads.main * 1000) / acked, 1000),
    otherThreadsCpuMsPerEdit: round((threads.others * 1000) / acked, 1000),
    heapUsedMB: stats.heapUsedMB,
  };
}

/** Adds the server's collections to the timeline buckets (second 0 starts at `startAt`, epoch ms). */
export function addGcToTimeline(timeline: TimelineBucket[], startAt: number, stats: HeapPhaseStats): void {
  for (const e of stats.events) {
    const second = Math.floor((e.at - startAt) / 1000);
    if (second < 0 || second >= timeline.length + 5) continue;
    const b = (timeline[second] ??= { n: 0, slow: 0, max: 0 });
    const gc = (b.gc ??= { minor: 0, major: 0, incremental: 0, pauseMs: 0, maxPauseMs: 0 });
    if (e.kind === 'minor') gc.minor++;
    else if (e.kind === 'major') gc.major++;
    else if (e.kind === 'incremental') gc.incremental++;
    gc.pauseMs = round(gc.pauseMs + e.ms);
    gc.maxPauseMs = Math.max(gc.maxPauseMs, e.ms);
  }
  for (let i = 0; i < timeline.length; i++) timeline[i] ??= { n: 0, slow: 0, max: 0 };
}

/** The seconds with a receipt over 50 ms, and whether a major GC ran in that second or the one before. */
export function slowSeconds(timeline: TimelineBucket[]): { second: number; slow: number; max: number; majorGc: boolean }[] {
  const out: { second: number; slow: number; max: number; majorGc: boolean }[] = [];
  timeline.forEach((b, i) => {
    if (!b.slow) return;
    const major = (x: TimelineBucket | undefined) => Boolean(x?.gc && x.gc.major > 0);
    out.push({ second: i, slow: b.slow, max: b.max, majorGc: major(b) || major(timeline[i - 1]) });
  });
  return out;
}
