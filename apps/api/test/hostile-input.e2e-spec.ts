/**
 * Input that once stopped the api or got a 500, each a 4xx (or an error ack) now: a socket frame
 * nested thousands of levels deep, deeply nested REST bodies, NUL bytes, lone surrogates and
 * other control characters in text, null for optional fields that may not be null, and integers
 * beyond what PostgreSQL's integer holds. After each the node is alive and nothing was written.
 * The rules themselves: docs/input.md.
 */
import { Client } from 'pg';
import { emitFrameWithAck, emitRawWithAck, expectOk, useSockets, useTestApp, type ApiClient, type TestResponse } from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

/** `[[[…]]]` nested `depth` levels, as text (JSON.stringify of such a value would itself overflow). */
function nestedArrays(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

function expectRefused(res: TestResponse, what: string, code = 'validation_failed'): void {
  expect({ what, status: res.status, code: res.body?.code }).toEqual({ what, status: 400, code });
  expect(typeof res.body.message).toBe('string');
}

describe('hostile input: no crash, no 500, nothing written', () => {
  const app = useTestApp();
  const openSocket = useSockets();
  let f: PlanFixture;
  let sk: ApiClient;
  let goalId: string;
  let meetingId: string;
  let courseId: string;

  beforeAll(async () => {
    f = await createPlanFixture(app, 'Fiendtlig input');
    sk = f.clients.systemkoordinator;
    const goal = await f.clients.coordinator.post(`/api/plans/${f.planId}/goals`, { title: 'Gå på tur' });
    expect(goal.status).toBe(201);
    goalId = goal.body.entityId;
    const meeting = await f.clients.coordinator.post(`/api/plans/${f.planId}/meetings`, { startsAt: '2026-03-03T09:00:00+01:00' });
    expect(meeting.status).toBe(201);
    meetingId = meeting.body.entityId;
    const course = await sk.post('/api/training/courses', { title: 'Grunnkurs' });
    expect(course.status).toBe(201);
    courseId = course.body.id;
  }, 90_000);

  /** What a rejected request must leave unchanged: the plan's revision, its change log and the audit of writes. */
  async function writes(): Promise<{ revision: number; events: number; audit: number }> {
    const db = new Client({ connectionString: app.databaseUrl });
    await db.connect();
    const { rows } = await db
      .query<{ revision: number; events: string; audit: string }>(
        `SELECT (SELECT revision FROM plans WHERE id = $1) AS revision,
                (SELECT count(*) FROM plan_events WHERE plan_id = $1) AS events,
                (SELECT count(*) FROM audit_entries WHERE action NOT LIKE '%.read') AS audit`,
        [f.planId],
      )
      .finally(() => db.end());
    return { revision: rows[0].revision, events: Number(rows[0].events), audit: Number(rows[0].audit) };
  }
  async function revision(): Promise<number> {
    return (await f.clients.coordinator.get(`/api/plans/${f.planId}`)).body.revision;
  }
  async function expectAlive(): Promise<void> {
    expect((await app.client.get('/health')).status).toBe(200);
  }

  describe('the socket', () => {
    it('answers a frame nested 4,500 levels deep with an error ack, and the node lives on', async () => {
      const socket = await openSocket(app.api.url, f.clients.person.accessToken);
      const res = await emitFrameWithAck(socket, 'plan:join', `{"planId":"${f.planId}","x":${nestedArrays(4500)}}`);
      expect(res).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
      expect(socket.connected).toBe(true);
      await expectOk(socket, 'plan:join', { planId: f.planId, sinceRevision: null });
      await expectAlive();
    });

    it('refuses NUL, lone surrogates and control characters in any text of a command', async () => {
      const socket = await openSocket(app.api.url, f.clients.coordinator.accessToken);
      const before = await writes();
      for (const title of ['a\u0000b', 'x\ud800y', 'bell\u0007', 'esc\u001b[2J', 'del\u007f', 'c1\u0085']) {
        const res = await emitRawWithAck(socket, 'plan:command', [{ type: 'goal.create', planId: f.planId, goal: { title } }]);
        expect({ title, res }).toMatchObject({ title, res: { ok: false, error: { code: 'validation_failed' } } });
      }
      const join = await emitRawWithAck(socket, 'plan:join', [{ planId: f.planId, sinceRevision: null, ['k\u0000']: 1 }]);
      expect(join).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
      expect(await writes()).toEqual(before);
    });

    it('refuses integers beyond PostgreSQL integer range', async () => {
      const socket = await openSocket(app.api.url, f.clients.person.accessToken);
      for (const [event, payload] of [
        ['plan:join', { planId: f.planId, sinceRevision: 2 ** 31 }],
        ['plan:events', { planId: f.planId, afterRevision: 2 ** 31 }],
        ['plan:events', { planId: f.planId, afterRevision: 0, toRevision: 2 ** 53 }],
      ] as const) {
        const res = await emitRawWithAck(socket, event, [payload]);
        expect({ event, payload, res }).toMatchObject({ res: { ok: false, error: { code: 'validation_failed' } } });
      }
      await expectAlive();
    });
  });

  describe('REST', () => {
    it('refuses a deeply nested body with 400 before anything recurses into it', async () => {
      const before = await writes();
      for (const depth of [20, 5000, 30_000]) {
        const body = `{"baseRevision":0,"whatMatters":"x","x":${nestedArrays(depth)}}`;
        expectRefused(await f.clients.coordinator.request('PATCH', `/api/plans/${f.planId}`, body), `depth ${depth}`);
        const wide = `{"title":"t","personName":"p","x":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
        expectRefused(await f.clients.coordinator.request('POST', '/api/plans', wide), `object depth ${depth}`);
      }
      expect(await writes()).toEqual(before);
      await expectAlive();
    });

    it('refuses NUL, lone surrogates and control characters in every kind of text field', async () => {
      const before = await writes();
      const bad = ['a\u0000b', 'x\ud800y', 'y\udfffz', 'bell\u0007', 'vt\u000b', 'del\u007f', 'c1\u009b'];
      const rev = await revision();
      for (const text of bad) {
        expectRefused(await f.clients.coordinator.patch(`/api/plans/${f.planId}`, { baseRevision: rev, title: text }), `title ${text}`);
        expectRefused(await f.clients.coordinator.patch(`/api/plans/${f.planId}`, { baseRevision: rev, whatMatters: text }), 'whatMatters');
        expectRefused(await f.clients.coordinator.post(`/api/plans/${f.planId}/goals`, { title: text }), 'goal title');
        expectRefused(await f.clients.coordinator.post(`/api/plans/${f.planId}/journal`, { body: text }), 'journal body');
        expectRefused(await f.clients.person.patch('/api/me', { name: text }), 'my name');
      }
      // A URL cannot carry a lone surrogate (percent-encoding is UTF-8), but it can carry the rest.
      for (const text of bad.filter((t) => !/[\ud800-\udfff]/.test(t)))
        expectRefused(await sk.get(`/api/accounts?q=${encodeURIComponent(text)}`), 'query');
      expect(await writes()).toEqual(before);
    });

    it('accepts tab, newline, carriage return and any well-formed Unicode', async () => {
      const text = 'Linje 1\r\n\tLinje 2 – «æøå» 𝄞 👩🏽‍⚕️ \u2028 ok';
      const res = await f.clients.coordinator.patch(`/api/plans/${f.planId}`, { baseRevision: await revision(), whatMatters: text });
      expect(res.status).toBe(200);
      expect((await f.clients.coordinator.get(`/api/plans/${f.planId}`)).body.whatMatters).toBe(text);
    });

    it('refuses null for optional fields that may not be null, and takes null where the schema says nullable', async () => {
      const before = await writes();
      const rev = await revision();
      const goal = (await f.clients.coordinator.get(`/api/plans/${f.planId}`)).body.goals.find((g: { id: string }) => g.id === goalId);
      const meRoute = '/api/me';
      const coordinatorAccount = `/api/accounts/${f.accountIds.guardian}`;
      const cases: [string, () => Promise<TestResponse>][] = [
        ['plan title', () => f.clients.coordinator.patch(`/api/plans/${f.planId}`, { baseRevision: rev, title: null })],
        ['plan whatMatters', () => f.clients.coordinator.patch(`/api/plans/${f.planId}`, { baseRevision: rev, whatMatters: null })],
        ['plan resources', () => f.clients.coordinator.patch(`/api/plans/${f.planId}`, { baseRevision: rev, resources: null })],
        [
          'goal status',
          () => f.clients.coordinator.patch(`/api/plans/${f.planId}/goals/${goalId}`, { baseRevision: goal.revision, status: null }),
        ],
        ['goal create status', () => f.clients.coordinator.post(`/api/plans/${f.planId}/goals`, { title: 'Mål', status: null })],
        ['task create how', () => f.clients.coordinator.post(`/api/plans/${f.planId}/tasks`, { title: 'Tiltak', how: null })],
        ['my name', () => f.clients.person.patch(meRoute, { name: null })],
        ['my locale', () => f.clients.person.patch(meRoute, { locale: null })],
        ['account name', () => sk.patch(coordinatorAccount, { name: null })],
        ['account role', () => sk.patch(coordinatorAccount, { role: null })],
        [
          'meeting title',
          () => f.clients.coordinator.post(`/api/plans/${f.planId}/meetings`, { title: null, startsAt: '2026-04-01T09:00:00Z' }),
        ],
        [
          'meeting decision task scope',
          () =>
            f.clients.coordinator.post(`/api/plans/${f.planId}/meetings/${meetingId}/decisions`, {
              text: 'Vedtak',
              task: { title: 'Oppfølging', responsibleMemberId: f.memberIds.coordinator, scope: null },
            }),
        ],
        [
          'meeting decision task',
          () => f.clients.coordinator.post(`/api/plans/${f.planId}/meetings/${meetingId}/decisions`, { text: 'Vedtak', task: null }),
        ],
        ['course title', () => sk.patch(`/api/training/courses/${courseId}`, { title: null })],
        ['course description', () => sk.patch(`/api/training/courses/${courseId}`, { description: null })],
        ['notification default', () => f.clients.person.put('/api/notifications/preferences', { default: null })],
        ['sms on/off', () => f.clients.person.put('/api/notifications/preferences', { sms: { enabled: null } })],
        ['sms preferences', () => f.clients.person.put('/api/notifications/preferences', { sms: null })],
        ['phone missing', () => f.clients.person.put('/api/notifications/phone', {})],
        ['meeting answer missing', () => f.clients.person.put(`/api/plans/${f.planId}/meetings/${meetingId}/rsvp`, {})],
      ];
      for (const [what, send] of cases) expectRefused(await send(), what);
      expect(await writes()).toEqual(before);
      // Nullable by the schema: null clears the field.
      const cleared = await f.clients.coordinator.patch(`/api/plans/${f.planId}`, { baseRevision: await revision(), nextEvaluation: null });
      expect(cleared.status).toBe(200);
      expect((await sk.patch(`/api/training/courses/${courseId}`, { validityMonths: null })).status).toBe(200);
    });

    it('refuses integer query parameters and body numbers beyond PostgreSQL integer range', async () => {
      const before = await writes();
      expectRefused(await f.clients.coordinator.get(`/api/plans/${f.planId}/events?since=2147483648`), 'since');
      expectRefused(await f.clients.coordinator.get(`/api/plans/${f.planId}/events?since=1e300`), 'since 1e300');
      expect((await f.clients.coordinator.get(`/api/plans/${f.planId}/events?since=2147483647`)).status).toBe(200);
      expectRefused(await f.clients.coordinator.patch(`/api/plans/${f.planId}`, { baseRevision: 2 ** 31, title: 'x' }), 'baseRevision');
      expectRefused(
        await f.clients.coordinator.patch(`/api/plans/${f.planId}`, { baseRevision: 2 ** 53, title: 'x' }),
        'baseRevision 2^53',
      );
      expect(await writes()).toEqual(before);
      await expectAlive();
    });
  });

  it('another login still works afterwards', async () => {
    await app.login(demoAccount('fjordvik', 'coordinator').email, DEMO_PASSWORD);
    await expectAlive();
  });
});
