/**
 * Two api processes on one database, sharing rooms through the Redis Streams adapter and,
 * again, through the PostgreSQL adapter: an edit on one node reaches clients on the other in
 * order, presence shows the devices on both, and a node killed with SIGKILL in the middle of a
 * stream of acknowledged edits loses none of them: its clients move to the other node and
 * converge on the database's state.
 */
import { Redis } from 'ioredis';
import type { JoinResult, PlanEventView } from '#contracts';
import {
  ApiClient,
  PlanEventLog,
  connectSocket,
  emitWithAck,
  expectOk,
  startApiProcess,
  useSockets,
  useTestApp,
  waitForEvent,
  type ApiProcess,
  type TestSocket,
} from '#testing';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

describe.each(['redis', 'postgres'] as const)('realtime across two api nodes (%s adapter)', (adapter) => {
  const env = { REALTIME_ADAPTER: adapter, REALTIME_CHANNEL: `fp-test-${process.pid}-${adapter}-${Date.now().toString(36)}` };
  const app = useTestApp(env);
  let nodeB: ApiProcess;
  let f: PlanFixture;
  const openSocket = useSockets();
  const followers: Follower[] = [];
  beforeAll(async () => {
    nodeB = await startApiProcess(app.databaseUrl, env);
    f = await createPlanFixture(app, `To noder (${adapter})`);
  }, 90_000);
  afterEach(() => {
    for (const follower of followers.splice(0)) follower.close();
  });
  afterAll(async () => {
    await nodeB?.stop();
    // The Redis stream is named after this run's channel: leave nothing behind.
    if (adapter === 'redis') {
      const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
      await redis.del(env.REALTIME_CHANNEL).finally(() => redis.quit());
    }
  });

  const nodeA = () => app.api;
  const open = (node: ApiProcess, client: ApiClient) => openSocket(node.url, client.accessToken);
  const join = (socket: TestSocket, sinceRevision: number | null = null) =>
    expectOk(socket, 'plan:join', { planId: f.planId, sinceRevision });
  const on = (node: ApiProcess, client: ApiClient) => new ApiClient(node.url, client.accessToken);
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  it('an edit on one node reaches clients on both, in revision order, whichever node took it', async () => {
    const onA = await open(nodeA(), f.clients.relative);
    const onB = await open(nodeB, f.clients.guardian);
    const logs = [new PlanEventLog(onA, f.planId), new PlanEventLog(onB, f.planId)];
    const start = Math.max((await join(onA)).revision, (await join(onB)).revision);
    const editorOnB = await open(nodeB, f.clients.person);
    await join(editorOnB);
    const restOnA = on(nodeA(), f.clients.coordinator);
    const acks = await Promise.all(
      range(1, 10).flatMap((i) => [
        restOnA.patch(`/api/plans/${f.planId}`, { baseRevision: 0, resources: `A ${i}` }).then((r) => r.body.revision as number),
        expectOk(editorOnB, 'plan:command', { type: 'plan.update', planId: f.planId, baseRevision: 0, patch: { needs: `B ${i}` } }).then(
          (r) => r.revision,
        ),
      ]),
    );
    // One event too large for a NOTIFY payload (the postgres adapter parks it in socket_io_attachments).
    const whatMatters = 'Å være sammen med venner. '.repeat(600);
    const large = await restOnA.patch(`/api/plans/${f.planId}`, { baseRevision: 0, whatMatters });
    expect(large.status).toBe(200);
    const last = Math.max(...acks, large.body.revision);
    for (const log of logs) {
      await log.waitFor(last);
      expect(log.revisions().filter((r) => r > start)).toEqual(range(start + 1, last));
      expect(log.events.at(-1)!.patch.whatMatters).toBe(whatMatters);
    }
  });

  it('shows presence of the devices on both nodes, on both nodes', async () => {
    const onA = await open(nodeA(), f.clients.coordinator);
    const onB = await open(nodeB, f.clients.person);
    const secondOnB = await open(nodeB, f.clients.coordinator);
    const bothThere = (socket: TestSocket) =>
      waitForEvent(
        socket,
        'presence:state',
        (s) =>
          s.participants.find((p) => p.accountId === f.accountIds.coordinator)?.devices === 2 &&
          s.participants.some((p) => p.accountId === f.accountIds.person),
        10_000,
      );
    const seen = Promise.all([bothThere(onA), bothThere(onB)]);
    await join(onA);
    await join(onB);
    await join(secondOnB);
    const [stateOnA, stateOnB] = await seen;
    expect(stateOnA.participants.map((p) => p.accountId).sort()).toEqual([f.accountIds.coordinator, f.accountIds.person].sort());
    expect(stateOnB.participants).toEqual(stateOnA.participants);
  });

  it('takes a member out of the room on the other node too, within a second, before any later event', async () => {
    const onB = await open(nodeB, f.clients.professional);
    const witnessOnB = await open(nodeB, f.clients.guardian);
    const revokedLog = new PlanEventLog(onB, f.planId);
    const witness = new PlanEventLog(witnessOnB, f.planId);
    await join(onB);
    await join(witnessOnB);
    const notice = waitForEvent(onB, 'plan:revoked', (n) => n.planId === f.planId, 1000);
    const revocation = await on(nodeA(), f.clients.person).post(`/api/plans/${f.planId}/consents/${f.consentIds.professional}/revoke`);
    expect(revocation.status).toBe(200);
    expect(await notice).toEqual({ planId: f.planId, reason: 'consent_revoked' });
    const later = await on(nodeA(), f.clients.coordinator).patch(`/api/plans/${f.planId}`, { baseRevision: 0, cooperation: 'etterpå' });
    await witness.waitFor(later.body.revision);
    expect(revokedLog.revisions().filter((r) => r > revocation.body.revision)).toEqual([]);
  });

  it('loses no acknowledged edit when a node is killed mid-stream: its clients move over and converge on the database', async () => {
    const TOTAL = 40;
    const KILL_AT = 12;
    // Observers on both nodes, and the writer on the node that will die.
    followers.push(
      new Follower(nodeA(), f.clients.relative),
      new Follower(nodeB, f.clients.guardian),
      new Follower(nodeA(), f.clients.person),
    );
    for (const follower of followers) await follower.start(f.planId, nodeB);
    let writer = await open(nodeA(), f.clients.coordinator);
    const acked = new Map<string, number>();
    let killed: Promise<void> | undefined;
    for (let i = 0; i < TOTAL; i++) {
      const title = `Mål ${adapter} ${i}`;
      const cmd = { type: 'goal.create' as const, planId: f.planId, goal: { title }, clientMutationId: `kill-${adapter}-${i}` };
      for (let attempt = 0; ; attempt++) {
        if (attempt > 5) throw new Error(`edit ${i} was never acknowledged`);
        if (!writer.connected) writer = await open(nodeB, f.clients.coordinator);
        const pending = emitWithAck(writer, 'plan:command', cmd, 3000);
        if (i === KILL_AT && !killed) killed = nodeA().kill('SIGKILL');
        const res = await pending.catch(() => null);
        if (res?.ok) {
          acked.set(title, res.revision);
          break;
        }
        if (res && !res.ok) throw new Error(`edit ${i} refused: ${res.error.code} ${res.error.message}`);
      }
    }
    await killed;
    expect(nodeA().process.signalCode).toBe('SIGKILL');

    // The database has every acknowledged edit, once.
    const plan = (await on(nodeB, f.clients.coordinator).get(`/api/plans/${f.planId}`)).body;
    const titles = (plan.goals as { title: string }[]).map((g) => g.title).filter((t) => t.startsWith(`Mål ${adapter} `));
    expect(titles.sort()).toEqual([...acked.keys()].sort());
    // Every follower, wherever it ended up, has every revision up to the database's, none missing.
    for (const follower of followers) {
      await follower.waitForRevision(plan.revision, 15_000);
      expect(follower.missing(plan.revision)).toEqual([]);
      expect(follower.socket.connected).toBe(true);
      expect(follower.current).toBe(nodeB);
    }
  }, 90_000);
});

/** A client that follows a plan, moving to a fallback node when its node goes away. */
class Follower {
  socket!: TestSocket;
  /** The node the follower is connected to now. */
  current!: ApiProcess;
  private from = 0;
  private readonly seen = new Set<number>();
  private waiters: (() => boolean)[] = [];
  private closed = false;

  constructor(
    private readonly node: ApiProcess,
    private readonly client: ApiClient,
  ) {}

  async start(planId: string, fallback: ApiProcess): Promise<void> {
    await this.attach(this.node, planId, null);
    this.socket.on('disconnect', () => {
      if (!this.closed) void this.attach(fallback, planId, this.contiguous());
    });
  }

  /** The highest revision with every one before it (from the start) seen. */
  contiguous(): number {
    let r = this.from;
    while (this.seen.has(r + 1)) r++;
    return r;
  }

  missing(upTo: number): number[] {
    const out: number[] = [];
    for (let r = this.from + 1; r <= upTo; r++) if (!this.seen.has(r)) out.push(r);
    return out;
  }

  waitForRevision(revision: number, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.contiguous() < revision) return false;
        clearTimeout(timer);
        resolve();
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`follower at ${this.contiguous()}, not ${revision}, within ${timeoutMs} ms`));
      }, timeoutMs);
      if (!check()) this.waiters.push(check);
    });
  }

  close(): void {
    this.closed = true;
    this.socket?.close();
  }

  private async attach(node: ApiProcess, planId: string, since: number | null): Promise<void> {
    const socket = await connectSocket(node.url, this.client.accessToken);
    this.socket = socket;
    this.current = node;
    socket.on('plan:event', (e: PlanEventView) => this.add([e.revision]));
    const res = (await expectOk(socket, 'plan:join', { planId, sinceRevision: since }, 10_000)) as JoinResult;
    if (res.snapshot) {
      if (since === null) this.from = res.revision;
      else for (let r = since + 1; r <= res.revision; r++) this.seen.add(r);
    }
    this.add((res.events ?? []).map((e) => e.revision));
  }

  private add(revisions: number[]): void {
    for (const r of revisions) this.seen.add(r);
    this.waiters = this.waiters.filter((w) => !w());
  }
}
