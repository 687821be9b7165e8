/**
 * The main thread's side of the load generator: spreads the sockets over worker threads, runs
 * open-loop phases at a fixed total rate, and merges the workers' histograms and per-plan checks.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { nowMs } from './clock';
import { mergeEncoded, newHistogram, summarize, type LatencySummary } from './histogram';
import type {
  ClientPhaseStats,
  ClientSpec,
  ConnectOptions,
  EditorPhaseStats,
  FailoverStats,
  MainToWorker,
  TimelineBucket,
  WorkerToMain,
} from './types';

export interface SessionOptions extends ConnectOptions {
  workers: number;
}

export interface StageResult {
  ok: number;
  failed: number;
  errors: string[];
  latency: LatencySummary;
  seconds: number;
}

export interface PlanProblem {
  planId: string;
  lost: number;
  duplicates: number;
  outOfOrder: number;
}

export interface PhaseResult {
  label: string;
  targetRate: number;
  /** Epoch ms of the first scheduled send: second 0 of the timeline. */
  startAt: number;
  durationS: number;
  editors: number;
  sent: number;
  acked: number;
  ackErrors: number;
  ackTimeouts: number;
  errorCodes: Record<string, number>;
  /** Acked edits per second of the sending window. */
  achievedRate: number;
  /** Scheduled send → receipt at every other client in the plan. */
  latency: LatencySummary;
  /** Scheduled send → ack at the sender. */
  ack: LatencySummary;
  /** Scheduled send → actual send: how late the load generator itself was. */
  sendLag: LatencySummary;
  expectedDeliveries: number;
  received: number;
  lost: number;
  duplicates: number;
  outOfOrder: number;
  disconnected: number;
  heartbeatsSent: number;
  /** Per second of the phase: receipts, receipts slower than 50 ms, and the slowest (ms). */
  timeline: TimelineBucket[];
  /** [epoch second, largest event-loop lag ms] over the load generator's workers. */
  loadgenLoopLag: [number, number][];
  heartbeatsFailed: number;
  plansWithProblems: PlanProblem[];
  /** Highest revision per plan known after the phase (acks and receipts). */
  finalRevisions: Record<string, number>;
}

type Waiter = { type: WorkerToMain['type']; resolve: (m: WorkerToMain) => void; reject: (e: Error) => void };

class WorkerHandle {
  private waiters: Waiter[] = [];
  private failure: Error | null = null;
  constructor(readonly worker: Worker) {
    worker.on('message', (m: WorkerToMain) => {
      if (m.type === 'error') return this.fail(new Error(`worker: ${m.message}`));
      const i = this.waiters.findIndex((w) => w.type === m.type);
      if (i >= 0) this.waiters.splice(i, 1)[0].resolve(m);
    });
    worker.on('error', (e) => this.fail(e));
    worker.on('exit', (code) => {
      if (code !== 0) this.fail(new Error(`worker exited with ${code}`));
    });
  }
  private fail(e: Error): void {
    this.failure = e;
    for (const w of this.waiters.splice(0)) w.reject(e);
  }
  request<T extends WorkerToMain['type']>(msg: MainToWorker, type: T): Promise<Extract<WorkerToMain, { type: T }>> {
    if (this.failure) return Promise.reject(this.failure);
    const p = new Promise<WorkerToMain>((resolve, reject) => this.waiters.push({ type, resolve, reject }));
    this.worker.postMessage(msg);
    return p as Promise<Extract<WorkerToMain, { type: T }>>;
  }
}

export class LoadSession {
  private phaseCounter = 0;
  connect!: StageResult;
  join: StageResult | null = null;
  /** Largest measured offset between a worker's clock and the main thread's, in ms. */
  clockSkewMs = 0;

  private constructor(
    private readonly handles: WorkerHandle[],
    readonly clients: ClientSpec[],
  ) {}

  static async open(clients: ClientSpec[], options: SessionOptions): Promise<LoadSession> {
    const count = Math.max(1, Math.min(options.workers, clients.length));
    const handles = Array.from({ length: count }, () => new WorkerHandle(new Worker(join(__dirname, 'worker.js'))));
    const session = new LoadSession(handles, clients);
    try {
      await session.measureClock();
      const shares: ClientSpec[][] = handles.map(() => []);
      clients.forEach((c, i) => shares[i % count].push(c));
      const { url, path, join: doJoin, connectConcurrency, connectTimeoutMs, heartbeats } = options;
      const t0 = nowMs();
      const connected = await Promise.all(
        handles.map((h, i) =>
          h.request(
            { type: 'connect', clients: shares[i], options: { url, path, join: doJoin, connectConcurrency, connectTimeoutMs, heartbeats } },
            'connected',
          ),
        ),
      );
      session.connect = {
        ok: sum(connected.map((c) => c.connected)),
        failed: sum(connected.map((c) => c.failed)),
        errors: connected.flatMap((c) => c.errors),
        latency: summarize(
          mergeEncoded(
            newHistogram(),
            connected.map((c) => c.connectHist),
          ),
        ),
        seconds: (nowMs() - t0) / 1000,
      };
      if (doJoin && session.connect.ok > 0) await session.joinAll();
    } catch (e) {
      await session.close();
      throw e;
    }
    return session;
  }

  async joinAll(): Promise<StageResult> {
    const t0 = nowMs();
    const joined = await Promise.all(this.handles.map((h) => h.request({ type: 'join' }, 'joined')));
    this.join = {
      ok: sum(joined.map((c) => c.joined)),
      failed: sum(joined.map((c) => c.failed)),
      errors: joined.flatMap((c) => c.errors),
      latency: summarize(
        mergeEncoded(
          newHistogram(),
          joined.map((c) => c.joinHist),
        ),
      ),
      seconds: (nowMs() - t0) / 1000,
    };
    return this.join;
  }

  private async measureClock(): Promise<void> {
    let worst = 0;
    for (const h of this.handles) {
      let best = { rtt: Infinity, offset: 0 };
      for (let i = 0; i < 5; i++) {
        const t0 = nowMs();
        const r = await h.request({ type: 'clock', mainNow: t0 }, 'clock');
        const t1 = nowMs();
        if (t1 - t0 < best.rtt) best = { rtt: t1 - t0, offset: r.workerNow - (t0 + t1) / 2 };
      }
      worst = Math.max(worst, Math.abs(best.offset));
    }
    this.clockSkewMs = Math.round(worst * 1000) / 1000;
  }

  /** Sends `rate` edits per second in all, evenly spread over the editors, for `durationS`. */
  async runPhase(label: string, rate: number, durationS: number, ackTimeoutMs = 20_000): Promise<PhaseResult> {
    const phaseId = ++this.phaseCounter;
    const editors = this.clients.filter((c) => c.goalId);
    const spacing = 1000 / rate;
    const intervalMs = spacing * editors.length;
    const phase = {
      phaseId,
      startAt: nowMs() + 300,
      durationMs: durationS * 1000,
      intervalMs,
      editors: editors.map((c, j) => ({ clientId: c.id, offsetMs: j * spacing })),
      ackTimeoutMs,
    };
    const sent = await Promise.all(this.handles.map((h) => h.request({ type: 'phase', phase }, 'sent')));
    const finalRevisions: Record<string, number> = {};
    for (const s of sent) {
      for (const [plan, rev] of [...Object.entries(s.maxAckRevision), ...Object.entries(s.highestSeen)]) {
        finalRevisions[plan] = Math.max(finalRevisions[plan] ?? 0, rev);
      }
    }
    const collected = await Promise.all(
      this.handles.map((h) => h.request({ type: 'collect', phaseId, expected: finalRevisions, deadlineMs: 10_000 }, 'collected')),
    );
    const clientStats: ClientPhaseStats[] = collected.flatMap((c) => c.clients);
    // A receipt may reveal a revision no ack reported (an ack that timed out): the plan got that far.
    for (const c of clientStats) finalRevisions[c.planId] = Math.max(finalRevisions[c.planId] ?? 0, c.highest);
    const editorStats: EditorPhaseStats[] = sent.flatMap((s) => s.editors);

    const perPlan = new Map<string, PlanProblem>();
    let expectedDeliveries = 0;
    let disconnected = 0;
    for (const c of clientStats) {
      const expected = Math.max(0, (finalRevisions[c.planId] ?? c.baseRevision) - c.baseRevision);
      expectedDeliveries += expected;
      const lost = Math.max(0, expected - c.distinct);
      if (c.disconnected) disconnected++;
      if (lost || c.duplicates || c.outOfOrder) {
        const p = perPlan.get(c.planId) ?? { planId: c.planId, lost: 0, duplicates: 0, outOfOrder: 0 };
        p.lost += lost;
        p.duplicates += c.duplicates;
        p.outOfOrder += c.outOfOrder;
        perPlan.set(c.planId, p);
      }
    }
    const problems = [...perPlan.values()];
    const errorCodes: Record<string, number> = {};
    for (const e of editorStats) for (const [code, n] of Object.entries(e.errorCodes)) errorCodes[code] = (errorCodes[code] ?? 0) + n;
    const acked = sum(editorStats.map((e) => e.acked));
    return {
      label,
      targetRate: rate,
      startAt: phase.startAt,
      durationS,
      editors: editorStats.length,
      sent: sum(editorStats.map((e) => e.sent)),
      acked,
      ackErrors: sum(editorStats.map((e) => e.ackErrors)),
      ackTimeouts: sum(editorStats.map((e) => e.ackTimeouts)),
      errorCodes,
      achievedRate: Math.round((acked / durationS) * 10) / 10,
      latency: summarize(
        mergeEncoded(
          newHistogram(),
          collected.map((c) => c.latencyHist),
        ),
      ),
      ack: summarize(
        mergeEncoded(
          newHistogram(),
          sent.map((s) => s.ackHist),
        ),
      ),
      sendLag: summarize(
        mergeEncoded(
          newHistogram(),
          sent.map((s) => s.sendLagHist),
        ),
      ),
      expectedDeliveries,
      received: sum(collected.map((c) => c.received)),
      lost: sum(problems.map((p) => p.lost)),
      duplicates: sum(problems.map((p) => p.duplicates)),
      outOfOrder: sum(problems.map((p) => p.outOfOrder)),
      disconnected,
      heartbeatsSent: sum(collected.map((c) => c.heartbeats.sent)),
      timeline: mergeTimelines(collected.map((c) => c.timeline)),
      loadgenLoopLag: mergeLag(collected.map((c) => c.loopLag)),
      heartbeatsFailed: sum(collected.map((c) => c.heartbeats.failed)),
      plansWithProblems: problems
        .sort((a, b) => b.lost + b.duplicates + b.outOfOrder - (a.lost + a.duplicates + a.outOfOrder))
        .slice(0, 10),
      finalRevisions,
    };
  }

  /** Clients that failed over to their fallback server so far, over all workers. */
  async failovers(): Promise<FailoverStats> {
    const all = await Promise.all(this.handles.map((h) => h.request({ type: 'failovers' }, 'failovers')));
    const out: FailoverStats = { disconnected: 0, back: 0, failed: 0, errors: [], firstDisconnectAt: null, lastBackAt: null };
    for (const { failovers: f } of all) {
      out.disconnected += f.disconnected;
      out.back += f.back;
      out.failed += f.failed;
      out.errors.push(...f.errors);
      if (f.firstDisconnectAt !== null) out.firstDisconnectAt = Math.min(out.firstDisconnectAt ?? Infinity, f.firstDisconnectAt);
      if (f.lastBackAt !== null) out.lastBackAt = Math.max(out.lastBackAt ?? 0, f.lastBackAt);
    }
    return out;
  }

  async close(): Promise<void> {
    await Promise.all(
      this.handles.map(async (h) => {
        await Promise.race([h.request({ type: 'close' }, 'closed').catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
        await h.worker.terminate();
      }),
    );
  }
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

function mergeLag(lags: [number, number][][]): [number, number][] {
  const out = new Map<number, number>();
  for (const lag of lags) for (const [second, ms] of lag) out.set(second, Math.max(out.get(second) ?? 0, ms));
  return [...out].sort((a, b) => a[0] - b[0]);
}

function mergeTimelines(timelines: TimelineBucket[][]): TimelineBucket[] {
  const out: TimelineBucket[] = [];
  for (const t of timelines) {
    t.forEach((b, i) => {
      const o = (out[i] ??= { n: 0, slow: 0, max: 0 });
      o.n += b.n;
      o.slow += b.slow;
      o.max = Math.max(o.max, b.max);
    });
  }
  return Array.from(out, (b) => b ?? { n: 0, slow: 0, max: 0 });
}
