/**
 * Starting on the embedded default (no DATABASE_URL): the real built api with its own
 * PostgreSQL under a temporary DATA_DIR recovers from an unclean stop (SIGKILL leaves the
 * server running) and from a stale postmaster.pid, and says plainly what is wrong when run as
 * root in a directory the `postgres` system user cannot reach.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_MAIN, REPO_ROOT, TEST_JWT_SECRET, freePort } from '#testing';

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

function startEmbedded(dataDir: string, pgPort: number, port: number): Started {
  let output = '';
  const child = spawn(process.execPath, [API_MAIN], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      JWT_SECRET: TEST_JWT_SECRET,
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, url: `http://127.0.0.1:${port}`, output: () => output, exited };
}

/** Resolves when /health answers 200; rejects with the output when the process exits first. */
async function healthy(s: Started, timeoutMs = 90_000): Promise<void> {
  let gone = false;
  void s.exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`the api exited before it was healthy:\n${s.output()}`);
    const ok = await fetch(`${s.url}/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not healthy within ${timeoutMs} ms:\n${s.output()}`);
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe('starting on the embedded PostgreSQL', () => {
  const root = mkdtempSync(join(tmpdir(), 'fellesplan-embedded-'));
  // Open to the postgres system user (when run as root) like any data directory should be.
  chmodSync(root, 0o755);
  const dataDir = join(root, 'data');
  const pidFile = join(dataDir, 'pg', 'postmaster.pid');
  let pgPort: number;
  let running: Started | undefined;

  beforeAll(async () => {
    pgPort = await freePort();
  });
  afterAll(async () => {
    if (running && running.child.exitCode === null && running.child.signalCode === null) {
      running.child.kill('SIGTERM');
      await running.exited;
    }
    // Whatever is left of a server of our directory.
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      if (pid > 0 && isAlive(pid)) process.kill(pid, 'SIGINT');
    }
    rmSync(root, { recursive: true, force: true });
  });

  it('starts again after SIGKILL left its PostgreSQL running, and stops it on a clean stop', async () => {
    running = startEmbedded(dataDir, pgPort, await freePort());
    await healthy(running);
    running.child.kill('SIGKILL');
    await running.exited;
    // The server outlived its api.
    const orphan = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    expect(isAlive(orphan)).toBe(true);

    running = startEmbedded(dataDir, pgPort, await freePort());
    await healthy(running);
    expect(running.output()).not.toContain('failed to start');
    expect(isAlive(orphan)).toBe(false);

    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    expect(existsSync(pidFile)).toBe(false);
  }, 240_000);

  it('starts with a stale postmaster.pid left by a server that is gone', async () => {
    // A pid that is certainly not running: a process that has exited.
    const gone = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => gone.once('exit', r));
    writeFileSync(pidFile, `${gone.pid}\n${join(dataDir, 'pg')}\n0\n${pgPort}\n/tmp\n127.0.0.1\n  0 0\nready\n`);
    running = startEmbedded(dataDir, pgPort, await freePort());
    await healthy(running);
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
  }, 120_000);

  const asRoot = process.getuid?.() === 0;
  it(
    asRoot
      ? 'as root in a directory the postgres user cannot reach, says so and exits non-zero'
      : 'in a data directory it cannot create, says so and exits non-zero',
    async () => {
      const closed = join(root, 'closed-home');
      mkdirSync(closed);
      chmodSync(closed, 0o700);
      // Not root: a directory under a file cannot be made at all.
      const dir = asRoot ? join(closed, 'checkout', '.data') : join(closed, 'a-file', '.data');
      if (!asRoot) writeFileSync(join(closed, 'a-file'), '');
      const s = startEmbedded(dir, await freePort(), await freePort());
      const code = await s.exited;
      expect(code).not.toBe(0);
      const out = s.output();
      expect(out).toContain('Fellesplan failed to start:');
      expect(out).not.toContain('undefined');
      if (asRoot) {
        expect(out).toContain(`${closed} is closed to that user`);
        expect(out).toContain('Set DATA_DIR');
        expect(out).not.toMatch(/EACCES|\n\s+at /);
      }
    },
    60_000,
  );
});
