/**
 * Preloaded into the servers the bench starts (`node --require heap-probe.js`), never part of the
 * api itself: records the server's garbage collections during a phase and answers the bench over
 * the IPC channel the bench opened.
 *
 * Per phase ('start' … 'stop'): every GC with its wall-clock time, kind and pause
 * (PerformanceObserver 'gc', for the per-second timeline), and from V8's GCProfiler the heap
 * before and after each GC: bytes allocated (heap growth between collections, summed) and bytes
 * promoted (old-space growth during scavenges: what survived two scavenges). Both are counts of
 * work, not of time, so they hold on a busy machine.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { GCProfiler, getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { LoopLag } from './loop-lag';
import type { GcEvent, HeapPhaseStats, ProbeReply, ProbeRequest } from './probe-protocol';

interface SpaceStats {
  spaceName: string;
  spaceUsedSize: number;
}
interface GcStat {
  gcType: string;
  cost: number;
  beforeGC: { heapStatistics: { usedHeapSize: number }; heapSpaceStatistics: SpaceStats[] };
  afterGC: { heapStatistics: { usedHeapSize: number }; heapSpaceStatistics: SpaceStats[] };
}

/** perf_hooks' gc kinds (NODE_PERFORMANCE_GC_*). */
const KINDS: Record<number, GcEvent['kind']> = { 1: 'minor', 2: 'major', 4: 'incremental', 8: 'weakcb' };
const OLD_SPACES = new Set(['old_space', 'large_object_space', 'code_space', 'code_large_object_space']);

let events: GcEvent[] = [];
let profiler: GCProfiler | null = null;
let startUsed = 0;
let startedAt = 0;
const loopLag = new LoopLag();

const observer = new PerformanceObserver((list) => {
  if (!profiler) return;
  for (const e of list.getEntries()) {
    const kind = KINDS[(e as unknown as { detail?: { kind?: number } }).detail?.kind ?? 0] ?? 'minor';
    events.push({ at: performance.timeOrigin + e.startTime, kind, ms: Math.round(e.duration * 100) / 100 });
  }
});
observer.observe({ entryTypes: ['gc'] });

function oldUsed(spaces: SpaceStats[]): number {
  let n = 0;
  for (const s of spaces) if (OLD_SPACES.has(s.spaceName)) n += s.spaceUsedSize;
  return n;
}

function summarize(stats: GcStat[], endUsed: number, seconds: number): HeapPhaseStats {
  let allocated = 0;
  let promoted = 0;
  let previousAfter = startUsed;
  let scavenges = 0;
  let majors = 0;
  for (const s of stats) {
    allocated += Math.max(0, s.beforeGC.heapStatistics.usedHeapSize - previousAfter);
    previousAfter = s.afterGC.heapStatistics.usedHeapSize;
    if (s.gcType === 'Scavenge' || s.gcType === 'MinorMarkSweep' || s.gcType === 'MinorMarkCompact') {
      scavenges++;
      promoted += Math.max(0, oldUsed(s.afterGC.heapSpaceStatistics) - oldUsed(s.beforeGC.heapSpaceStatistics));
    } else if (s.gcType === 'MarkSweepCompact') majors++;
  }
  allocated += Math.max(0, endUsed - previousAfter);
  const pause = (kind: GcEvent['kind']) => Math.round(events.filter((e) => e.kind === kind).reduce((a, e) => a + e.ms, 0) * 10) / 10;
  return {
    seconds,
    allocatedBytes: allocated,
    promotedBytes: promoted,
    scavenges,
    markCompacts: majors,
    pauseMs: { minor: pause('minor'), major: pause('major'), incremental: pause('incremental') },
    heapUsedMB: Math.round((endUsed / 2 ** 20) * 10) / 10,
    events,
  };
}

/**
 * With FP_PROBE_HEAP_PROFILE_DIR (bench --heap-sampling=DIR): V8's sampling heap profiler during
 * each phase, counting objects already collected too, so the profile shows where a phase
 * allocates (not only what it keeps). One .heapprofile per phase, for DevTools or a script.
 */
const samplingDir = process.env.FP_PROBE_HEAP_PROFILE_DIR;
let inspector: Session | null = null;
let phaseNumber = 0;

function post(method: string, params?: object): Promise<unknown> {
  return new Promise((resolve, reject) => inspector!.post(method, params ?? {}, (e, r) => (e ? reject(e) : resolve(r))));
}

async function startSampling(): Promise<void> {
  if (!samplingDir) return;
  if (!inspector) {
    inspector = new Session();
    inspector.connect();
  }
  await post('HeapProfiler.startSampling', {
    samplingInterval: 16384,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  }).catch(() => undefined);
}

async function stopSampling(): Promise<void> {
  if (!samplingDir || !inspector) return;
  const r = (await post('HeapProfiler.stopSampling').catch(() => null)) as { profile: unknown } | null;
  if (r) writeFileSync(join(samplingDir, `${process.pid}-phase${++phaseNumber}.heapprofile`), JSON.stringify(r.profile));
}

function reply(message: ProbeReply): void {
  process.send?.(message);
}

process.on('message', (raw: unknown) => {
  const m = raw as ProbeRequest;
  if (!m || typeof m !== 'object' || m.fpProbe === undefined) return;
  if (m.fpProbe === 'start') {
    profiler?.stop();
    events = [];
    startUsed = getHeapStatistics().used_heap_size;
    startedAt = performance.now();
    profiler = new GCProfiler();
    profiler.start();
    loopLag.start();
    void startSampling().then(() => reply({ fpProbe: 'started', id: m.id }));
  } else if (m.fpProbe === 'stop') {
    const result = profiler?.stop() as { statistics: GcStat[] } | undefined;
    profiler = null;
    const stats = summarize(result?.statistics ?? [], getHeapStatistics().used_heap_size, (performance.now() - startedAt) / 1000);
    events = [];
    loopLag.stop();
    stats.loopLag = loopLag.seconds();
    void stopSampling().then(() => reply({ fpProbe: 'stopped', id: m.id, stats }));
  } else if (m.fpProbe === 'settle') {
    fullGc();
    const u = process.memoryUsage();
    reply({ fpProbe: 'settled', id: m.id, memory: { rssBytes: u.rss, retainedBytes: u.heapUsed + u.external } });
  }
});

let gcFunction: (() => void) | null = null;

/** A full, blocking GC without starting the server with --expose-gc (only the bench asks for it, between phases). */
function fullGc(): void {
  if (!gcFunction) {
    setFlagsFromString('--expose-gc');
    gcFunction = runInNewContext('gc') as () => void;
  }
  gcFunction();
}
// The channel must not keep a server alive that is otherwise done.
process.channel?.unref();
