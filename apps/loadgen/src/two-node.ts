/**
 * The two-node scenario (issue 18, item 7): the municipality's sockets spread over two api
 * processes that share rooms through Redis (REALTIME_ADAPTER=redis), each plan's editor on one
 * node and its viewers on the other, so every receipt crosses the adapter.
 *
 * 1. `cross-node`: the municipality's rate; edit-to-peer latency across nodes and the cpu per
 *    edit of both nodes (and of Redis, when its process is visible), to set beside one node's.
 * 2. `kill`: the same rate; part-way through, node B is killed with SIGKILL. Its clients
 *    reconnect to node A and rejoin from the revision they hold. Nothing acknowledged may be lost
 *    (every client must end up with every revision, checked against the database), and the time
 *    from the kill until every client is back is reported.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { REALTIME_PATH } from '#contracts';
import { nowMs, sleep } from './clock';
import { cpuSeconds, freePort, startServer, type ServerProcess } from './processes';
import { LoadSession, type PhaseResult } from './session';
import type { ClientSpec, FailoverStats, SeededPlans } from './types';

export interface TwoNodeOptions {
  apiMain: string;
  /** The single-node api's environment (database, secret, limits); the adapter is set here. */
  env: Record<string, string>;
  cpus: string | null;
  nodeArgs: string[];
  seeded: SeededPlans;
  rate: number;
  seconds: number;
  killAfterSeconds: number;
  workers: number;
  redisUrl: string;
  revisions(planIds: string[]): Promise<Map<string, number>>;
  log(line: string): void;
}

export interface TwoNodePhase extends Omit<PhaseResult, 'finalRevisions' | 'timeline'> {
  /** Both nodes' cpu (and Redis's, if seen) per acked edit, ms. */
  nodesCpuMsPerEdit: number;
  redisCpuMsPerEdit: number | null;
  slowSeconds: number;
}

export interface TwoNodeRun {
  crossNode: TwoNodePhase | null;
  /** Lost/duplicated in the kill phase count what had not arrived by its end (clients still reconnecting). */
  kill: (TwoNodePhase & { failovers: FailoverStats; killedAtSecond: number; secondsUntilAllBack: number | null }) | null;
  /** The phase after every client is back: nothing may be missing any more. */
  afterKill?: TwoNodePhase;
  committedUnseen: number;
  error?: string;
}

/** Spreads each plan's clients: editor on one node, viewers on the other, alternating by plan. */
export function spreadOverNodes(clients: ClientSpec[], planIds: string[], urls: [string, string]): ClientSpec[] {
  const index = new Map(planIds.map((id, i) => [id, i]));
  return clients.map((c) => {
    const i = index.get(c.planId) ?? 0;
    const editorNode = i % 2;
    const node = c.goalId ? editorNode : 1 - editorNode;
    // Client ids of their own: a mutation id names its client, and the single-node sessions used these plans too.
    return { ...c, id: c.id + 2_000_000, url: urls[node], fallbackUrl: urls[1 - node] };
  });
}

function redisPid(): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'redis-server') return Number(entry);
    } catch {
      // gone
    }
  }
  return null;
}

export async function runTwoNode(o: TwoNodeOptions): Promise<TwoNodeRun> {
  const channel = `fp-bench-${process.pid}-${Date.now()}`;
  const env = { ...o.env, REALTIME_ADAPTER: 'redis', REDIS_URL: o.redisUrl, REALTIME_CHANNEL: channel };
  const nodes: ServerProcess[] = [];
  const run: TwoNodeRun = { crossNode: null, kill: null, committedUnseen: 0 };
  const final = new Map<string, number>();
  let session: LoadSession | null = null;
  try {
    for (const name of ['api-a', 'api-b']) {
      const port = await freePort();
      nodes.push(await startServer(name, o.apiMain, [], { ...env, PORT: String(port) }, o.cpus, o.nodeArgs));
    }
    const urls: [string, string] = [nodes[0].url, nodes[1].url];
    o.log(`two nodes up on ${urls.join(' and ')} (redis adapter, channel ${channel})`);
    const clients = spreadOverNodes(o.seeded.clients, o.seeded.planIds, urls);
    session = await LoadSession.open(clients, {
      url: urls[0],
      path: REALTIME_PATH,
      join: true,
      workers: o.workers,
      connectConcurrency: 50,
      connectTimeoutMs: 20_000,
      heartbeats: true,
    });
    if (session.connect.failed || session.join?.failed)
      throw new Error(`connect/join failed: ${[...session.connect.errors, ...(session.join?.errors ?? [])].join('; ')}`);
    const redis = redisPid();
    const measure = async (label: string, during?: (startAt: number) => Promise<void>): Promise<TwoNodePhase> => {
      const cpu0 = nodes.map((n) => cpuSeconds(n.pid));
      const redis0 = redis ? cpuSeconds(redis) : 0;
      const pending = session!.runPhase(label, o.rate, o.seconds);
      const side = during?.(nowMs());
      const result = await pending;
      await side;
      const cpu = nodes.reduce((a, n, i) => a + Math.max(0, cpuSeconds(n.pid) - cpu0[i]), 0);
      const redisCpu = redis ? cpuSeconds(redis) - redis0 : null;
      const { finalRevisions, timeline, ...rest } = result;
      for (const [plan, rev] of Object.entries(finalRevisions)) final.set(plan, Math.max(final.get(plan) ?? 0, rev));
      const perEdit = (s: number) => (result.acked ? Math.round((s * 1e6) / result.acked) / 1000 : 0);
      const phase: TwoNodePhase = {
        ...rest,
        nodesCpuMsPerEdit: perEdit(cpu),
        redisCpuMsPerEdit: redisCpu === null ? null : perEdit(redisCpu),
        slowSeconds: timeline.filter((b) => b.slow > 0).length,
      };
      o.log(
        `two nodes ${label} @${o.rate}/s: sent ${result.sent}, acked ${result.acked}, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
          `lost ${result.lost}, dup ${result.duplicates}, ooo ${result.outOfOrder}; cpu per edit both nodes ${phase.nodesCpuMsPerEdit} ms, redis ${phase.redisCpuMsPerEdit ?? '–'} ms`,
      );
      return phase;
    };
    await measure('warmup');
    run.crossNode = await measure('cross-node');
    let killedAt = 0;
    const kill = await measure('kill', async () => {
      await sleep(o.killAfterSeconds * 1000 + 300);
      killedAt = nowMs();
      o.log(`two nodes: SIGKILL ${nodes[1].name} (pid ${nodes[1].pid})`);
      await nodes[1].kill();
    });
    // Wait (bounded) until every client of the killed node is back on node A, then one more phase
    // with everyone on node A: its loss check (and the database comparison below) covers them all.
    let failovers = await session.failovers();
    const waitUntil = nowMs() + 90_000;
    while (failovers.back + failovers.failed < failovers.disconnected && nowMs() < waitUntil) {
      await sleep(500);
      failovers = await session.failovers();
    }
    run.afterKill = await measure('after-kill');
    run.kill = {
      ...kill,
      failovers,
      killedAtSecond: o.killAfterSeconds,
      secondsUntilAllBack:
        failovers.lastBackAt !== null && failovers.back === failovers.disconnected
          ? Math.round((failovers.lastBackAt - killedAt) / 100) / 10
          : null,
    };
    o.log(
      `two nodes kill: ${failovers.disconnected} clients lost their node, ${failovers.back} back, ${failovers.failed} failed; ` +
        `all back ${run.kill.secondsUntilAllBack ?? '–'} s after the kill${failovers.errors.length ? `; ${failovers.errors.join('; ')}` : ''}`,
    );
  } catch (e) {
    run.error = e instanceof Error ? e.message : String(e);
    o.log(`two nodes: ${run.error}`);
  } finally {
    await session?.close();
    for (const n of nodes) await n.stop().catch(() => undefined);
  }
  const inDb = await o.revisions(o.seeded.planIds);
  for (const [plan, rev] of inDb) {
    const seen = final.get(plan) ?? rev;
    if (rev > seen) run.committedUnseen += rev - seen;
  }
  return run;
}
