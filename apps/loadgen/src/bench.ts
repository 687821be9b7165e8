/**
 * `npm run bench` (and `npm run bench -- --quick`): edit-to-peer latency, throughput and connection
 * cost of the api, side by side with a bare socket.io + pg baseline, in one run.
 *
 * Starts PostgreSQL (DATABASE_URL, else embedded), the api (built dist/) and the baseline as
 * processes pinned to the server cpus, pins itself and its worker threads to the other cpus, seeds
 * both databases with SQL, runs the scenarios of issue 7, prints a table, writes
 * bench-results.json, and exits non-zero if any event was lost, duplicated or out of order.
 *
 * Options: --quick, --only=api|baseline|minutes (minutes: the shared-text scenario alone), --skip=meeting,municipality,capacity,idle,planload,minutes,
 * --workers=N, --no-pin, --pg-with=loadgen|server (the cpus PostgreSQL shares; default loadgen),
 * --no-build, --fast-db (fsync off), --pg-conf=K=V,K=V (PostgreSQL settings for both servers' embedded database: an A/B), --out=FILE,
 * --baseline-faults=drop=0.01,dup=0.01,swap=0.01 (check that the checks catch a faulty server),
 * --profile=DIR (V8 cpu profiles of the api and the baseline, written when they stop),
 * --no-priority (do not raise the bench's processes to nice -10 on a shared machine),
 * --api-bare (the api without the node options it ships with, package.json start:prod: an A/B of them),
 * --api-node-args="--trace-gc ...", --api-env=K=V,K=V (an A/B of one api setting) and --server-logs=DIR (diagnosis), --pg-stats (the statements
 * each edit costs, from pg_stat_statements).
 */
import { execSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REALTIME_PATH } from '#contracts';
import { baselinePlanRevisions, migrateBaseline, seedBaselinePlans } from './baseline-db';
import { nowMs, sleep } from './clock';
import { addGcToTimeline, gcPerEdit, slowSeconds, type GcPerEdit } from './gc-stats';
import { addLagToTimeline, addPgToTimeline, PgActivity } from './pg-activity';
import { describeExports, measureExports } from './export-bench';
// By a relative path, as processes.ts does (#testing resolves to TypeScript source).
import { apiNodeFlags } from '../../../libs/testing/src/api-node-flags';
import { measurePlanLoad, type PlanLoadResult } from './plan-load';
import {
  checkpoint,
  cpuSeconds,
  dropDatabase,
  freePort,
  mayRaisePriority,
  pin,
  planPinning,
  renice,
  postmasterPid,
  recreateDatabase,
  rssBytes,
  settleDatabase,
  startPostgres,
  startServer,
  statementStats,
  threadCpuSeconds,
  treeCpuSeconds,
  walPerEdit,
  walPosition,
  withClient,
  type Pinning,
  type Postgres,
  type ServerProcess,
  type StatementStat,
} from './processes';
import { apiPlanRevisions, seedApiPlanLoad, seedApiPlans, seedApiTenant, type ApiTenant, type PlanLoadTarget } from './seed-api';
import { LoadSession, type PhaseResult, type StageResult } from './session';
import { describeMinutes, runMinutes, type MinutesRun } from './minutes-bench';
import { judge, renderVerdicts } from './targets';
import { runTwoNode, type TwoNodeRun } from './two-node';
import { runWebBench } from './web-bench';
import type { ClientSpec, PlanLayout, SeededPlans } from './types';

const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');
const API_MAIN = join(REPO_ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
const BASELINE_MAIN = join(__dirname, 'baseline-server.js');

type TargetName = 'baseline' | 'api';
const SCENARIOS = ['meeting', 'municipality', 'capacity', 'idle', 'planload', 'exports', 'twonode', 'minutes'] as const;
type Scenario = (typeof SCENARIOS)[number];

interface Args {
  quick: boolean;
  only: TargetName | null;
  skip: Set<Scenario>;
  workers: number;
  pin: boolean;
  /**
   * Which cpus PostgreSQL shares when pinning. Default: the load generator's, so that each server
   * has its cpu to itself, as an api node has in production with its database on another host.
   * `--pg-with=server` puts PostgreSQL beside the servers (BENCHMARKS.md shows what that costs).
   */
  pgWith: 'server' | 'loadgen';
  build: boolean;
  fastDb: boolean;
  /** `--pg-conf=K=V,K=V`: settings of the embedded PostgreSQL (shared by both servers), e.g. wal_compression=lz4. */
  pgConf: Record<string, string>;
  out: string;
  /** Test the checks: make the baseline drop, repeat and reorder events (see baseline-server.ts). */
  baselineFaults: string;
  /** Write a V8 cpu profile of the api (and the baseline) into this directory, at exit. */
  profileDir: string | null;
  /** Run the servers, PostgreSQL and the load generator at nice -10 where permitted (--no-priority: off). */
  priority: boolean;
  /** Extra node options for the api process, e.g. --api-node-args=--trace-gc (diagnosis). */
  apiNodeArgs: string[];
  /** The node options the api ships with (package.json start:prod), unless --api-bare (an A/B of them). */
  apiProductFlags: string[];
  /** `--api-env=K=V,K=V`: more environment for the api (an A/B of one setting, e.g. DATABASE_POOL_MAX=10). */
  apiEnv: Record<string, string>;
  /** Write the servers' output into this directory when they stop. */
  serverLogs: string | null;
  /** Load pg_stat_statements and record, per target, the statements of each scenario's main phase. */
  pgStats: boolean;
  /** Write a sampling heap profile of each server per phase (allocations, collected ones included) here. */
  heapSampling: string | null;
  /** The Redis of the two-node scenario. */
  redisUrl: string;
  /** `--municipality=PLANS,RATE,SECONDS`: a smaller municipality for a busy machine (same 1 editor + 3 viewers per plan). */
  municipality: { plans: number; rate: number; seconds: number } | null;
  /** `--api-main=PATH`: another build of the api (e.g. an older commit's dist) under the same bench. */
  apiMain: string;
  /** `--pdf-workers=N`: the api's PDF_WORKERS (0 draws PDFs on the main thread, as before the worker pool). */
  pdfWorkers: string | null;
}

/** `K=V,K=V` as an object. */
function keyValues(list: string | undefined): Record<string, string> {
  return Object.fromEntries(
    (list ?? '')
      .split(',')
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );
}

function parseArgs(argv: string[]): Args {
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  // --only=minutes: the shared-text scenario alone (minutes-bench.ts), on the api.
  const minutesOnly = value('only') === 'minutes';
  const only = minutesOnly ? 'api' : value('only');
  if (only && only !== 'api' && only !== 'baseline') throw new Error('--only=api|baseline|minutes');
  const skip = new Set((value('skip') ?? '').split(',').filter(Boolean) as Scenario[]);
  if (minutesOnly) for (const s of SCENARIOS) if (s !== 'minutes') skip.add(s);
  // --exports: the export scenario alone (export-bench.ts), on the api.
  if (argv.includes('--exports')) for (const s of SCENARIOS) if (s !== 'exports') skip.add(s);
  for (const s of skip) if (!SCENARIOS.includes(s)) throw new Error(`--skip: unknown scenario ${s}`);
  return {
    quick: argv.includes('--quick'),
    only: argv.includes('--exports') ? 'api' : ((only as TargetName | undefined) ?? null),
    skip,
    workers: Number(value('workers') ?? 2),
    pin: !argv.includes('--no-pin'),
    pgWith: value('pg-with') === 'server' ? 'server' : 'loadgen',
    build: !argv.includes('--no-build'),
    fastDb: argv.includes('--fast-db'),
    out: resolve(value('out') ?? join(REPO_ROOT, 'bench-results.json')),
    baselineFaults: value('baseline-faults') ?? '',
    profileDir: value('profile') ? resolve(value('profile')!) : null,
    priority: !argv.includes('--no-priority'),
    apiNodeArgs: (value('api-node-args') ?? '').split(' ').filter(Boolean),
    apiProductFlags: argv.includes('--api-bare') ? [] : apiNodeFlags(),
    apiEnv: keyValues(value('api-env')),
    pgConf: keyValues(value('pg-conf')),
    serverLogs: value('server-logs') ? resolve(value('server-logs')!) : null,
    pgStats: argv.includes('--pg-stats'),
    heapSampling: value('heap-sampling') ? resolve(value('heap-sampling')!) : null,
    redisUrl: value('redis-url') ?? 'redis://127.0.0.1:6379',
    municipality: municipalityOption(value('municipality')),
    pdfWorkers: value('pdf-workers') ?? null,
    apiMain: value('api-main') ? resolve(value('api-main')!) : API_MAIN,
  };
}

function municipalityOption(raw: string | undefined): Args['municipality'] {
  if (!raw) return null;
  const [plans, rate, seconds] = raw.split(',').map(Number);
  if (![plans, rate, seconds].every((n) => Number.isInteger(n) && n > 0)) throw new Error('--municipality=PLANS,RATE,SECONDS');
  return { plans, rate, seconds };
}

interface Sizes {
  warmupSeconds: number;
  meeting: PlanLayout & { rate: number; seconds: number };
  municipality: PlanLayout & { rate: number; seconds: number };
  capacity: { stepSeconds: number; firstRate: number; maxRate: number; refinements: number } | null;
  idle: { sockets: number; join: boolean };
  planLoad: { background: number; warmup: number; requests: number };
  /** Two api nodes over Redis (the municipality's plans and rate); null: not run. */
  twoNode: { seconds: number; killAfterSeconds: number } | null;
  /** Shared text: the meeting's clients with its minutes open, `typists` of them typing (issue 15). */
  minutes: { typists: number; charsPerSecond: number; seconds: number };
}

const FULL: Sizes = {
  warmupSeconds: 2,
  meeting: { plans: 1, editors: 3, viewers: 9, rate: 5, seconds: 20 },
  municipality: { plans: 500, editors: 1, viewers: 3, rate: 200, seconds: 30 },
  capacity: { stepSeconds: 8, firstRate: 400, maxRate: 12_800, refinements: 2 },
  idle: { sockets: 10_000, join: true },
  planLoad: { background: 100_000, warmup: 100, requests: 1000 },
  twoNode: { seconds: 20, killAfterSeconds: 8 },
  minutes: { typists: 3, charsPerSecond: 5, seconds: 20 },
};

const QUICK: Sizes = {
  warmupSeconds: 1,
  meeting: { plans: 1, editors: 3, viewers: 9, rate: 5, seconds: 4 },
  municipality: { plans: 50, editors: 1, viewers: 3, rate: 50, seconds: 4 },
  capacity: null,
  idle: { sockets: 400, join: true },
  planLoad: { background: 1000, warmup: 10, requests: 50 },
  twoNode: null,
  minutes: { typists: 3, charsPerSecond: 5, seconds: 3 },
};

interface Target {
  name: TargetName;
  server: ServerProcess;
  databaseUrl: string;
  revisions(planIds: string[]): Promise<Map<string, number>>;
  meeting: SeededPlans;
  municipality: SeededPlans;
  /** Why the realtime scenarios cannot run against this target, if they cannot. */
  unavailable: string | null;
  /** With --pg-stats: the statements its database ran since the last call (reset: start afresh). */
  statements: ((reset: boolean) => Promise<StatementStat[]>) | null;
}

interface PhaseRecord extends Omit<PhaseResult, 'finalRevisions'> {
  /** Measured while other work took ≥ 50 % cpu or the load generator lagged > 50 ms: timing not trustworthy. */
  noisy?: boolean;
  /** With --pg-stats, for the scenarios' main phases: what each acked edit cost in SQL. */
  pgStatements?: { query: string; callsPerEdit: number; msPerEdit: number }[];
  /** Cpu time per acked edit, in ms: robust to a busy machine where latencies are not. */
  serverCpuMsPerEdit: number;
  postgresCpuMsPerEdit: number;
  /** WAL per acked edit, whole cluster (one target runs at a time): what each commit waits to flush. */
  walPerEdit: { bytes: number; fpi: number; from: string; to: string } | null;
  /** Cpu used by anything but the bench's processes during the phase (a shared machine). */
  otherCpuPct: number;
  /** Cpu the hypervisor gave to other guests while our processes wanted it (steal in /proc/stat). */
  stealCpuPct: number;
  waitedForQuietMs: number;
  serverCpuPct: number;
  postgresCpuPct: number;
  loadgenCpuPct: number;
  pass?: boolean;
  loadgenBound?: boolean;
  /** The server's heap per acked edit (heap-probe.ts), when its probe answered. */
  gc?: GcPerEdit | null;
  /** Seconds with a receipt over 50 ms, each with whether a major GC of the server ran then. */
  slowSeconds?: ReturnType<typeof slowSeconds>;
}

interface RealtimeRun {
  /** Phases measured again because other work disturbed them (the quieter measurement is in phases). */
  disturbed: PhaseRecord[];
  /** Not part of the figures (JIT, pools, caches warm up), but checked for loss like the rest. */
  warmup: PhaseRecord | null;
  connect: StageResult;
  join: StageResult | null;
  clockSkewMs: number;
  phases: PhaseRecord[];
  /** Revisions committed in the database that no client saw (checked after the session). */
  committedUnseen: number;
  error?: string;
}

interface CapacityRun {
  steps: PhaseRecord[];
  highestHeld: number | null;
  firstFailed: number | null;
}

interface IdleRun {
  sockets: number;
  connected: number;
  joined: number | null;
  rssBeforeMB: number;
  rssConnectedMB: number;
  rssJoinedMB: number | null;
  kbPerSocketConnected: number;
  kbPerSocketJoined: number | null;
  /** What JS holds per socket (V8 heap in use + external), each reading after a full GC in the server; null without the probe. */
  retainedKbPerSocketConnected: number | null;
  retainedKbPerSocketJoined: number | null;
  connectSeconds: number;
  joinSeconds: number | null;
  /** Cpu per join (server; PostgreSQL, all backends) in ms: robust on a busy machine where join time is not. */
  cpuMsPerJoin: { server: number; postgres: number } | null;
  /** With --pg-stats: the statements each join cost. */
  pgStatementsPerJoin?: { query: string; callsPerJoin: number }[];
  errors: string[];
}

/** Read before the bench pins itself, which narrows what availableParallelism() sees. */
const NPROC = availableParallelism();

const log = (line: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

function machineInfo(pgVersion: string, pinning: Pinning) {
  const sh = (cmd: string) => {
    try {
      return execSync(cmd, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '';
    }
  };
  return {
    nproc: NPROC,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeH: sh('free -h'),
    node: process.version,
    postgres: pgVersion,
    kernel: sh('uname -r'),
    git:
      sh(`git -C ${REPO_ROOT} rev-parse --short HEAD`) +
      (sh(`git -C ${REPO_ROOT} status --porcelain`) ? ' (with uncommitted changes)' : ''),
    pinning: pinning.note,
  };
}

function buildApi(): string | null {
  const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const res = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (!existsSync(API_MAIN)) throw new Error(`the api build produced no ${API_MAIN}:\n${res.stdout}${res.stderr}`);
  if (res.status !== 0) {
    const errors = (res.stdout + res.stderr).split('\n').filter((l) => l.includes('error TS'));
    return `tsc reported ${errors.length} type error(s) (emitted anyway): ${errors.slice(0, 3).join(' | ')}`;
  }
  return null;
}

/** Client ids are unique across a target's sessions: the meeting's start at 1, the municipality's at 100,000. */
const MEETING_IDS = 1;
const MUNICIPALITY_IDS = 100_000;
const IDLE_IDS = 1_000_000;

async function probeRealtime(url: string, client: ClientSpec): Promise<string | null> {
  try {
    const session = await LoadSession.open([client], {
      url,
      path: REALTIME_PATH,
      join: true,
      workers: 1,
      connectConcurrency: 1,
      connectTimeoutMs: 5000,
      heartbeats: false,
    });
    await session.close();
    if (session.connect.ok !== 1) return `socket connect failed: ${session.connect.errors.join('; ')}`;
    if (session.join?.ok !== 1) return `plan:join failed: ${session.join?.errors.join('; ')}`;
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** Busy and total cpu jiffies of the whole machine (/proc/stat). */
function machineJiffies(): { busy: number; total: number; steal: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const f = line.trim().split(/\s+/).slice(1).map(Number);
  const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
  // Steal (f[7]): time the hypervisor gave our vcpus to someone else, counted apart from "others".
  return { busy: total - f[3] - f[4] - (f[7] ?? 0), total, steal: f[7] ?? 0 };
}

class Meter {
  private wall = nowMs();
  private machine = machineJiffies();
  private server: number;
  private pg: number;
  private self = process.cpuUsage();
  constructor(
    private readonly serverPid: number,
    private readonly pgPid: number | null,
  ) {
    this.server = cpuSeconds(serverPid);
    this.pg = treeCpuSeconds(pgPid);
  }
  read() {
    const seconds = (nowMs() - this.wall) / 1000;
    const self = process.cpuUsage(this.self);
    const pct = (cpu: number) => Math.max(0, Math.round((cpu / seconds) * 1000) / 10);
    const out = {
      serverCpuPct: pct(cpuSeconds(this.serverPid) - this.server),
      postgresCpuPct: this.pgPid ? pct(treeCpuSeconds(this.pgPid) - this.pg) : 0,
      loadgenCpuPct: pct((self.user + self.system) / 1e6),
      otherCpuPct: 0,
      stealCpuPct: 0,
      seconds,
    };
    // Whatever else ran on the machine meanwhile (other work on a shared box): busy minus ours.
    const machine = machineJiffies();
    const busySeconds = (machine.busy - this.machine.busy) / 100;
    out.otherCpuPct = Math.max(0, Math.round((pct(busySeconds) - out.serverCpuPct - out.postgresCpuPct - out.loadgenCpuPct) * 10) / 10);
    out.stealCpuPct = pct((machine.steal - this.machine.steal) / 100);
    return out;
  }
}

/**
 * On a shared machine, wait (within a budget for the whole run) until the rest of the machine is
 * quiet before a measured phase: less than `threshold` % cpu used by anything but the bench.
 */
const quiet = { budgetMs: 0, waitedMs: 0, threshold: 25, retryUntil: 0 };

/** Other work (or other guests, as steal) took half a cpu or more, or the load generator itself fell behind its schedule. */
function isNoisy(p: PhaseRecord): boolean {
  return p.otherCpuPct + p.stealCpuPct >= 50 || p.sendLag.p99 > 50;
}
async function waitForQuiet(serverPid: number, pgPid: number | null): Promise<number> {
  let waited = 0;
  for (;;) {
    const meter = new Meter(serverPid, pgPid);
    await sleep(1000);
    const m = meter.read();
    const other = m.otherCpuPct + m.stealCpuPct;
    if (other < quiet.threshold || quiet.waitedMs >= quiet.budgetMs) return waited;
    waited += 1000;
    quiet.waitedMs += 1000;
  }
}

/** The heap probe's settings (heap-probe.ts) for a server's environment. */
function probeEnv(args: Args): Record<string, string> {
  if (!args.heapSampling) return {};
  mkdirSync(args.heapSampling, { recursive: true });
  return { FP_PROBE_HEAP_PROFILE_DIR: args.heapSampling };
}

function describeGc(g: GcPerEdit): string {
  return (
    `${g.allocatedKBPerEdit} KB allocated and ${g.promotedKBPerEdit} KB promoted per edit; per 1000 edits ${g.scavengesPer1000} scavenges, ` +
    `${g.markCompactsPer1000} mark-compacts, pauses ${g.minorPauseMsPer1000} + ${g.majorPauseMsPer1000} ms; ` +
    `cpu per edit main thread ${g.mainThreadCpuMsPerEdit} ms, other threads ${g.otherThreadsCpuMsPerEdit} ms`
  );
}

function passes(p: Omit<PhaseResult, 'finalRevisions'>): boolean {
  return (
    p.latency.p99 <= 100 &&
    p.lost === 0 &&
    p.duplicates === 0 &&
    p.outOfOrder === 0 &&
    p.ackErrors === 0 &&
    p.ackTimeouts === 0 &&
    p.disconnected === 0 &&
    p.acked >= p.sent
  );
}

async function runRealtime(
  target: Target,
  seeded: SeededPlans,
  args: Args,
  pgPid: number | null,
  warmup: { rate: number; seconds: number },
  phases: (run: (label: string, rate: number, seconds: number) => Promise<PhaseRecord>) => Promise<void>,
): Promise<RealtimeRun> {
  const session = await LoadSession.open(seeded.clients, {
    url: target.server.url,
    path: REALTIME_PATH,
    join: true,
    workers: args.workers,
    connectConcurrency: 50,
    connectTimeoutMs: 20_000,
    heartbeats: true,
  });
  const run: RealtimeRun = {
    disturbed: [],
    warmup: null,
    connect: session.connect,
    join: session.join,
    clockSkewMs: session.clockSkewMs,
    phases: [],
    committedUnseen: 0,
  };
  const final = new Map<string, number>();
  try {
    if (session.connect.failed || (session.join?.failed ?? 0)) {
      throw new Error(
        `connect: ${session.connect.failed} failed (${session.connect.errors.join('; ')}); join: ${session.join?.failed} failed (${session.join?.errors.join('; ')})`,
      );
    }
    const measure = async (label: string, rate: number, seconds: number) => {
      if (label !== 'warmup') await checkpoint(target.databaseUrl);
      const waitedForQuietMs = label === 'warmup' ? 0 : await waitForQuiet(target.server.pid, pgPid);
      const statements = label !== 'warmup' && label !== 'capacity' ? target.statements : null;
      await statements?.(true);
      await target.server.probe.start();
      const threads0 = threadCpuSeconds(target.server.pid);
      const activity = label === 'warmup' ? null : await PgActivity.start(target.databaseUrl);
      const wal0 = await walPosition(target.databaseUrl);
      const meter = new Meter(target.server.pid, pgPid);
      const result = await session.runPhase(label, rate, seconds);
      const cpu = meter.read();
      const wal1 = await walPosition(target.databaseUrl);
      const pgSamples = (await activity?.stop()) ?? [];
      const threads1 = threadCpuSeconds(target.server.pid);
      const heap = await target.server.probe.stop();
      const stats = await statements?.(false);
      const { finalRevisions, ...rest } = result;
      for (const [plan, rev] of Object.entries(finalRevisions)) final.set(plan, Math.max(final.get(plan) ?? 0, rev));
      const { seconds: wall, ...cpuPct } = cpu;
      const perEdit = (pct: number) => (result.acked ? Math.round(((pct / 100) * wall * 1e6) / result.acked) / 1000 : 0);
      const record: PhaseRecord = {
        ...rest,
        ...cpuPct,
        serverCpuMsPerEdit: perEdit(cpu.serverCpuPct),
        postgresCpuMsPerEdit: perEdit(cpu.postgresCpuPct),
        waitedForQuietMs,
        walPerEdit: await walPerEdit(target.databaseUrl, wal0, wal1, result.acked),
        pass: passes(rest),
        loadgenBound: result.sendLag.p99 > 20,
      };
      addLagToTimeline(record.timeline, result.startAt, result.loadgenLoopLag, 'loadgenLagMs');
      addPgToTimeline(record.timeline, result.startAt, pgSamples);
      if (heap) {
        addGcToTimeline(record.timeline, result.startAt, heap);
        addLagToTimeline(record.timeline, result.startAt, heap.loopLag, 'serverLagMs');
        record.gc = gcPerEdit(heap, result.acked, { main: threads1.main - threads0.main, others: threads1.others - threads0.others });
      }
      record.slowSeconds = slowSeconds(record.timeline);
      if (stats && result.acked) {
        record.pgStatements = stats.slice(0, 20).map((st) => ({
          query: st.query,
          callsPerEdit: Math.round((st.calls / result.acked) * 100) / 100,
          msPerEdit: Math.round((st.totalMs / result.acked) * 1000) / 1000,
        }));
      }
      log(
        `${target.name} ${label} @${rate}/s: sent ${result.sent}, acked ${result.acked}, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms, ` +
          `lost ${result.lost}, dup ${result.duplicates}, ooo ${result.outOfOrder}, cpu: server ${cpu.serverCpuPct}% (${record.serverCpuMsPerEdit} ms/edit), pg ${cpu.postgresCpuPct}% (${record.postgresCpuMsPerEdit} ms/edit${record.walPerEdit ? `, WAL ${record.walPerEdit.bytes} B/edit, ${record.walPerEdit.fpi} full pages/edit` : ''}), loadgen ${cpu.loadgenCpuPct}%, others ${cpu.otherCpuPct}%, steal ${cpu.stealCpuPct}%; send lag p99 ${result.sendLag.p99} ms; heartbeats ${result.heartbeatsSent} (${result.heartbeatsFailed} failed)` +
          (record.gc ? `; heap ${describeGc(record.gc)}` : '') +
          (record.slowSeconds.length
            ? `; slow seconds ${record.slowSeconds.map((x) => `${x.second} (max ${x.max} ms: ${x.cause})`).join(', ')}`
            : ''),
      );
      return record;
    };
    run.warmup = await measure('warmup', warmup.rate, warmup.seconds);
    await phases(async (label, rate, seconds) => {
      let record = await measure(label, rate, seconds);
      // A phase disturbed by other work on the machine is measured once more, time permitting;
      // both are kept, the quieter one counts.
      if (isNoisy(record) && nowMs() < quiet.retryUntil) {
        log(
          `${target.name} ${label} @${rate}/s was disturbed (other cpu ${record.otherCpuPct}%, send lag p99 ${record.sendLag.p99} ms): once more`,
        );
        const again = await measure(label, rate, seconds);
        const [kept, dropped] = again.otherCpuPct <= record.otherCpuPct ? [again, record] : [record, again];
        run.disturbed.push({ ...dropped, pgStatements: undefined });
        record = kept;
      }
      record.noisy = isNoisy(record);
      run.phases.push(record);
      return record;
    });
  } catch (e) {
    run.error = e instanceof Error ? e.message : String(e);
    log(`${target.name}: ${run.error}`);
  } finally {
    await session.close();
  }
  // Every committed revision must have reached the clients: compare with the database.
  const inDb = await target.revisions(seeded.planIds);
  for (const [plan, rev] of inDb) {
    const seen = final.get(plan) ?? rev;
    if (rev > seen) run.committedUnseen += rev - seen;
  }
  return run;
}

async function runIdle(target: Target, sockets: number, join: boolean, args: Args, pgPid: number | null): Promise<IdleRun> {
  const base = target.municipality.clients;
  const clients: ClientSpec[] = Array.from({ length: sockets }, (_, i) => ({ ...base[i % base.length], id: IDLE_IDS + i, goalId: null }));
  // Each reading right after a full GC in the server (heap-probe.ts), so that garbage from the
  // phases before, or a GC between two readings, does not move the difference.
  const reading = async () => {
    const settled = await target.server.probe.settle();
    return { rss: settled?.rssBytes ?? rssBytes(target.server.pid), retained: settled?.retainedBytes ?? null };
  };
  await sleep(1000);
  const before = await reading();
  const session = await LoadSession.open(clients, {
    url: target.server.url,
    path: REALTIME_PATH,
    join: false,
    workers: args.workers,
    connectConcurrency: 100,
    connectTimeoutMs: 30_000,
    heartbeats: true,
  });
  try {
    await sleep(2000);
    const connected = await reading();
    let joined: { rss: number; retained: number | null } | null = null;
    let joinStage: StageResult | null = null;
    let cpuMsPerJoin: IdleRun['cpuMsPerJoin'] = null;
    let pgStatementsPerJoin: IdleRun['pgStatementsPerJoin'];
    if (join) {
      await target.statements?.(true);
      const cpu0 = { server: cpuSeconds(target.server.pid), pg: treeCpuSeconds(pgPid) };
      joinStage = await session.joinAll();
      const n = Math.max(1, joinStage.ok);
      cpuMsPerJoin = {
        server: Math.round(((cpuSeconds(target.server.pid) - cpu0.server) * 1e6) / n) / 1000,
        postgres: Math.round(((treeCpuSeconds(pgPid) - cpu0.pg) * 1e6) / n) / 1000,
      };
      const stats = await target.statements?.(false);
      pgStatementsPerJoin = stats
        ?.filter((st) => st.calls >= n / 10)
        .map((st) => ({ query: st.query.replace(/\s+/g, ' ').slice(0, 160), callsPerJoin: Math.round((st.calls / n) * 100) / 100 }));
      await sleep(2000);
      joined = await reading();
    }
    const mb = (b: number) => Math.round((b / 2 ** 20) * 10) / 10;
    const kb = (delta: number, n: number) => (n > 0 ? Math.round((delta / 1024 / n) * 10) / 10 : 0);
    const result: IdleRun = {
      sockets,
      connected: session.connect.ok,
      joined: joinStage?.ok ?? null,
      rssBeforeMB: mb(before.rss),
      rssConnectedMB: mb(connected.rss),
      rssJoinedMB: joined === null ? null : mb(joined.rss),
      kbPerSocketConnected: kb(connected.rss - before.rss, session.connect.ok),
      kbPerSocketJoined: joined === null ? null : kb(joined.rss - before.rss, session.connect.ok),
      retainedKbPerSocketConnected:
        connected.retained === null || before.retained === null ? null : kb(connected.retained - before.retained, session.connect.ok),
      retainedKbPerSocketJoined:
        joined?.retained == null || before.retained === null ? null : kb(joined.retained - before.retained, session.connect.ok),
      connectSeconds: Math.round(session.connect.seconds * 10) / 10,
      joinSeconds: joinStage ? Math.round(joinStage.seconds * 10) / 10 : null,
      cpuMsPerJoin,
      ...(pgStatementsPerJoin ? { pgStatementsPerJoin } : {}),
      errors: [...session.connect.errors, ...(joinStage?.errors ?? [])],
    };
    log(
      `${target.name} idle: ${result.connected}/${sockets} sockets, ${result.kbPerSocketConnected} KB/socket connected, ${result.kbPerSocketJoined} KB/socket joined` +
        ` (RSS after a full GC; JS heap + external retained: ${result.retainedKbPerSocketConnected ?? '–'} KB connected, ${result.retainedKbPerSocketJoined ?? '–'} KB joined)` +
        (cpuMsPerJoin
          ? `, joins in ${result.joinSeconds} s, cpu per join server ${cpuMsPerJoin.server} ms + PostgreSQL ${cpuMsPerJoin.postgres} ms`
          : '') +
        (pgStatementsPerJoin
          ? `; statements per join: ${pgStatementsPerJoin.map((st) => `${st.callsPerJoin}× ${st.query.slice(0, 60)}`).join(' | ')}`
          : ''),
    );
    return result;
  } finally {
    await session.close();
  }
}

async function capacitySearch(
  run: (label: string, rate: number, seconds: number) => Promise<PhaseRecord>,
  first: PhaseRecord | undefined,
  spec: NonNullable<Sizes['capacity']>,
): Promise<CapacityRun> {
  const steps: PhaseRecord[] = [];
  let held: number | null = first && passes(first) ? first.targetRate : null;
  let failed: number | null = first && !passes(first) ? first.targetRate : null;
  const step = async (rate: number) => {
    const r = await run('capacity', rate, spec.stepSeconds);
    r.pass = passes(r);
    steps.push(r);
    if (r.pass) held = Math.max(held ?? 0, rate);
    else failed = Math.min(failed ?? Infinity, rate);
    // Let a backlog drain before the next step.
    await sleep(r.pass ? 500 : 3000);
    return r.pass;
  };
  if (failed === null) {
    for (let rate = spec.firstRate; rate <= spec.maxRate; rate *= 2) if (!(await step(rate))) break;
  }
  for (let i = 0; i < spec.refinements && failed !== null; i++) {
    const low = held ?? 0;
    const mid = Math.round((low + failed) / 2 / 25) * 25;
    if (mid <= low || mid >= failed) break;
    await step(mid);
  }
  return { steps, highestHeld: held, firstFailed: failed };
}

function ratio(api: number | null | undefined, baseline: number | null | undefined): number | null {
  if (api === null || api === undefined || !baseline) return null;
  return Math.round((api / baseline) * 100) / 100;
}

function pad(s: unknown, n: number): string {
  const str = s === null || s === undefined ? '–' : String(s);
  return str.length >= n ? str : str + ' '.repeat(n - str.length);
}

function table(rows: (string | number | null)[][], widths: number[]): string {
  return rows
    .map((r) =>
      r
        .map((c, i) => pad(c, widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

async function main(): Promise<void> {
  // `--web`: the browser benchmark of the person's plan on a phone (web-bench.ts), nothing else.
  if (process.argv.includes('--web')) return void (process.exitCode = await runWebBench(REPO_ROOT));
  const args = parseArgs(process.argv.slice(2));
  const base = args.quick ? QUICK : FULL;
  const sizes: Sizes = args.municipality ? { ...base, municipality: { ...base.municipality, ...args.municipality } } : base;
  quiet.budgetMs = args.quick ? 0 : 45_000;
  // Re-measuring disturbed phases stops in time for the whole run to stay within 10 minutes.
  quiet.retryUntil = args.quick ? 0 : nowMs() + 4 * 60_000;
  const started = nowMs();
  const results: Record<string, unknown> = { startedAt: new Date().toISOString(), mode: args.quick ? 'quick' : 'full', sizes };
  const targets = (['baseline', 'api'] as TargetName[]).filter((t) => !args.only || args.only === t);
  const want = (s: Scenario) => !args.skip.has(s);

  let buildNote: string | null = null;
  if (args.build && targets.includes('api')) {
    log('building the api (tsc -p tsconfig.build.json)');
    buildNote = buildApi();
    if (buildNote) log(buildNote);
  }
  if (targets.includes('api') && !existsSync(args.apiMain)) throw new Error(`${args.apiMain} is missing: build the api first`);

  const pinning = planPinning(!args.pin, args.pgWith);
  log(`starting PostgreSQL (${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded'}); ${pinning.note}`);
  const pg: Postgres = await startPostgres(args.fastDb, args.pgStats, args.pgConf);
  const stops: (() => Promise<void>)[] = [() => pg.stop()];
  let exitCode = 0;
  let twoNodeSetup: { env: Record<string, string>; nodeArgs: string[] } | null = null;
  try {
    const pgPid = pg.dataDir ? postmasterPid(pg.dataDir) : null;
    if (pinning.available && pinning.postgresCpus && pgPid) pin(pgPid, pinning.postgresCpus, true);
    if (pinning.available && pinning.loadgenCpus) pin(process.pid, pinning.loadgenCpus);
    // On a shared machine, run ahead of other work: worker threads and the servers started below
    // inherit this process's priority; PostgreSQL's postmaster and backends are set here.
    const niceness = args.priority && mayRaisePriority() ? -10 : 0;
    if (niceness) {
      renice(process.pid, niceness);
      if (pgPid) renice(pgPid, niceness, true);
    }
    const pgVersion = await withClient(
      pg.adminUrl,
      async (c) => (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v,
    );
    const pgSettings = await withClient(pg.adminUrl, async (c) => {
      const { rows } = await c.query<{ name: string; setting: string }>(
        "SELECT name, setting FROM pg_settings WHERE name IN ('fsync','synchronous_commit','shared_buffers','max_connections','wal_compression') OR name = ANY($1)",
        [Object.keys(args.pgConf)],
      );
      return Object.fromEntries(rows.map((r) => [r.name, r.setting]));
    });
    results.machine = {
      ...machineInfo(pgVersion, pinning),
      niceness,
      loadavgAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
      postgresSettings: pgSettings,
      postgresPinned: Boolean(pinning.available && pgPid),
    };
    results.apiBuild = buildNote ?? 'ok';
    log(`machine: ${JSON.stringify(results.machine)}`);

    // ---- seed and start the targets
    const byName = new Map<TargetName, Target>();
    let planLoadTarget: PlanLoadTarget | null = null;
    if (targets.includes('baseline')) {
      const dbName = 'fp_bench_baseline';
      const url = await recreateDatabase(pg.adminUrl, dbName);
      stops.push(() => dropDatabase(pg.adminUrl, dbName));
      await migrateBaseline(url);
      const meeting = await seedBaselinePlans(url, sizes.meeting, MEETING_IDS);
      const municipality = await seedBaselinePlans(url, sizes.municipality, MUNICIPALITY_IDS);
      await settleDatabase(url);
      const port = await freePort();
      const server = await startServer(
        'baseline',
        BASELINE_MAIN,
        [],
        {
          DATABASE_URL: url,
          PORT: String(port),
          HOST: '127.0.0.1',
          NODE_ENV: 'production',
          BASELINE_FAULTS: args.baselineFaults,
          ...probeEnv(args),
        },
        pinning.serverCpus,
        args.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${args.profileDir}`] : [],
      );
      stops.push(async () => {
        await server.stop();
        if (args.serverLogs) writeFileSync(join(args.serverLogs, `${server.name}.log`), server.output());
      });
      byName.set('baseline', {
        name: 'baseline',
        server,
        databaseUrl: url,
        revisions: (ids) => baselinePlanRevisions(url, ids),
        meeting,
        municipality,
        unavailable: null,
        statements: args.pgStats ? (reset) => statementStats(pg.adminUrl, dbName, reset) : null,
      });
      log(`baseline up on ${server.url}`);
    }
    if (targets.includes('api')) {
      const dbName = 'fp_bench_api';
      const url = await recreateDatabase(pg.adminUrl, dbName);
      stops.push(() => dropDatabase(pg.adminUrl, dbName));
      const secret = randomBytes(48).toString('base64url');
      const env = {
        NODE_ENV: 'production',
        DATABASE_URL: url,
        HOST: '127.0.0.1',
        SEED_DEMO: 'false',
        LOG_LEVEL: 'warn',
        JWT_SECRET: secret,
        DATA_DIR: mkdtempSync(join(tmpdir(), 'fellesplan-bench-data-')),
        REALTIME_ADAPTER: 'memory',
        // The per-socket limit (20/s) protects against one client; the capacity steps send up to
        // ~25 edits/s per editor socket to find the node's limit, not the socket's.
        SOCKET_RATE_PER_SECOND: '1000',
        SOCKET_RATE_BURST: '2000',
        ...(args.pdfWorkers !== null ? { PDF_WORKERS: args.pdfWorkers } : {}),
        ...probeEnv(args),
        ...args.apiEnv,
      };
      log('migrating the api database (dist/apps/api/src/main.js --migrate-only)');
      await startServer('api', args.apiMain, ['--migrate-only'], { ...env, PORT: '0' }, null);
      const t0 = nowMs();
      const tenant: ApiTenant = await seedApiTenant(url, secret);
      const meeting = await seedApiPlans(url, tenant, sizes.meeting, 'm', MEETING_IDS);
      const municipality = await seedApiPlans(url, tenant, sizes.municipality, 'k', MUNICIPALITY_IDS);
      if (want('planload') || want('exports')) planLoadTarget = await seedApiPlanLoad(url, tenant, sizes.planLoad.background);
      await settleDatabase(url);
      log(`api database seeded in ${Math.round(nowMs() - t0)} ms`);
      const port = await freePort();
      const nodeArgs = [
        ...args.apiProductFlags,
        ...(args.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${args.profileDir}`] : []),
        ...args.apiNodeArgs,
      ];
      log(
        `api node options: ${nodeArgs.join(' ') || '(none)'}${args.apiProductFlags.length ? ' (start:prod: ' + args.apiProductFlags.join(' ') + ')' : ''}`,
      );
      const server = await startServer('api', args.apiMain, [], { ...env, PORT: String(port) }, pinning.serverCpus, nodeArgs);
      twoNodeSetup = { env, nodeArgs };
      stops.push(async () => {
        await server.stop();
        if (args.serverLogs) writeFileSync(join(args.serverLogs, `${server.name}.log`), server.output());
      });
      const unavailable = await probeRealtime(server.url, { ...meeting.clients[meeting.clients.length - 1], id: 999_999 });
      byName.set('api', {
        name: 'api',
        server,
        databaseUrl: url,
        revisions: (ids) => apiPlanRevisions(url, ids),
        meeting,
        municipality,
        unavailable,
        statements: args.pgStats ? (reset) => statementStats(pg.adminUrl, dbName, reset) : null,
      });
      log(`api up on ${server.url}${unavailable ? `; realtime NOT available: ${unavailable}` : ''}`);
    }
    results.apiRealtime = byName.get('api')?.unavailable ?? (byName.has('api') ? 'ok' : 'not run');

    const realtimeTargets = [...byName.values()].filter((t) => !t.unavailable);
    const scenarios: Record<string, Record<string, unknown>> = {};
    results.scenarios = scenarios;

    // ---- meeting
    if (want('meeting')) {
      scenarios.meeting = {};
      for (const t of realtimeTargets) {
        log(
          `${t.name}: meeting (${sizes.meeting.plans} plan × ${sizes.meeting.editors + sizes.meeting.viewers} clients, ${sizes.meeting.rate} edits/s, ${sizes.meeting.seconds} s)`,
        );
        scenarios.meeting[t.name] = await runRealtime(
          t,
          t.meeting,
          args,
          pgPid,
          { rate: sizes.meeting.rate, seconds: sizes.warmupSeconds },
          async (run) => {
            await run('meeting', sizes.meeting.rate, sizes.meeting.seconds);
          },
        );
      }
    }

    // ---- municipality, then capacity on the same sockets
    if (want('municipality') || want('capacity')) {
      scenarios.municipality = {};
      if (sizes.capacity && want('capacity')) scenarios.capacity = {};
      for (const t of realtimeTargets) {
        const m = sizes.municipality;
        log(`${t.name}: municipality (${m.plans} plans × ${m.editors + m.viewers} clients, ${m.rate} edits/s, ${m.seconds} s)`);
        const capacity: { run: CapacityRun | null } = { run: null };
        scenarios.municipality[t.name] = await runRealtime(
          t,
          t.municipality,
          args,
          pgPid,
          { rate: m.rate, seconds: sizes.warmupSeconds },
          async (run) => {
            const first = await run('municipality', m.rate, m.seconds);
            first.pass = passes(first);
            if (sizes.capacity && want('capacity')) {
              await sleep(1000);
              capacity.run = await capacitySearch(run, first, sizes.capacity);
            }
          },
        );
        if (capacity.run && scenarios.capacity) scenarios.capacity[t.name] = capacity.run;
      }
    }

    // ---- idle sockets
    if (want('idle')) {
      scenarios.idle = {};
      for (const t of realtimeTargets) {
        log(`${t.name}: idle (${sizes.idle.sockets} authenticated sockets${sizes.idle.join ? ', then each joins its plan' : ''})`);
        try {
          scenarios.idle[t.name] = await runIdle(t, sizes.idle.sockets, sizes.idle.join, args, pgPid);
        } catch (e) {
          scenarios.idle[t.name] = { error: e instanceof Error ? e.message : String(e) };
        }
      }
    }

    // ---- plan load
    const api = byName.get('api');
    if (want('planload') && api && planLoadTarget) {
      log(
        `api: plan load (GET /api/plans/:id, 30 goals, 200 tasks, ${planLoadTarget.backgroundPlans + sizes.meeting.plans + sizes.municipality.plans + 1} plans in the database)`,
      );
      await checkpoint(api.databaseUrl);
      await waitForQuiet(api.server.pid, pgPid);
      // Cpu per request (robust on a busy machine), over warm-up and measured requests alike.
      await api.statements?.(true);
      const cpu0 = { server: cpuSeconds(api.server.pid), pg: treeCpuSeconds(pgPid) };
      const r: PlanLoadResult = await measurePlanLoad(
        api.server.url,
        planLoadTarget.planId,
        planLoadTarget.token,
        sizes.planLoad.warmup,
        sizes.planLoad.requests,
      );
      const loads = sizes.planLoad.warmup + sizes.planLoad.requests;
      const cpuMsPerLoad = {
        server: Math.round(((cpuSeconds(api.server.pid) - cpu0.server) * 1e6) / loads) / 1000,
        postgres: Math.round(((treeCpuSeconds(pgPid) - cpu0.pg) * 1e6) / loads) / 1000,
      };
      const pgStatementsPerLoad = (await api.statements?.(false))
        ?.filter((st) => st.calls >= loads / 10)
        .map((st) => ({
          query: st.query.replace(/\s+/g, ' ').slice(0, 160),
          callsPerLoad: Math.round((st.calls / loads) * 100) / 100,
          execMsPerLoad: Math.round((st.totalMs / loads) * 1000) / 1000,
        }));
      if (pgStatementsPerLoad)
        log(
          `api plan load: statements per load: ${pgStatementsPerLoad.map((st) => `${st.callsPerLoad}× ${st.query.slice(0, 60)} (${st.execMsPerLoad} ms)`).join(' | ')}`,
        );
      scenarios.planLoad = {
        api: {
          ...r,
          cpuMsPerLoad,
          ...(pgStatementsPerLoad ? { pgStatementsPerLoad } : {}),
          plansInDatabase: planLoadTarget.backgroundPlans + sizes.meeting.plans + sizes.municipality.plans + 1,
        },
      };
      log(
        `api plan load: status ${r.status}, ${r.bytes} bytes, p50 ${r.latency.p50} ms, p95 ${r.latency.p95} ms, cpu per load server ${cpuMsPerLoad.server} ms + PostgreSQL ${cpuMsPerLoad.postgres} ms${r.error ? `, ${r.error}` : ''}`,
      );
    }

    if (want('exports') && api && planLoadTarget) {
      const e = await measureExports(
        api.server.url,
        planLoadTarget.planId,
        planLoadTarget.token,
        api.server.pid,
        args.quick ? { warmup: 2, requests: 10 } : { warmup: 5, requests: 50 },
      );
      scenarios.exports = { api: e };
      log(`api exports (30 goals, 200 tasks): ${describeExports(e)}`);
    }

    // ---- shared text: the minutes, typed by three at once
    if (want('minutes') && api && !api.unavailable) {
      const m = sizes.minutes;
      log(
        `api: minutes (${api.meeting.clients.length} clients on one plan, ${m.typists} typing ${m.charsPerSecond} chars/s, ${m.seconds} s)`,
      );
      const run = await runMinutes({
        url: api.server.url,
        databaseUrl: api.databaseUrl,
        serverPid: api.server.pid,
        pgPid: pg.dataDir ? postmasterPid(pg.dataDir) : null,
        clients: api.meeting.clients,
        typists: m.typists,
        charsPerSecond: m.charsPerSecond,
        seconds: m.seconds,
        log,
      });
      const meetingP99 = lastPhase(scenarios.meeting?.api)?.latency.p99;
      const model = cpus()[0]?.model ?? 'unknown cpu';
      scenarios.minutes = { api: run };
      log(`api minutes: ${describeMinutes(run)}`);
      if (meetingP99 !== undefined) log(`api minutes beside the meeting's field edits: meeting p99 ${meetingP99} ms`);
      log(
        `api minutes: keystroke-to-peer p99 ≤ 50 ms ${run.keystrokeToPeer.p99 <= 50 && run.keystrokeToPeer.count > 0 ? 'MET' : 'NOT MET'} (p99 ${run.keystrokeToPeer.p99} ms, ${model}${args.quick ? '; quick run: timing not judged' : ''})`,
      );
    }

    // ---- two api nodes over Redis
    if (want('twonode') && sizes.twoNode && twoNodeSetup && api && !api.unavailable) {
      log(
        `api: two nodes over Redis (${sizes.municipality.plans} plans, editor and viewers on different nodes, ${sizes.municipality.rate} edits/s)`,
      );
      scenarios.twoNode = {
        api: await runTwoNode({
          apiMain: args.apiMain,
          env: twoNodeSetup.env,
          cpus: pinning.serverCpus,
          nodeArgs: twoNodeSetup.nodeArgs,
          seeded: api.municipality,
          rate: sizes.municipality.rate,
          seconds: sizes.twoNode.seconds,
          killAfterSeconds: sizes.twoNode.killAfterSeconds,
          workers: args.workers,
          redisUrl: args.redisUrl,
          revisions: api.revisions,
          log,
        }),
      };
    }

    // ---- verdict
    const problems: string[] = [];
    const minutesRun = scenarios.minutes?.api as MinutesRun | undefined;
    if (minutesRun?.lost) problems.push(`api minutes: ${minutesRun.lost} characters lost (or the field not equal to the text)`);
    for (const [scenario, perTarget] of Object.entries(scenarios)) {
      for (const [name, run] of Object.entries(perTarget)) {
        const warm = (run as RealtimeRun).warmup;
        const phases: PhaseRecord[] = [
          ...(warm ? [warm] : []),
          ...((run as RealtimeRun).phases ?? (run as CapacityRun).steps ?? []),
          ...((run as RealtimeRun).disturbed ?? []),
        ];
        for (const p of phases) {
          if (p.lost || p.duplicates || p.outOfOrder)
            problems.push(
              `${name} ${scenario}${p.label === scenario ? '' : ` ${p.label}`} @${p.targetRate}/s: lost ${p.lost}, duplicated ${p.duplicates}, out of order ${p.outOfOrder}`,
            );
        }
        const rr = run as RealtimeRun;
        if (rr.committedUnseen) problems.push(`${name} ${scenario}: ${rr.committedUnseen} committed revisions reached no client`);
        if (rr.error) problems.push(`${name} ${scenario}: ${rr.error}`);
      }
    }
    const two = scenarios.twoNode?.api as TwoNodeRun | undefined;
    if (two) {
      for (const p of [two.crossNode, two.afterKill])
        if (p && (p.lost || p.duplicates || p.outOfOrder))
          problems.push(`api two nodes ${p.label}: lost ${p.lost}, duplicated ${p.duplicates}, out of order ${p.outOfOrder}`);
    }
    const apiTarget = byName.get('api');
    if (apiTarget?.unavailable) problems.push(`api realtime not available: ${apiTarget.unavailable}`);
    results.problems = problems;
    results.seconds = Math.round((nowMs() - started) / 100) / 10;
    results.loadavgAtEnd = loadavg().map((x) => Math.round(x * 100) / 100);
    results.waitedForQuietSeconds = quiet.waitedMs / 1000;
    // pg's "already executing a query" (an error in pg 9) and other warnings in the api's output so far.
    const apiOutput = byName.get('api')?.server.output() ?? '';
    results.apiWarnings = {
      concurrentQueryOnOneClient: apiOutput.split('when the client is already executing a query').length - 1,
      warnLines: apiOutput.split('\n').filter((l) => /"level":(40|50)|warn|Warning/i.test(l)).length,
    };
    log(`api output: ${JSON.stringify(results.apiWarnings)}`);
    results.summary = summaryOf(scenarios);
    results.targets = judge(scenarios);
    writeFileSync(args.out, JSON.stringify(results, null, 2) + '\n');
    process.stdout.write(render(results, scenarios) + '\n');
    process.stdout.write(
      '\n' +
        renderVerdicts(
          results.targets as ReturnType<typeof judge>,
          String((results.machine as { cpuModel: string }).cpuModel),
          busyNote(scenarios),
        ) +
        '\n',
    );
    process.stdout.write(`\nresults: ${args.out}  (${results.seconds} s)\n`);
    if (problems.length) {
      process.stdout.write(`\nFAILED:\n  ${problems.join('\n  ')}\n`);
      exitCode = 1;
    }
  } finally {
    for (const stop of stops.reverse()) await stop().catch((e: unknown) => log(`stopping: ${String(e)}`));
  }
  process.exit(exitCode);
}

/** Says so when other work on the machine took a large share of the cpu during the measured phases. */
function busyNote(s: Record<string, Record<string, unknown>>): string {
  const phases = Object.values(s).flatMap((perTarget) => Object.values(perTarget).flatMap((r) => (r as RealtimeRun).phases ?? []));
  const other = Math.max(0, ...phases.map((p) => p.otherCpuPct ?? 0));
  return other >= 25 ? `shared machine: other work took up to ${other} % cpu during measured phases` : '';
}

function lastPhase(run: unknown): PhaseRecord | undefined {
  return (run as RealtimeRun | undefined)?.phases?.[0];
}

function summaryOf(s: Record<string, Record<string, unknown>>) {
  const out: Record<string, unknown> = {};
  for (const scenario of ['meeting', 'municipality']) {
    const b = lastPhase(s[scenario]?.baseline);
    const a = lastPhase(s[scenario]?.api);
    if (!b && !a) continue;
    out[scenario] = {
      baseline: b ? { p50: b.latency.p50, p95: b.latency.p95, p99: b.latency.p99, max: b.latency.max } : null,
      api: a ? { p50: a.latency.p50, p95: a.latency.p95, p99: a.latency.p99, max: a.latency.max } : null,
      ratioP50: ratio(a?.latency.p50, b?.latency.p50),
      ratioP99: ratio(a?.latency.p99, b?.latency.p99),
      cpuMsPerEdit: {
        baseline: b ? Math.round((b.serverCpuMsPerEdit + b.postgresCpuMsPerEdit) * 1000) / 1000 : null,
        api: a ? Math.round((a.serverCpuMsPerEdit + a.postgresCpuMsPerEdit) * 1000) / 1000 : null,
      },
      walBytesPerEdit: { baseline: b?.walPerEdit?.bytes ?? null, api: a?.walPerEdit?.bytes ?? null },
    };
  }
  const cap = s.capacity as Record<string, CapacityRun> | undefined;
  if (cap) {
    out.capacity = {
      baseline: cap.baseline?.highestHeld ?? null,
      api: cap.api?.highestHeld ?? null,
      ratio: ratio(cap.api?.highestHeld, cap.baseline?.highestHeld),
    };
  }
  const idle = s.idle as Record<string, IdleRun> | undefined;
  if (idle)
    out.idle = {
      apiKbPerSocketConnected: idle.api?.kbPerSocketConnected,
      apiKbPerSocketJoined: idle.api?.kbPerSocketJoined,
      baselineKbPerSocketConnected: idle.baseline?.kbPerSocketConnected,
      baselineKbPerSocketJoined: idle.baseline?.kbPerSocketJoined,
    };
  const pl = (s.planLoad as Record<string, PlanLoadResult> | undefined)?.api;
  if (pl) out.planLoad = { p50: pl.latency.p50, p95: pl.latency.p95, status: pl.status };
  return out;
}

function render(results: Record<string, unknown>, s: Record<string, Record<string, unknown>>): string {
  const lines: string[] = [];
  const m = results.machine as { nproc: number; cpuModel: string; memoryGiB: number; node: string; postgres: string; pinning: string };
  lines.push(
    '',
    `Fellesplan bench (${results.mode}) — ${m.nproc} cpu ${m.cpuModel}, ${m.memoryGiB} GiB, node ${m.node}, PostgreSQL ${m.postgres}; ${m.pinning}`,
  );
  lines.push(`api realtime: ${String(results.apiRealtime)}`, '');
  const rows: (string | number | null)[][] = [
    [
      'scenario',
      'target',
      'rate/s',
      'sent',
      'acked/s',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'max ms',
      'lost',
      'dup',
      'ooo',
      'srv cpu',
      'pg cpu',
      'ms/edit',
      'lg cpu',
      'other',
      'lg lag p99',
      'ok',
    ],
  ];
  const add = (scenario: string, target: string, p: PhaseRecord) =>
    rows.push([
      scenario,
      target,
      p.targetRate,
      p.sent,
      p.achievedRate,
      p.latency.p50,
      p.latency.p95,
      p.latency.p99,
      p.latency.max,
      p.lost,
      p.duplicates,
      p.outOfOrder,
      `${p.serverCpuPct}%`,
      `${p.postgresCpuPct}%`,
      `${p.serverCpuMsPerEdit}+${p.postgresCpuMsPerEdit}`,
      `${p.loadgenCpuPct}%`,
      `${p.otherCpuPct}%`,
      p.sendLag.p99,
      `${p.pass === undefined ? '' : p.pass ? 'yes' : 'no'}${p.noisy ? '*' : ''}`,
    ]);
  for (const scenario of ['meeting', 'municipality']) {
    for (const t of ['baseline', 'api']) {
      const run = s[scenario]?.[t] as RealtimeRun | undefined;
      if (!run) continue;
      if (run.error && !run.phases.length)
        rows.push([scenario, t, ...Array<null>(rows[0].length - 3).fill(null), `error: ${run.error.slice(0, 60)}`]);
      const first = run.phases[0];
      if (first) add(scenario, t, first);
    }
  }
  for (const t of ['baseline', 'api']) {
    const cap = s.capacity?.[t] as CapacityRun | undefined;
    for (const p of cap?.steps ?? []) add('capacity', t, p);
  }
  lines.push(table(rows, [12, 8, 6, 6, 7, 7, 7, 7, 8, 5, 4, 4, 7, 6, 11, 6, 6, 10, 3]));
  const sum = results.summary as Record<string, Record<string, unknown>>;
  lines.push('* measured while other work on the machine took ≥ 50 % cpu or the load generator lagged > 50 ms: timing not trustworthy', '');
  for (const scenario of ['meeting', 'municipality']) {
    const x = sum[scenario];
    if (x) {
      const cpu = x.cpuMsPerEdit as { baseline: number | null; api: number | null };
      const wal = x.walBytesPerEdit as { baseline: number | null; api: number | null } | undefined;
      lines.push(
        `${scenario}: api/baseline p50 ×${x.ratioP50 ?? '–'}, p99 ×${x.ratioP99 ?? '–'}; cpu per edit (server + PostgreSQL) baseline ${cpu.baseline ?? '–'} ms, api ${cpu.api ?? '–'} ms (×${ratio(cpu.api, cpu.baseline) ?? '–'})` +
          (wal ? `; WAL per edit baseline ${wal.baseline ?? '–'} B, api ${wal.api ?? '–'} B` : ''),
      );
    }
  }
  if (sum.capacity)
    lines.push(
      `capacity (highest rate held, p99 ≤ 100 ms, nothing lost): baseline ${sum.capacity.baseline ?? '–'}/s, api ${sum.capacity.api ?? '–'}/s, api/baseline ×${sum.capacity.ratio ?? '–'}`,
    );
  const idle = s.idle as Record<string, IdleRun | { error: string }> | undefined;
  for (const t of ['baseline', 'api']) {
    const r = idle?.[t];
    if (!r) continue;
    if ('error' in r) lines.push(`idle ${t}: error ${r.error}`);
    else
      lines.push(
        `idle ${t}: ${r.connected}/${r.sockets} sockets in ${r.connectSeconds} s; RSS ${r.rssBeforeMB} → ${r.rssConnectedMB} MB (${r.kbPerSocketConnected} KB/socket)` +
          (r.rssJoinedMB !== null
            ? `, joined ${r.joined} → ${r.rssJoinedMB} MB (${r.kbPerSocketJoined} KB/socket, joins took ${r.joinSeconds} s)`
            : ''),
      );
  }
  const pl = (s.planLoad as Record<string, PlanLoadResult & { plansInDatabase: number }> | undefined)?.api;
  if (pl) {
    lines.push(
      pl.status === 200
        ? `plan load (api): GET /api/plans/:id, ${pl.goals} goals, ${pl.tasks} tasks, ${pl.bytes} bytes, ${pl.plansInDatabase} plans in the database: p50 ${pl.latency.p50} ms, p95 ${pl.latency.p95} ms, p99 ${pl.latency.p99} ms (${pl.requests} sequential requests)`
        : `plan load (api): GET answered ${pl.status}: ${pl.error ?? ''}`,
    );
  }
  const two = (s.twoNode as Record<string, TwoNodeRun> | undefined)?.api;
  if (two) {
    const one = lastPhase(s.municipality?.api);
    const c = two.crossNode;
    if (c)
      lines.push(
        `two nodes over Redis, editor and viewers on different nodes: p50 ${c.latency.p50} ms, p99 ${c.latency.p99} ms` +
          (one ? ` (one node: p50 ${one.latency.p50}, p99 ${one.latency.p99} ms)` : '') +
          `; cpu per edit both nodes ${c.nodesCpuMsPerEdit} ms` +
          (one
            ? ` (one node: ${one.serverCpuMsPerEdit} ms, adapter ≈ ${Math.round((c.nodesCpuMsPerEdit - one.serverCpuMsPerEdit) * 1000) / 1000} ms)`
            : '') +
          `, Redis ${c.redisCpuMsPerEdit ?? '–'} ms; lost/dup/ooo ${c.lost}/${c.duplicates}/${c.outOfOrder}`,
      );
    const k = two.kill;
    if (k)
      lines.push(
        `two nodes, node B SIGKILLed at ${k.killedAtSecond} s: ${k.failovers.disconnected} clients lost their node, ${k.failovers.back} back on node A ` +
          `${k.secondsUntilAllBack === null ? '(not all)' : `${k.secondsUntilAllBack} s after the kill`}; acked ${k.acked}/${k.sent}; ` +
          `not yet arrived at the phase end ${k.lost}; after all were back: lost/dup/ooo ${two.afterKill ? `${two.afterKill.lost}/${two.afterKill.duplicates}/${two.afterKill.outOfOrder}` : '–'}; committed but unseen ${two.committedUnseen}`,
      );
    if (two.error) lines.push(`two nodes: error ${two.error}`);
  }
  return lines.join('\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(2);
});
