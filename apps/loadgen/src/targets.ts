/**
 * Issue 18's targets ("What must hold"), judged on one run: for each, met / missed / not measured
 * in this run, with the figures it was judged on. The issue's own verdict is the median of three
 * runs with no run worse than twice a target; this says what one run showed, on this machine.
 */

interface Latency {
  p50: number;
  p99: number;
}
interface Phase {
  latency: Latency;
  lost: number;
  duplicates: number;
  outOfOrder: number;
  serverCpuMsPerEdit: number;
  postgresCpuMsPerEdit: number;
  timeline: { slow: number; max: number }[];
  noisy?: boolean;
  /** Cpu the hypervisor gave other guests during the phase (% of one cpu). */
  stealCpuPct?: number;
}
interface Run {
  phases?: Phase[];
}
interface Idle {
  kbPerSocketJoined: number | null;
  retainedKbPerSocketJoined?: number | null;
  joinSeconds: number | null;
  sockets: number;
}

/**
 * Memory per joined socket, api and baseline, by the same measure: RSS (after a full GC) when both
 * grew, else what JS retains (heap + external after a full GC); null when neither gives two
 * positive figures (the process returned memory to the system between the readings).
 */
function memoryPerSocket(a: Idle, b: Idle): { api: number; baseline: number; measure: string } | null {
  if ((a.kbPerSocketJoined ?? 0) > 0 && (b.kbPerSocketJoined ?? 0) > 0)
    return { api: a.kbPerSocketJoined!, baseline: b.kbPerSocketJoined!, measure: 'RSS' };
  if ((a.retainedKbPerSocketJoined ?? 0) > 0 && (b.retainedKbPerSocketJoined ?? 0) > 0)
    return { api: a.retainedKbPerSocketJoined!, baseline: b.retainedKbPerSocketJoined!, measure: 'JS heap + external (RSS fell)' };
  return null;
}
interface Capacity {
  highestHeld: number | null;
  steps?: { stealCpuPct?: number }[];
}

/**
 * Steal is not other work on this machine but the host's: the cpu a phase had was not the cpu the
 * other side's phase had. Said beside the figures when either side lost 5 % of a cpu or more to
 * it; the verdict itself stands (a target must hold on whatever box runs the bench).
 */
export function stealNote(api: (number | undefined)[], baseline: (number | undefined)[]): string {
  const most = (xs: (number | undefined)[]) => Math.max(0, ...xs.filter((x): x is number => typeof x === 'number'));
  const a = most(api);
  const b = most(baseline);
  return Math.max(a, b) >= 5 ? ` (the host stole up to ${fmt(a)} % of a cpu in the api's phases, ${fmt(b)} % in the baseline's)` : '';
}

export interface Verdict {
  target: string;
  /** null: not measured in this run (a scenario skipped, or only one side run). */
  met: boolean | null;
  detail: string;
}

const fmt = (x: number | null | undefined, digits = 1) =>
  typeof x === 'number' ? String(Math.round(x * 10 ** digits) / 10 ** digits) : '–';

export function judge(scenarios: Record<string, Record<string, unknown>>): Verdict[] {
  const out: Verdict[] = [];
  const first = (scenario: string, target: string) => (scenarios[scenario]?.[target] as Run | undefined)?.phases?.[0];
  const b = first('municipality', 'baseline');
  const a = first('municipality', 'api');

  // 1. Municipality latency and correctness.
  if (a && b) {
    const slowSeconds = a.timeline.filter((s) => s.slow > 0).length;
    const clean = a.lost + a.duplicates + a.outOfOrder === 0;
    const met = a.latency.p99 <= 2 * b.latency.p99 && a.latency.p99 <= 30 && slowSeconds === 0 && clean;
    out.push({
      target: '1. municipality: api p99 ≤ 2 × baseline and ≤ 30 ms, no second over 50 ms, nothing lost',
      met,
      detail:
        `api p99 ${fmt(a.latency.p99)} ms vs baseline ${fmt(b.latency.p99)} ms (×${fmt(a.latency.p99 / b.latency.p99, 2)}); ` +
        `${slowSeconds} second(s) with a receipt over 50 ms; lost/dup/ooo ${a.lost}/${a.duplicates}/${a.outOfOrder}` +
        (a.noisy || b.noisy ? ' (measured while the machine was busy: timing not trustworthy)' : '') +
        stealNote([a.stealCpuPct], [b.stealCpuPct]),
    });
  } else out.push({ target: '1. municipality latency', met: null, detail: 'needs both targets' });

  // 2. Capacity.
  const cap = scenarios.capacity as Record<string, Capacity> | undefined;
  const capB = cap?.baseline?.highestHeld;
  const capA = cap?.api?.highestHeld;
  out.push(
    typeof capA === 'number' && typeof capB === 'number'
      ? {
          target: '2. capacity: api ≥ 0.8 × baseline',
          met: capA >= 0.8 * capB,
          detail:
            `api ${capA}/s vs baseline ${capB}/s (×${fmt(capA / capB, 2)})` +
            stealNote(
              (cap?.api?.steps ?? []).map((st) => st.stealCpuPct),
              (cap?.baseline?.steps ?? []).map((st) => st.stealCpuPct),
            ),
        }
      : { target: '2. capacity', met: null, detail: 'not measured in this run' },
  );

  // 3. Cpu per edit.
  if (a && b) {
    const ca = a.serverCpuMsPerEdit + a.postgresCpuMsPerEdit;
    const cb = b.serverCpuMsPerEdit + b.postgresCpuMsPerEdit;
    out.push({
      target: '3. cpu per edit (server + PostgreSQL): ≤ 1.3 × baseline',
      met: ca <= 1.3 * cb,
      detail: `api ${fmt(ca, 3)} ms vs baseline ${fmt(cb, 3)} ms (×${fmt(ca / cb, 2)})` + stealNote([a.stealCpuPct], [b.stealCpuPct]),
    });
  } else out.push({ target: '3. cpu per edit', met: null, detail: 'needs both targets' });

  // 4. Idle.
  const idle = scenarios.idle as Record<string, Idle | { error: string }> | undefined;
  const ib = idle?.baseline && !('error' in idle.baseline) ? idle.baseline : null;
  const ia = idle?.api && !('error' in idle.api) ? idle.api : null;
  if (ia && ib && ia.joinSeconds !== null && ib.joinSeconds !== null) {
    const memory = memoryPerSocket(ia, ib);
    const joinsMet = ia.joinSeconds <= 2 * ib.joinSeconds;
    out.push({
      target: `4. idle: ≤ 2 × baseline memory per joined socket, ${ia.sockets} joins in ≤ 2 × baseline time`,
      // A memory figure that could not be measured leaves the target unjudged, not met.
      met: memory ? memory.api <= 2 * memory.baseline && joinsMet : joinsMet ? null : false,
      detail:
        (memory
          ? `${fmt(memory.api)} vs ${fmt(memory.baseline)} KB per joined socket, ${memory.measure} (×${fmt(memory.api / memory.baseline, 2)}); `
          : `memory per joined socket not measured (RSS ${fmt(ia.kbPerSocketJoined)} vs ${fmt(ib.kbPerSocketJoined)} KB, JS ${fmt(ia.retainedKbPerSocketJoined)} vs ${fmt(ib.retainedKbPerSocketJoined)} KB); `) +
        `joins ${fmt(ia.joinSeconds)} s vs ${fmt(ib.joinSeconds)} s (×${fmt(ia.joinSeconds / Math.max(ib.joinSeconds, 0.1), 2)})`,
    });
  } else out.push({ target: '4. idle', met: null, detail: 'needs both targets' });

  // 5. Plan load.
  const pl = (scenarios.planLoad as Record<string, { status: number; latency: { p95: number } }> | undefined)?.api;
  out.push(
    pl
      ? {
          target: '5. plan load: p95 ≤ 15 ms',
          met: pl.status === 200 && pl.latency.p95 <= 15,
          detail: `p95 ${fmt(pl.latency.p95)} ms (status ${pl.status})`,
        }
      : { target: '5. plan load', met: null, detail: 'not measured in this run' },
  );
  // 7. Two nodes over Redis, and a node killed.
  const two = (scenarios.twoNode as Record<string, TwoNode> | undefined)?.api;
  if (two?.crossNode) {
    const clean = (p: TwoNodePhase | null | undefined) => Boolean(p) && p!.lost + p!.duplicates + p!.outOfOrder === 0;
    const allBack = two.kill?.secondsUntilAllBack ?? null;
    out.push({
      target: '7. two nodes: nothing lost across nodes; after SIGKILL of one, nothing acknowledged lost and every client back',
      met: clean(two.crossNode) && clean(two.afterKill) && two.committedUnseen === 0 && allBack !== null,
      detail:
        `cross-node p50 ${fmt(two.crossNode.latency.p50)} / p99 ${fmt(two.crossNode.latency.p99)} ms` +
        (a ? ` (one node ${fmt(a.latency.p50)} / ${fmt(a.latency.p99)} ms)` : '') +
        `; every client back ${allBack === null ? 'not within 90 s' : `${allBack} s after the kill`}` +
        `; after: lost/dup/ooo ${two.afterKill ? `${two.afterKill.lost}/${two.afterKill.duplicates}/${two.afterKill.outOfOrder}` : '–'}, committed but unseen ${two.committedUnseen}`,
    });
  } else out.push({ target: '7. two nodes', met: null, detail: 'not measured in this run' });
  return out;
}

interface TwoNodePhase {
  latency: Latency;
  lost: number;
  duplicates: number;
  outOfOrder: number;
}
interface TwoNode {
  crossNode: TwoNodePhase | null;
  kill: { secondsUntilAllBack: number | null } | null;
  afterKill?: TwoNodePhase;
  committedUnseen: number;
}

export function renderVerdicts(verdicts: Verdict[], cpuModel: string, note: string): string {
  const word = (v: Verdict) => (v.met === null ? 'not measured' : v.met ? 'MET' : 'MISSED');
  return [
    `Issue 18 targets in this run, on ${cpuModel}${note ? ` (${note})` : ''}:`,
    ...verdicts.map((v) => `  ${word(v).padEnd(12)} ${v.target}: ${v.detail}`),
  ].join('\n');
}
