/**
 * The person's home (issue 12): per plan, my open tasks due first, the next meeting with its
 * .ics, others' changes since my seen marker, who is here now; nothing of a plan's content
 * without consent; seen markers only move forward; a task marked done in one call, idempotently.
 */
import { eventually, expectOk, useSockets, useTestApp, type ApiClient } from '#testing';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

describe("the person's home and seen markers", () => {
  const app = useTestApp();
  const openSocket = useSockets();
  let f: PlanFixture;
  beforeAll(async () => {
    f = await createPlanFixture(app, 'Hjemplan');
  }, 90_000);

  const url = (path = '') => `/api/plans/${f.planId}${path}`;
  const revision = async () => (await f.clients.coordinator.get(url())).body.revision as number;
  const homeOf = async (client: ApiClient) => {
    const res = await client.get('/api/me/home');
    expect(res.status).toBe(200);
    return res.body.plans.find((p: { planId: string }) => p.planId === f.planId);
  };
  const newTask = async (fields: object) => {
    const res = await f.clients.coordinator.post(url('/tasks'), fields);
    expect(res.status).toBe(201);
    return res.body.entityId as string;
  };

  it('lists my open tasks due first, the next meeting with a working .ics, and others’ changes', async () => {
    const later = await newTask({ title: 'Øve på trappa', responsibleMemberId: f.memberIds.person, dueDate: '2031-01-10' });
    const sooner = await newTask({ title: 'Ringe NAV', responsibleMemberId: f.memberIds.person, dueDate: '2030-12-01' });
    const undated = await newTask({ title: 'Skrive hva som er viktig', responsibleMemberId: f.memberIds.person });
    await newTask({ title: 'Ferdig allerede', responsibleMemberId: f.memberIds.person, status: 'done' });
    await newTask({ title: 'Jonas sin', responsibleMemberId: f.memberIds.relative });
    const removed = await newTask({ title: 'Slettet', responsibleMemberId: f.memberIds.person });
    expect((await f.clients.coordinator.delete(url(`/tasks/${removed}`))).status).toBe(200);
    const second = (await f.clients.coordinator.post(url('/meetings'), { startsAt: '2031-05-05T10:00:00.000Z' })).body.entityId;
    const first = (await f.clients.coordinator.post(url('/meetings'), { startsAt: '2031-04-04T10:00:00.000Z', location: 'Helsestasjonen' }))
      .body.entityId;
    expect(second).not.toBe(first);

    const home = await homeOf(f.clients.person);
    expect(home).toMatchObject({ title: 'Hjemplan', myRole: 'person', myMemberId: f.memberIds.person, access: 'full' });
    expect(home.revision).toBe(await revision());
    expect(home.myTasks.map((t: { id: string }) => t.id)).toEqual([sooner, later, undated]);
    expect(home.nextMeeting).toMatchObject({ id: first, location: 'Helsestasjonen', startsAt: '2031-04-04T10:00:00.000Z' });
    const ics = await f.clients.person.get(home.nextMeeting.icsPath);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(ics.body).toContain(`UID:meeting-${first}@fellesplan`);
    expect(ics.body).toContain('METHOD:PUBLISH');
    expect(ics.body).not.toContain('Aina');
    // Never marked seen: every change by others since I joined counts, none of mine.
    expect(home.changes.seenRevision).toBe(0);
    const events = (await f.clients.coordinator.get(url('/events?since=0'))).body.events as {
      revision: number;
      actor: { accountId: string };
    }[];
    const byOthers = events.filter((e) => e.actor.accountId !== f.accountIds.person);
    // Everything after the plan was made is after I joined (the creation itself is at the same instant).
    expect(home.changes.count).toBeGreaterThanOrEqual(byOthers.filter((e) => e.revision > 1).length);
    expect(home.changes.count).toBeLessThanOrEqual(byOthers.length);
    expect(home.changes.items).toHaveLength(Math.min(home.changes.count, 50));
    expect(home.changes.items[0]).toMatchObject({ revision: await revision(), entityType: 'meeting', entityId: first, action: 'created' });
  });

  it('marking seen resets the count; others’ later changes count, mine do not; the marker never moves back', async () => {
    const now = await revision();
    const seen = await f.clients.person.post(url('/seen'), { revision: now });
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ planId: f.planId, seenRevision: now });
    expect((await homeOf(f.clients.person)).changes).toEqual({ seenRevision: now, count: 0, items: [] });

    const goal = (await f.clients.coordinator.post(url('/goals'), { title: 'Bo hjemme' })).body.entityId;
    expect((await f.clients.person.patch(url(), { baseRevision: now, whatMatters: 'Å klare meg selv' })).status).toBe(200);
    const task = (await f.clients.professional.post(url('/tasks'), { title: 'Hjemmebesøk' })).body.entityId;
    const changes = (await homeOf(f.clients.person)).changes;
    expect(changes.count).toBe(2);
    expect(changes.items.map((c: { entityId: string }) => c.entityId)).toEqual([task, goal]);
    expect(changes.items.map((c: { revision: number }) => c.revision)).toEqual([now + 3, now + 1]);
    // Each member has their own marker.
    expect((await homeOf(f.clients.guardian)).changes.count).toBeGreaterThanOrEqual(3);

    const back = await f.clients.person.post(url('/seen'), { revision: 1 });
    expect(back.body.seenRevision).toBe(now);
    expect((await homeOf(f.clients.person)).changes.count).toBe(2);
  });

  it('hostile seen requests are 4xx and move nothing', async () => {
    const before = (await homeOf(f.clients.person)).changes.seenRevision;
    for (const body of [
      {},
      { revision: -1 },
      { revision: 1.5 },
      { revision: '3' },
      { revision: null },
      { revision: 1e12 },
      { revision: 1, x: 1 },
    ]) {
      const res = await f.clients.person.post(url('/seen'), body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
    }
    expect((await f.clients.person.post(url('/seen'), { revision: (await revision()) + 1 })).status).toBe(400);
    expect((await f.clients.person.post('/api/plans/not-a-uuid/seen', { revision: 1 })).status).toBe(400);
    expect((await f.clients.outsider.post(url('/seen'), { revision: 1 })).status).toBe(404);
    expect((await f.clients.otherTenant.post(url('/seen'), { revision: 1 })).status).toBe(404);
    expect((await homeOf(f.clients.person)).changes.seenRevision).toBe(before);
    // Not a member: the plan is not on their home at all.
    expect(await homeOf(f.clients.outsider)).toBeUndefined();
  });

  it('without consent a relative sees the plan listed but none of its content', async () => {
    await newTask({ title: 'Handle for Aina', responsibleMemberId: f.memberIds.relative });
    expect((await homeOf(f.clients.relative)).myTasks.map((t: { title: string }) => t.title)).toContain('Handle for Aina');
    expect((await f.clients.person.post(url(`/consents/${f.consentIds.relative}/revoke`), {})).status).toBe(200);
    try {
      const home = await homeOf(f.clients.relative);
      expect(home).toEqual({
        planId: f.planId,
        title: 'Hjemplan',
        personName: 'Aina Lund',
        status: expect.any(String),
        myRole: 'relative',
        myMemberId: f.memberIds.relative,
        access: 'consent_required',
        revision: null,
        myTasks: [],
        nextMeeting: null,
        changes: { seenRevision: 0, count: 0, items: [] },
        presentNow: [],
        consentNeeds: null,
      });
      const seen = await f.clients.relative.post(url('/seen'), { revision: 1 });
      expect({ status: seen.status, code: seen.body.code }).toEqual({ status: 403, code: 'consent_required' });
      const ics = await f.clients.relative.get(`${url('/meetings')}/${(await homeOf(f.clients.person)).nextMeeting.id}/calendar.ics`);
      expect(ics.status).toBe(403);
    } finally {
      const again = await f.clients.person.post(url('/consents'), { kind: 'member_access', memberId: f.memberIds.relative });
      expect(again.status).toBe(201);
      f.consentIds.relative = again.body.entityId;
    }
  });

  it('shows who has the plan open now, not me', async () => {
    const socket = await openSocket(app.api.url, f.clients.person.accessToken);
    await expectOk(socket, 'plan:join', { planId: f.planId, sinceRevision: null });
    const home = await eventually(async () => {
      const h = await homeOf(f.clients.relative);
      return h.presentNow.length ? h : undefined;
    });
    expect(home.presentNow).toEqual([{ accountId: f.accountIds.person, name: expect.any(String) }]);
    expect((await homeOf(f.clients.person)).presentNow).toEqual([]);
  });

  it('the responsible relative marks their task done in one call, and again changes nothing', async () => {
    const task = await newTask({ title: 'Kjøpe sko', responsibleMemberId: f.memberIds.relative });
    const base = await revision();
    const done = await f.clients.relative.patch(url(`/tasks/${task}`), { baseRevision: base, status: 'done' });
    expect(done.status).toBe(200);
    expect(done.body.revision).toBe(base + 1);
    const again = await f.clients.relative.patch(url(`/tasks/${task}`), { baseRevision: base, status: 'done' });
    expect(again.status).toBe(200);
    expect(again.body.revision).toBe(base + 1);
    expect(await revision()).toBe(base + 1);
    expect((await homeOf(f.clients.relative)).myTasks.map((t: { id: string }) => t.id)).not.toContain(task);
  });
});
