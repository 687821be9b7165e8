/**
 * Koordinerende enhet's follow-up counts (issue 14, docs/koordinerende-enhet.md): active plans
 * never evaluated, the share of active plans with a rating in the last six months, plans without a
 * goal in the person's own words. Against the seeded database: the counts move by exactly the plans
 * made here, each count equals the total of the list it links to, and nothing but metadata leaves.
 */
import { Client } from 'pg';
import { useTestApp, type ApiClient, type TestResponse } from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

function ok(res: TestResponse, what: string): TestResponse {
  if (res.status < 200 || res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

interface FollowUp {
  activePlans: number;
  neverEvaluated: { total: number; items: { id: string }[] };
  ratedRecently: number;
  notRatedRecently: { total: number; items: { id: string }[] };
  withoutOwnWordsGoal: { total: number; items: { id: string }[] };
  ratingMonths: number;
}

describe("koordinerende enhet's follow-up overview", () => {
  const app = useTestApp({ REMINDER_INTERVAL_SECONDS: '0' });
  let a: PlanFixture;
  let b: PlanFixture;
  /** A second plan of b's person, made by b's coordinator (a third fixture would trip the login throttle). */
  let c: { planId: string; clients: PlanFixture['clients'] };
  let db: Client;
  let before: FollowUp;
  let systemkoordinator: ApiClient;
  const sk = () => systemkoordinator;
  const followUp = async () => ok(await sk().get('/api/overview'), 'overview').body.followUp as FollowUp;
  const list = async (view: string) =>
    ok(await sk().get(`/api/overview/plans?view=${view}&limit=200`), view).body as { total: number; items: { id: string }[] };
  const ids = async (view: string) => new Set((await list(view)).items.map((p) => p.id));

  beforeAll(async () => {
    // Before any plan of ours exists: the seeded municipality's own numbers.
    systemkoordinator = await app.login(demoAccount('fjordvik', 'systemkoordinator').email, DEMO_PASSWORD);
    before = await followUp();
    db = new Client({ connectionString: app.databaseUrl });
    db.on('error', () => undefined);
    await db.connect();
    a = await createPlanFixture(app, 'Plan uten mål');
    b = await createPlanFixture(app, 'Plan med evaluering');
    const made = ok(
      await b.clients.coordinator.post('/api/plans', {
        title: 'Plan med innsjekk',
        personName: 'Aina Lund',
        personAccountId: b.accountIds.person,
      }),
      'plan c',
    );
    c = { planId: made.body.plan.id, clients: b.clients };
    ok(await c.clients.person.post(`/api/plans/${c.planId}/consents`, { kind: 'plan' }), 'consent to plan c');
  }, 180_000);

  afterAll(async () => {
    await db?.end();
  });

  it('counts plans never evaluated, rated in six months, and without a goal in the person’s own words; each count is its list', async () => {
    // b: a goal the person wrote, evaluated by the coordinator.
    const own = ok(await b.clients.person.post(`/api/plans/${b.planId}/goals`, { title: 'Klare meg selv hjemme' }), 'goal').body.entityId;
    ok(
      await b.clients.coordinator.post(`/api/plans/${b.planId}/evaluations`, {
        participantMemberIds: [b.memberIds.person, b.memberIds.coordinator],
        items: [{ goalId: own, rating: 0, decision: 'keep' }],
        nextEvaluation: '2031-01-01',
      }),
      'evaluation',
    );
    // c: a goal the coordinator wrote; the person checks in on it.
    const theirs = ok(await c.clients.coordinator.post(`/api/plans/${c.planId}/goals`, { title: 'Møte opp på jobb' }), 'goal').body
      .entityId;
    ok(await c.clients.person.post(`/api/plans/${c.planId}/checkins`, { goalId: theirs, rating: 1 }), 'check-in');

    const now = await followUp();
    expect(now.ratingMonths).toBe(6);
    expect(now.activePlans).toBe(before.activePlans + 3);
    expect(now.neverEvaluated.total).toBe(before.neverEvaluated.total + 2); // a and c
    expect(now.ratedRecently).toBe(before.ratedRecently + 2); // b and c
    expect(now.notRatedRecently.total).toBe(before.notRatedRecently.total + 1); // a
    expect(now.withoutOwnWordsGoal.total).toBe(before.withoutOwnWordsGoal.total + 2); // a and c
    expect(now.ratedRecently + now.notRatedRecently.total).toBe(now.activePlans);

    const never = await ids('never_evaluated');
    expect([never.has(a.planId), never.has(b.planId), never.has(c.planId)]).toEqual([true, false, true]);
    const rated = await ids('rated_recently');
    expect([rated.has(a.planId), rated.has(b.planId), rated.has(c.planId)]).toEqual([false, true, true]);
    const notRated = await ids('not_rated_recently');
    expect([notRated.has(a.planId), notRated.has(b.planId), notRated.has(c.planId)]).toEqual([true, false, false]);
    const noOwn = await ids('without_own_words_goal');
    expect([noOwn.has(a.planId), noOwn.has(b.planId), noOwn.has(c.planId)]).toEqual([true, false, true]);
    // Every count is the total of the list it links to.
    expect((await list('never_evaluated')).total).toBe(now.neverEvaluated.total);
    expect((await list('rated_recently')).total).toBe(now.ratedRecently);
    expect((await list('not_rated_recently')).total).toBe(now.notRatedRecently.total);
    expect((await list('without_own_words_goal')).total).toBe(now.withoutOwnWordsGoal.total);
    expect(ok(await sk().get('/api/overview/plans?view=all&status=active&limit=1'), 'active').body.total).toBe(now.activePlans);

    // The person puts c's goal in her own words: c leaves that list.
    const rev = ok(await c.clients.person.get(`/api/plans/${c.planId}`), 'plan').body.revision;
    ok(await c.clients.person.patch(`/api/plans/${c.planId}/goals/${theirs}`, { baseRevision: rev, title: 'Komme meg på jobb' }), 'title');
    expect((await ids('without_own_words_goal')).has(c.planId)).toBe(false);
    // A rating older than six months no longer counts (the api cannot backdate one: the test does).
    await db.query(`UPDATE goal_ratings SET created_at = now() - interval '7 months' WHERE plan_id = $1`, [c.planId]);
    expect((await ids('not_rated_recently')).has(c.planId)).toBe(true);
    expect((await followUp()).ratedRecently).toBe(before.ratedRecently + 1);

    // Metadata only: no goal, rating or comment leaves.
    const body = JSON.stringify(ok(await sk().get('/api/overview'), 'overview').body) + JSON.stringify(await list('rated_recently'));
    for (const word of ['Klare meg selv hjemme', 'Komme meg på jobb', 'Møte opp på jobb']) expect(body).not.toContain(word);
    // Only koordinerende enhet reads it.
    for (const who of ['coordinator', 'person', 'professional'] as const)
      expect((await a.clients[who].get('/api/overview/plans?view=never_evaluated')).status).toBe(403);
  });
});
