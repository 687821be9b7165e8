/**
 * The socket.io gateway on one node: the handshake, joining with catch-up, ordered broadcast of
 * REST and socket edits, commands through the REST write path (validation, permissions,
 * conflicts, idempotency), and a client that was away while 100 edits happened.
 */
import { createHmac } from 'node:crypto';
import { MAX_REPLAY_EVENTS, type JoinResult } from '#contracts';
import {
  ConnectRefused,
  PlanEventLog,
  TEST_JWT_SECRET,
  connect,
  connectSocket,
  emitWithAck,
  expectOk,
  useSockets,
  useTestApp,
  type ApiClient,
  type TestSocket,
} from '#testing';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

describe('realtime: the socket gateway', () => {
  const app = useTestApp();
  let f: PlanFixture;
  const openSocket = useSockets();
  beforeAll(async () => {
    f = await createPlanFixture(app, 'Realtime-planen');
  }, 60_000);

  const open = (client: ApiClient) => openSocket(app.api.url, client.accessToken);
  const join = async (socket: TestSocket, sinceRevision: number | null = null): Promise<JoinResult> =>
    expectOk(socket, 'plan:join', { planId: f.planId, sinceRevision });
  const revisionNow = async () => (await f.clients.coordinator.get(`/api/plans/${f.planId}`)).body.revision as number;
  /** n plan edits over REST by the coordinator, one after another; their revisions. */
  const restEdits = async (n: number, tag: string) => {
    const revisions: number[] = [];
    for (let i = 0; i < n; i++) {
      const res = await f.clients.coordinator.patch(`/api/plans/${f.planId}`, { baseRevision: 0, resources: `${tag} ${i}` });
      if (res.status !== 200) throw new Error(`edit failed: ${res.status} ${JSON.stringify(res.body)}`);
      revisions.push(res.body.revision);
    }
    return revisions;
  };
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  describe('handshake', () => {
    it('refuses a connection without a token, saying why', async () => {
      const error = await connectSocket(app.api.url, undefined).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectRefused);
      expect(error).toMatchObject({ code: 'unauthenticated', data: { code: 'unauthenticated' } });
    });

    it('refuses an invalid token and an expired one with their own codes', async () => {
      await expect(connectSocket(app.api.url, 'not-a-token')).rejects.toMatchObject({ code: 'token_invalid' });
      const expired = signToken({ sub: f.accountIds.coordinator, tid: 'x', role: 'coordinator', exp: Math.floor(Date.now() / 1000) - 60 });
      const error = (await connectSocket(app.api.url, expired).catch((e: unknown) => e)) as ConnectRefused;
      expect(error.code).toBe('token_expired');
      expect(error.data?.message).toMatch(/expired/);
    });

    it('accepts a valid access token', async () => {
      const socket = await open(f.clients.person);
      expect(socket.connected).toBe(true);
    });
  });

  describe('joining and catching up', () => {
    it('joins without a revision and gets a snapshot, and the read is in the access log', async () => {
      const socket = await open(f.clients.professional);
      const res = await join(socket, null);
      expect(res.snapshot).toMatchObject({ id: f.planId, myRole: 'professional' });
      expect(res.revision).toBe(res.snapshot!.revision);
      expect(res.events).toBeUndefined();
      const log = await f.clients.person.get(`/api/plans/${f.planId}/access-log?limit=5`);
      expect(log.body.items[0]).toMatchObject({ action: 'plan.read', actor: { accountId: f.accountIds.professional } });
    });

    it('joins with its last revision and gets exactly the missed events, in order', async () => {
      const since = await revisionNow();
      const made = await restEdits(3, 'catch-up');
      const socket = await open(f.clients.person);
      const res = await join(socket, since);
      expect(res.snapshot).toBeUndefined();
      expect(res.events!.map((e) => e.revision)).toEqual(made);
      expect(res.revision).toBe(made[2]);
      expect(res.events![0]).toMatchObject({ planId: f.planId, entityType: 'plan', action: 'updated', patch: { resources: 'catch-up 0' } });
    });

    it('joins at the current revision and gets no events', async () => {
      const now = await revisionNow();
      const res = await join(await open(f.clients.person), now);
      expect(res).toMatchObject({ revision: now, events: [] });
    });

    it(`gets a snapshot instead when more than ${MAX_REPLAY_EVENTS} events were missed, or when it claims a revision the plan has not reached`, async () => {
      const since = await revisionNow();
      await restEdits(MAX_REPLAY_EVENTS + 1, 'far behind');
      const socket = await open(f.clients.person);
      const res = await join(socket, since);
      expect(res.events).toBeUndefined();
      expect(res.snapshot!.revision).toBe(since + MAX_REPLAY_EVENTS + 1);
      const ahead = await join(socket, res.revision + 1000);
      expect(ahead.snapshot!.revision).toBe(res.revision);
    }, 60_000);

    it('does not let a non-member, the systemkoordinator or another tenant join; the plan is simply not found', async () => {
      for (const who of ['outsider', 'systemkoordinator', 'otherTenant'] as const) {
        const res = await emitWithAck(await open(f.clients[who]), 'plan:join', { planId: f.planId, sinceRevision: null });
        expect(res).toMatchObject({ ok: false, error: { code: 'not_found' } });
      }
    });

    it('gives a range of events on request, for a client that saw a gap', async () => {
      const made = await restEdits(4, 'range');
      const socket = await open(f.clients.person);
      await join(socket, made[3]);
      const res = await expectOk(socket, 'plan:events', { planId: f.planId, afterRevision: made[0], toRevision: made[2] });
      expect(res.events.map((e) => e.revision)).toEqual([made[1], made[2]]);
      expect(res.revision).toBeGreaterThanOrEqual(made[3]);
    });
  });

  describe('broadcast', () => {
    it('sends every REST and socket edit to every socket in the room, in revision order, without gaps or duplicates', async () => {
      const watchers = await Promise.all([open(f.clients.coordinator), open(f.clients.relative), open(f.clients.guardian)]);
      const logs = watchers.map((s) => new PlanEventLog(s, f.planId));
      const starts = await Promise.all(watchers.map((s) => join(s)));
      const start = Math.max(...starts.map((s) => s.revision));
      const editor = await open(f.clients.person);
      await join(editor);
      const goal = await f.clients.coordinator.post(`/api/plans/${f.planId}/goals`, { title: 'Felles mål' });
      // 20 edits at once: 10 over REST by the coordinator, 10 over the socket by the person.
      const acks = await Promise.all(
        range(1, 10).flatMap((i) => [
          f.clients.coordinator
            .patch(`/api/plans/${f.planId}`, { baseRevision: 0, needs: `behov ${i}` })
            .then((r) => r.body.revision as number),
          expectOk(editor, 'plan:command', {
            type: 'goal.update',
            planId: f.planId,
            goalId: goal.body.entityId,
            baseRevision: goal.body.revision,
            patch: { description: `beskrivelse ${i}` },
          }).then((r) => r.revision),
        ]),
      );
      const last = Math.max(...acks);
      expect(last).toBe(goal.body.revision + 20);
      for (const log of logs) {
        await log.waitFor(last);
        const seen = log.revisions().filter((r) => r > start);
        expect(seen).toEqual(range(start + 1, last));
      }
    });

    it('stops sending a plan to a socket that left it', async () => {
      const [stayer, leaver] = await Promise.all([open(f.clients.coordinator), open(f.clients.person)]);
      const stayLog = new PlanEventLog(stayer, f.planId);
      await join(stayer);
      await join(leaver);
      await expectOk(leaver, 'plan:leave', { planId: f.planId });
      const leaveLog = new PlanEventLog(leaver, f.planId);
      const [rev] = await restEdits(1, 'after leave');
      await stayLog.waitFor(rev);
      expect(leaveLog.events).toEqual([]);
    });
  });

  describe('commands', () => {
    it('applies a command through the same write path as REST and answers with the revision', async () => {
      const socket = await open(f.clients.person);
      const log = new PlanEventLog(socket, f.planId);
      await join(socket);
      const res = await expectOk(socket, 'plan:command', {
        type: 'goal.create',
        planId: f.planId,
        goal: { title: 'Ta bussen alene', lifeArea: 'hverdagsmestring' },
      });
      expect(res.replayed).toBeUndefined();
      await log.waitFor(res.revision);
      expect(log.events.at(-1)).toMatchObject({
        entityType: 'goal',
        entityId: res.entityId,
        action: 'created',
        actor: { accountId: f.accountIds.person },
      });
      const plan = await f.clients.coordinator.get(`/api/plans/${f.planId}`);
      expect(plan.body.goals.find((g: { id: string }) => g.id === res.entityId)).toMatchObject({ title: 'Ta bussen alene' });
    });

    it('takes task, reorder, status and meeting minutes commands too, each as its REST route would', async () => {
      const socket = await open(f.clients.coordinator);
      const log = new PlanEventLog(socket, f.planId);
      await join(socket);
      const send = (cmd: Parameters<typeof expectOk<'plan:command'>>[2]) => expectOk(socket, 'plan:command', cmd);
      const task = await send({ type: 'task.create', planId: f.planId, task: { title: 'Søke BPA', scope: '1 t/uke' } });
      const updated = await send({
        type: 'task.update',
        planId: f.planId,
        taskId: task.entityId,
        baseRevision: task.revision,
        patch: { status: 'in_progress' },
      });
      const plan = (await f.clients.coordinator.get(`/api/plans/${f.planId}`)).body;
      const reordered = await send({
        type: 'task.reorder',
        planId: f.planId,
        taskIds: [...(plan.tasks as { id: string }[]).map((t) => t.id)].reverse(),
      });
      const status = await send({ type: 'plan.setStatus', planId: f.planId, status: 'active' });
      const meeting = await f.clients.coordinator.post(`/api/plans/${f.planId}/meetings`, { startsAt: '2027-03-03T09:00:00+01:00' });
      expect(meeting.status).toBe(201);
      const minutes = await send({
        type: 'meeting.update',
        planId: f.planId,
        meetingId: meeting.body.entityId,
        baseRevision: meeting.body.revision,
        patch: { minutes: 'Vi ble enige om å søke BPA.' },
      });
      const deleted = await send({ type: 'task.delete', planId: f.planId, taskId: task.entityId });
      await log.waitFor(deleted.revision);
      const byRevision = (r: number) => log.events.find((e) => e.revision === r);
      expect(byRevision(updated.revision)).toMatchObject({ entityType: 'task', action: 'updated', patch: { status: 'in_progress' } });
      expect(byRevision(reordered.revision)).toMatchObject({ entityType: 'task', action: 'reordered' });
      // The plan is already active: nothing changes, and no revision is taken.
      expect(status.revision).toBe(reordered.revision);
      expect(byRevision(minutes.revision)).toMatchObject({ entityType: 'meeting', patch: { minutes: 'Vi ble enige om å søke BPA.' } });
      expect(byRevision(deleted.revision)).toMatchObject({ entityType: 'task', entityId: task.entityId, action: 'deleted' });
    });

    it('refuses wrong types, unknown fields and unknown command types as validation_failed, and writes nothing', async () => {
      const socket = await open(f.clients.person);
      const before = await revisionNow();
      const bad: unknown[] = [
        { type: 'plan.update', planId: f.planId, baseRevision: 'x', patch: { title: 'Ny' } },
        { type: 'plan.update', planId: f.planId, baseRevision: 0, patch: { title: 42 } },
        { type: 'plan.update', planId: f.planId, baseRevision: 0, patch: { owner: 'me' } },
        { type: 'plan.update', planId: f.planId, baseRevision: 0, patch: 'title' },
        { type: 'plan.update', planId: f.planId, baseRevision: 0, patch: { title: 'Ny' }, extra: true },
        { type: 'goal.create', planId: f.planId, goal: { title: '' } },
        { type: 'goal.delete', planId: f.planId, goalId: 'not-a-uuid' },
        { type: 'plan.drop', planId: f.planId },
        { type: 'goal.create', planId: 'nope', goal: { title: 'x' } },
        { type: 'goal.create', planId: f.planId, goal: { title: 'x' }, clientMutationId: 'spaces are not allowed' },
      ];
      for (const cmd of bad) {
        const res = await emitWithAck(socket, 'plan:command', cmd as never);
        expect(res).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
      }
      const wrongType = await emitWithAck(socket, 'plan:command', bad[0] as never);
      expect(!wrongType.ok && wrongType.error.message).toMatch(/baseRevision/);
      expect(await revisionNow()).toBe(before);
    });

    it('refuses what the role may not do, as REST does', async () => {
      const socket = await open(f.clients.relative);
      const res = await emitWithAck(socket, 'plan:command', {
        type: 'plan.update',
        planId: f.planId,
        baseRevision: 0,
        patch: { title: 'Min plan' },
      });
      expect(res).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    });

    it('answers a conflicting edit with the conflicts, and applies the other fields', async () => {
      const goal = await f.clients.coordinator.post(`/api/plans/${f.planId}/goals`, { title: 'Før', description: 'Før' });
      const base = goal.body.revision;
      const theirs = await f.clients.coordinator.patch(`/api/plans/${f.planId}/goals/${goal.body.entityId}`, {
        baseRevision: base,
        title: 'Koordinators tittel',
      });
      expect(theirs.status).toBe(200);
      const socket = await open(f.clients.person);
      const res = await emitWithAck(socket, 'plan:command', {
        type: 'goal.update',
        planId: f.planId,
        goalId: goal.body.entityId,
        baseRevision: base,
        patch: { title: 'Personens tittel', description: 'Personens beskrivelse' },
      });
      expect(res.ok).toBe(false);
      if (res.ok) return;
      expect(res.error.code).toBe('conflict');
      expect(res.error.conflicts).toEqual([
        expect.objectContaining({
          field: 'title',
          yourValue: 'Personens tittel',
          currentValue: 'Koordinators tittel',
          changedBy: expect.objectContaining({ accountId: f.accountIds.coordinator }),
        }),
      ]);
      expect(res.error.revision).toBe(theirs.body.revision + 1);
      const after = await f.clients.person.get(`/api/plans/${f.planId}`);
      expect(after.body.goals.find((g: { id: string }) => g.id === goal.body.entityId)).toMatchObject({
        title: 'Koordinators tittel',
        description: 'Personens beskrivelse',
      });
    });

    it('applies a retried command once: the retry answers with the first result', async () => {
      const socket = await open(f.clients.person);
      const log = new PlanEventLog(socket, f.planId);
      await join(socket);
      const cmd = { type: 'goal.create' as const, planId: f.planId, goal: { title: 'Én gang' }, clientMutationId: `retry-${Date.now()}` };
      const first = await expectOk(socket, 'plan:command', cmd);
      const again = await expectOk(socket, 'plan:command', cmd);
      expect(again).toMatchObject({ revision: first.revision, entityId: first.entityId, replayed: true });
      // The same mutation id from REST is the same mutation.
      const rest = await f.clients.person.post(`/api/plans/${f.planId}/goals`, {
        title: 'Én gang',
        clientMutationId: cmd.clientMutationId,
      });
      expect(rest.body).toMatchObject({ revision: first.revision, replayed: true });
      const [next] = await restEdits(1, 'after retry');
      await log.waitFor(next);
      expect(log.events.filter((e) => e.clientMutationId === cmd.clientMutationId)).toHaveLength(1);
      expect(next).toBe(first.revision + 1);
    });
  });

  it('a client cut off while 100 edits happen reconnects with its last revision and gets exactly the missing events, in order', async () => {
    const socket = await open(f.clients.guardian);
    const log = new PlanEventLog(socket, f.planId);
    const joined = await join(socket);
    await restEdits(1, 'before the cut');
    await log.waitFor((events) => events.length === 1);
    const last = log.events.at(-1)!.revision;
    socket.disconnect();
    const made = await restEdits(100, 'while away');
    expect(made).toEqual(range(last + 1, last + 100));
    await connect(socket);
    const res = await join(socket, last);
    expect(res.events!.map((e) => e.revision)).toEqual(made);
    // Nothing from the time away arrives twice through the room, and live events go on.
    const [after] = await restEdits(1, 'back again');
    await log.waitFor(after);
    expect(log.revisions()).toEqual([last, after]);
    expect(joined.revision).toBeLessThan(last);
  }, 60_000);
});

/** An HS256 token signed like the api's (for an expired one). */
function signToken(payload: Record<string, unknown>): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc({ iat: Math.floor(Date.now() / 1000) - 120, ...payload })}`;
  return `${body}.${createHmac('sha256', TEST_JWT_SECRET).update(body).digest('base64url')}`;
}
