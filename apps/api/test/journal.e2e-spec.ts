import { useTestApp } from '#testing';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

describe('journal (progress notes and comments)', () => {
  const app = useTestApp();
  let f: PlanFixture;
  let other: PlanFixture;
  beforeAll(async () => {
    f = await createPlanFixture(app, 'Journalplan');
    other = await createPlanFixture(app, 'Naboplan');
  }, 90_000);

  const url = (path = '') => `/api/plans/${f.planId}${path}`;
  const revision = async () => (await f.clients.coordinator.get(url())).body.revision as number;

  it('writes notes on the plan, a goal, a task and a meeting, and filters by target', async () => {
    const goal = (await f.clients.coordinator.post(url('/goals'), { title: 'Begynne på skolen' })).body.entityId;
    const task = (await f.clients.coordinator.post(url('/tasks'), { title: 'Besøke klasserommet' })).body.entityId;
    const meeting = (await f.clients.coordinator.post(url('/meetings'), { startsAt: '2031-02-02T09:00:00Z' })).body.entityId;
    const before = await revision();
    const notes = [
      await f.clients.person.post(url('/journal'), { body: 'Jeg gleder meg til skolen' }),
      await f.clients.relative.post(url('/journal'), { body: 'Hun øvde på trappa i helga', targetType: 'goal', targetId: goal }),
      await f.clients.professional.post(url('/journal'), { body: 'Besøket er avtalt til tirsdag', targetType: 'task', targetId: task }),
      await f.clients.coordinator.post(url('/journal'), { body: 'Husk å ta med hjelpemidlene', targetType: 'meeting', targetId: meeting }),
    ];
    expect(notes.map((n) => n.status)).toEqual([201, 201, 201, 201]);
    expect(notes.map((n) => n.body.revision)).toEqual([before + 1, before + 2, before + 3, before + 4]);
    expect(notes[1].body.entity).toMatchObject({
      targetType: 'goal',
      targetId: goal,
      parentId: null,
      author: { accountId: f.accountIds.relative, name: 'Jonas Lund' },
      body: 'Hun øvde på trappa i helga',
    });
    const events = (await f.clients.coordinator.get(url(`/events?since=${before}`))).body.events;
    expect(events.map((e: { entityType: string; action: string }) => `${e.entityType}.${e.action}`)).toEqual(
      Array(4).fill('journal.created'),
    );

    const all = await f.clients.guardian.get(url('/journal'));
    expect(all.status).toBe(200);
    expect(all.body.items.map((e: { body: string }) => e.body)).toEqual([
      'Husk å ta med hjelpemidlene',
      'Besøket er avtalt til tirsdag',
      'Hun øvde på trappa i helga',
      'Jeg gleder meg til skolen',
    ]);
    const onGoal = await f.clients.guardian.get(url(`/journal?targetType=goal&targetId=${goal}`));
    expect(onGoal.body.items.map((e: { body: string }) => e.body)).toEqual(['Hun øvde på trappa i helga']);
    const onPlan = await f.clients.guardian.get(url('/journal?targetType=plan'));
    expect(onPlan.body.items.map((e: { body: string }) => e.body)).toEqual(['Jeg gleder meg til skolen']);
    const page = await f.clients.guardian.get(url('/journal?limit=2&offset=1'));
    expect(page.body).toMatchObject({ total: 4, limit: 2, offset: 1 });
    expect(page.body.items).toHaveLength(2);
  });

  it('answers targets of another plan with 404 and writes nothing', async () => {
    const theirs = `/api/plans/${other.planId}`;
    const goal = (await other.clients.coordinator.post(`${theirs}/goals`, { title: 'Annen plans mål' })).body.entityId;
    const task = (await other.clients.coordinator.post(`${theirs}/tasks`, { title: 'Annen plans tiltak' })).body.entityId;
    const meeting = (await other.clients.coordinator.post(`${theirs}/meetings`, { startsAt: '2031-02-02T09:00:00Z' })).body.entityId;
    const entry = (await other.clients.coordinator.post(`${theirs}/journal`, { body: 'Annen plans notat' })).body.entityId;
    const rev = await revision();
    const attempts = [
      await f.clients.coordinator.post(url('/journal'), { body: 'x', targetType: 'goal', targetId: goal }),
      await f.clients.coordinator.post(url('/journal'), { body: 'x', targetType: 'task', targetId: task }),
      await f.clients.coordinator.post(url('/journal'), { body: 'x', targetType: 'meeting', targetId: meeting }),
      await f.clients.coordinator.post(url('/journal'), { body: 'x', targetType: 'plan', targetId: other.planId }),
      await f.clients.coordinator.post(url('/journal'), { body: 'x', parentId: entry }),
      // The right id with the wrong type is not found either.
      await f.clients.coordinator.post(url('/journal'), { body: 'x', targetType: 'task', targetId: goal }),
      await f.clients.coordinator.delete(url(`/journal/${entry}`)),
    ];
    expect(attempts.map((r) => [r.status, r.body.code])).toEqual(attempts.map(() => [404, 'not_found']));
    expect(await revision()).toBe(rev);
    // And the other plan's journal is not readable through this plan.
    const mine = await f.clients.coordinator.get(url(`/journal?targetId=${goal}`));
    expect(mine.body.items).toEqual([]);
  });

  it('threads comments one level deep, on the same target as their entry', async () => {
    const goal = (await f.clients.coordinator.post(url('/goals'), { title: 'Svømme' })).body.entityId;
    const root = await f.clients.person.post(url('/journal'), { body: 'Jeg svømte 25 meter!', targetType: 'goal', targetId: goal });
    const reply = await f.clients.relative.post(url('/journal'), { body: 'Så flott!', parentId: root.body.entityId });
    expect(reply.status).toBe(201);
    expect(reply.body.entity).toMatchObject({ parentId: root.body.entityId, targetType: 'goal', targetId: goal });
    const nested = await f.clients.coordinator.post(url('/journal'), { body: 'Enig!', parentId: reply.body.entityId });
    expect(nested.body.entity.parentId).toBe(root.body.entityId);
    const elsewhere = await f.clients.coordinator.post(url('/journal'), { body: 'x', parentId: root.body.entityId, targetType: 'plan' });
    expect(elsewhere.status).toBe(400);
  });

  it('lets the author delete their own entry and nobody else', async () => {
    const entry = (await f.clients.professional.post(url('/journal'), { body: 'Feilført notat' })).body.entityId;
    const byOther = await f.clients.coordinator.delete(url(`/journal/${entry}`));
    expect(byOther.status).toBe(403);
    expect(byOther.body.code).toBe('forbidden');
    const own = await f.clients.professional.delete(url(`/journal/${entry}`));
    expect(own.status).toBe(200);
    const list = (await f.clients.coordinator.get(url('/journal?limit=200'))).body.items;
    expect(list.some((e: { id: string }) => e.id === entry)).toBe(false);
    expect((await f.clients.professional.delete(url(`/journal/${entry}`))).status).toBe(404);
  });

  it('relative without consent cannot read the journal', async () => {
    expect((await f.clients.relative.get(url('/journal'))).status).toBe(200);
    await f.clients.person.post(url(`/consents/${f.consentIds.relative}/revoke`), {});
    const read = await f.clients.relative.get(url('/journal'));
    expect(read.status).toBe(403);
    expect(read.body.code).toBe('consent_required');
    expect(read.body.items).toBeUndefined();
    const write = await f.clients.relative.post(url('/journal'), { body: 'Kan jeg skrive?' });
    expect(write.status).toBe(403);
    const again = await f.clients.person.post(url('/consents'), { kind: 'member_access', memberId: f.memberIds.relative });
    f.consentIds.relative = again.body.entityId;
    expect((await f.clients.relative.get(url('/journal'))).status).toBe(200);
  });

  it('hides the journal from non-members, the systemkoordinator and other tenants', async () => {
    for (const who of ['outsider', 'systemkoordinator', 'otherTenant'] as const) {
      expect((await f.clients[who].get(url('/journal'))).status).toBe(404);
      expect((await f.clients[who].post(url('/journal'), { body: 'Hei' })).status).toBe(404);
    }
  });

  it('records reads of the journal in the access log', async () => {
    await f.clients.professional.get(url('/journal'));
    const log = await f.clients.person.get(url('/access-log?limit=200'));
    const reads = log.body.items.filter((e: { action: string }) => e.action === 'journal.read');
    expect(reads.some((e: { actor: { name: string } }) => e.actor.name === 'Per Hansen')).toBe(true);
  });

  it('rejects bad input with 400', async () => {
    const cases = [
      await f.clients.coordinator.post(url('/journal'), { body: '' }),
      await f.clients.coordinator.post(url('/journal'), { body: 'x'.repeat(10_001) }),
      await f.clients.coordinator.post(url('/journal'), { body: 'x', targetType: 'goal' }),
      await f.clients.coordinator.post(url('/journal'), { body: 'x', targetType: 'diary' }),
      await f.clients.coordinator.post(url('/journal'), { body: 'x', author: 'Noen andre' }),
      await f.clients.coordinator.get(url('/journal?targetId=123')),
      await f.clients.coordinator.get(url('/journal?limit=100000')),
    ];
    expect(cases.map((r) => [r.status, r.body.code])).toEqual(cases.map(() => [400, 'validation_failed']));
  });
});
