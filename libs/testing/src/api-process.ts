/**
 * Starts the real, built api (dist/) as a child process against a database, on a free port, and
 * waits until /health answers. Tests then talk to it only through HTTP and socket.io.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { apiNodeFlags } from './api-node-flags';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

export interface ApiProcess {
  url: string;
  port: number;
  process: ChildProcess;
  /** Everything the process wrote, for assertions on logs and for debugging. */
  output(): string;
  stop(): Promise<void>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const API_MAIN = join(REPO_ROOT, 'dist', 'apps', 'api', 'src', 'main.js');

export async function startApiProcess(databaseUrl: string, env: Record<string, string> = {}, args: string[] = []): Promise<ApiProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  let output = '';
  const child = spawn(process.execPath, [...apiNodeFlags(), API_MAIN, ...args], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      JWT_SECRET: TEST_JWT_SECRET,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'fellesplan-test-data-')),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const url = `http://127.0.0.1:${port}`;
  if (args.includes('--migrate-only')) {
    const code = await exited;
    if (code !== 0) throw new Error(`api --migrate-only exited with ${code}:\n${output}`);
  } else {
    await waitForHealth(url, exited, () => output);
  }
  const stopWith = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await exited;
  };
  return { url, port, process: child, output: () => output, stop: () => stopWith('SIGTERM'), kill: stopWith };
}

async function waitForHealth(url: string, exited: Promise<number | null>, output: () => string): Promise<void> {
  let done = false;
  void exited.then(() => {
    done = true;
  });
  // On the shared, saturated machine a node can take well over 30 s to boot: wait for health, not a fixed time.
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (done) throw new Error(`api exited before it was healthy:\n${output()}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`api was not healthy within 90 s:\n${output()}`);
}
