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

export interface SlowSecond {
  second: number;
  slow: number;
  max: number;
  /** A major GC of the server in that second or the one before. */
  majorGc: boolean;
  /** The largest event-loop lag of the server, and of the load generator, in that second (ms). */
  serverLagMs: number;
  loadgenLagMs: number;
  /** PostgreSQL's waits other than cpu in that second and the one before (samples). */
  pgWaits: Record<string, number>;
  /** What the timeline points at, in words (or 'unattributed'). */
  cause: string;
}

/** A loop lag of at least this much is a stall that alone makes a receipt slow. */
const STALL_MS = 25;

/**
 * The seconds with a receipt over 50 ms, each with what else the timeline holds for it: the
 * server's major GCs and loop lag, the load generator's loop lag and PostgreSQL's waits.
 */
export function slowSeconds(timeline: TimelineBucket[]): SlowSecond[] {
  const out: SlowSecond[] = [];
  timeline.forEach((b, i) => {
    if (!b.slow) return;
    const before = timeline[i - 1];
    const major = (x: TimelineBucket | undefined) => Boolean(x?.gc && x.gc.major > 0);
    const pgWaits: Record<string, number> = {};
    for (const x of [before, b])
      for (const [w, n] of Object.entries(x?.pg ?? {})) if (w !== 'CPU' && !w.startsWith('Client:')) pgWaits[w] = (pgWaits[w] ?? 0) + n;
    const s: SlowSecond = {
      second: i,
      slow: b.slow,
      max: b.max,
      majorGc: major(b) || major(before),
      serverLagMs: b.serverLagMs ?? 0,
      loadgenLagMs: b.loadgenLagMs ?? 0,
      pgWaits,
      cause: '',
    };
    const causes: string[] = [];
    if (s.serverLagMs >= STALL_MS) causes.push(`server loop stalled ${s.serverLagMs} ms${s.majorGc ? ' (major GC)' : ''}`);
    else if (s.majorGc) causes.push('major GC');
    if (s.loadgenLagMs >= STALL_MS) causes.push(`load generator stalled ${s.loadgenLagMs} ms`);
    // In words, background work by what it is (a checkpoint's writes and its throttling sleeps alike).
    const named: Record<string, number> = {};
    for (const [w, n] of Object.entries(pgWaits)) {
      const key = w.startsWith('checkpointer ') ? 'checkpoint' : w.startsWith('autovacuum worker ') ? 'autovacuum' : w;
      named[key] = (named[key] ?? 0) + n;
    }
    const waits = Object.entries(named).sort((x, y) => y[1] - x[1]);
    if (waits.length)
      causes.push(
        `PostgreSQL ${waits
          .slice(0, 3)
          .map(([w, n]) => `${w}×${n}`)
          .join(', ')}`,
      );
    s.cause = causes.join('; ') || 'unattributed';
    out.push(s);
  });
  return out;
}
