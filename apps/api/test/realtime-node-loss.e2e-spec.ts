/**
 * What a node that dies leaves behind on the nodes that stay, with each adapter: its users'
 * presence lapses (node heartbeats over the bus), and a revision it committed but never
 * published still reaches viewers of a quiet plan on the other node (the periodic revision
 * check), without any later edit.
 */
import { Redis } from 'ioredis';
import type { PresenceState } from '#contracts';
import { ApiClient, PlanEventLog, expectOk, startApiProcess, useSockets, useTestApp, type ApiProcess, type TestSocket } from '#testing';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

describe.each(['redis', 'postgres'] as const)('when a node dies (%s adapter)', (adapter) => {
  const env = {
    REALTIME_ADAPTER: adapter,
    REALTIME_CHANNEL: `fp-loss-${process.pid}-${adapter}-${Date.now().toString(36)}`,
    REALTIME_NODE_HEARTBEAT_MS: '250',
    REALTIME_REVISION_CHECK_MS: '300',
  };
  const app = useTestApp(env);
  const others: ApiProcess[] = [];
  let f: PlanFixture;
  const openSocket = useSockets();
  beforeAll(async () => {
    f = await createPlanFixture(app, `Node som dør (${adapter})`);
  }, 90_000);
  afterAll(async () => {
    for (const node of others) await node.stop();
    if (adapter === 'redis') {
      const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
      await redis.del(env.REALTIME_CHANNEL).finally(() => redis.quit());
    }
  });

  const startNode = async (extra: Record<string, string> = {}) => {
    const node = await startApiProcess(app.databaseUrl, { ...env, ...extra });
    others.push(node);
    return node;
  };
  const open = (node: ApiProcess, client: ApiClient) => openSocket(node.url, client.accessToken);
  const join = (socket: TestSocket) => expectOk(socket, 'plan:join', { planId: f.planId, sinceRevision: null });

  it("drops the presence of a killed node's users on the other node, without any other change", async () => {
    const nodeB = await startNode();
    const viewerOnA = await open(app.api, f.clients.coordinator);
    const states = new StateLog(viewerOnA);
    const personOnB = await open(nodeB, f.clients.person);
    const onlyViewer = (s: PresenceState) => s.participants.length === 1 && s.participants[0].accountId === f.accountIds.coordinator;
    const personEditing = (s: PresenceState) =>
      s.participants.some((p) => p.accountId === f.accountIds.person && p.focus.some((x) => x.mode === 'editing'));

    // Every node also resends a plan's presence half a second after its last change there; let
    // those pass first, so that only the node heartbeats can tell the viewer's node that B died.
    await join(viewerOnA);
    await states.waitFor((all) => all.filter(onlyViewer).length >= 2); // A's state, and A's resend
    await join(personOnB);
    await expectOk(personOnB, 'presence:update', {
      planId: f.planId,
      focus: { entityType: 'plan', entityId: f.planId, field: 'whatMatters', mode: 'editing' },
    });
    await states.waitFor((all) => all.filter(personEditing).length >= 2); // B's state, and B's resend

    const seen = states.all.length;
    await nodeB.kill('SIGKILL');
    await states.waitFor((all) => all.slice(seen).some((s) => !s.participants.some((p) => p.accountId === f.accountIds.person)), 15_000);
    expect(states.all.at(-1)!.participants.map((p) => p.accountId)).toEqual([f.accountIds.coordinator]);
  }, 60_000);

  it('delivers a revision whose node died between commit and publish to a viewer of a quiet plan on the other node', async () => {
    // This node kills itself right after committing a goal, before anything is published.
    const dying = await startNode({ TEST_KILL_AFTER_COMMIT: 'goal.created' });
    const viewerOnA = await open(app.api, f.clients.relative);
    const log = new PlanEventLog(viewerOnA, f.planId);
    const joined = await join(viewerOnA);

    const title = `Mål fra en node som døde (${adapter})`;
    const lost = await on(dying, f.clients.coordinator)
      .post(`/api/plans/${f.planId}/goals`, { title })
      .then(
        (r) => r.status,
        () => 'no answer',
      );
    expect(lost).toBe('no answer');
    await waitForExit(dying);
    expect(dying.process.signalCode).toBe('SIGKILL');

    // The commit happened: the database is one revision ahead of what anyone was sent.
    const plan = (await on(app.api, f.clients.coordinator).get(`/api/plans/${f.planId}`)).body;
    expect(plan.revision).toBe(joined.revision + 1);
    expect((plan.goals as { title: string }[]).map((g) => g.title)).toContain(title);

    await log.waitFor(plan.revision, 10_000);
    const event = log.events.find((e) => e.revision === plan.revision)!;
    expect(event).toMatchObject({ entityType: 'goal', action: 'created' });
    expect(event.patch.title).toBe(title);
  }, 60_000);
});

const on = (node: ApiProcess, client: ApiClient) => new ApiClient(node.url, client.accessToken);

function waitForExit(node: ApiProcess): Promise<void> {
  if (node.process.exitCode !== null || node.process.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => node.process.once('exit', () => resolve()));
}

/** Every presence:state a socket receives, with a bounded wait on a condition over them. */
class StateLog {
  readonly all: PresenceState[] = [];
  private waiters: (() => void)[] = [];

  constructor(socket: TestSocket) {
    socket.on('presence:state', (state) => {
      this.all.push(state);
      for (const w of this.waiters.splice(0)) w();
    });
  }

  waitFor(condition: (all: PresenceState[]) => boolean, timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`presence not reached within ${timeoutMs} ms; got ${JSON.stringify(this.all)}`)),
        timeoutMs,
      );
      const check = () => {
        if (condition(this.all)) {
          clearTimeout(timer);
          resolve();
        } else this.waiters.push(check);
      };
      check();
    });
  }
}
