/**
 * The demo plans (apps/api/src/database/seed/demo-plans.ts) are in every test database: each demo
 * login sees its plans, and each plan is whole and consistent with the write path.
 */
import type { ApiClient } from '#testing';
import { useTestApp } from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';

const TITLES = ['Emils plan', 'Ainas plan', 'Ingrids plan: hverdagsrehabilitering'];

interface Row {
  id: string;
  title: string;
  myRole: string;
  nextMeeting: { startsAt: string } | null;
  myOpenTasks: number;
}

describe('demo plans in the seed', () => {
  const app = useTestApp();
  const login = (key: string, tenant = 'fjordvik') => app.login(demoAccount(tenant, key).email, DEMO_PASSWORD);
  const myPlans = async (client: ApiClient) => (await client.get('/api/plans?limit=200')).body.items as Row[];
  const demoRows = (rows: Row[]) => rows.filter((r) => TITLES.includes(r.title));
  let kari: ApiClient;
  let ids: Record<string, string>;

  beforeAll(async () => {
    kari = await login('coordinator');
    ids = Object.fromEntries(demoRows(await myPlans(kari)).map((r) => [r.title, r.id]));
  });

  it('makes Kari Nilsen the coordinator of all three, each with a next meeting', async () => {
    const rows = demoRows(await myPlans(kari));
    expect(rows.map((r) => r.title).sort()).toEqual([...TITLES].sort());
    for (const r of rows) {
      expect(r.myRole).toBe('coordinator');
      expect(new Date(r.nextMeeting!.startsAt).getTime()).toBeGreaterThan(Date.now());
    }
  });

  it('shows each demo login its plans', async () => {
    const seen = async (key: string) =>
      Object.fromEntries(demoRows(await myPlans(await login(key))).map((r) => [r.title, { role: r.myRole, open: r.myOpenTasks }]));
    const aina = await seen('citizen');
    expect(aina).toEqual({ 'Ainas plan': { role: 'person', open: 2 } });
    expect(await seen('relative')).toEqual({ 'Ainas plan': { role: 'relative', open: 1 } });
    const per = await seen('professional');
    expect(Object.keys(per).sort()).toEqual(['Emils plan', 'Ingrids plan: hverdagsrehabilitering']);
    expect(per['Emils plan'].role).toBe('professional');
    expect(Object.keys(await seen('coordinator2'))).toEqual(['Ingrids plan: hverdagsrehabilitering']);
  });

  it.each(TITLES)('%s: is whole, and its revision is its last event', async (title) => {
    const planId = ids[title];
    const plan = (await kari.get(`/api/plans/${planId}`)).body;
    expect(plan).toMatchObject({ title, status: 'active', myRole: 'coordinator' });
    for (const field of ['whatMatters', 'resources', 'needs', 'cooperation', 'periodStart', 'periodEnd', 'nextEvaluation'])
      expect(plan[field]).toBeTruthy();
    expect(plan.goals.length).toBeGreaterThanOrEqual(3);
    expect(plan.tasks.length).toBeGreaterThanOrEqual(5);

    // Members, and consent for every relative and professional.
    const memberIds = new Set(plan.members.map((m: { id: string }) => m.id));
    expect(plan.members.filter((m: { role: string }) => m.role === 'coordinator')).toHaveLength(1);
    for (const m of plan.members.filter((x: { role: string }) => x.role === 'relative' || x.role === 'professional'))
      expect(m.hasConsent).toBe(true);
    expect(plan.consents.some((c: { kind: string; revokedAt: string | null }) => c.kind === 'plan' && !c.revokedAt)).toBe(true);

    // Tasks for the services, and for the person or their family.
    const roleOf = new Map(plan.members.map((m: { id: string; role: string }) => [m.id, m.role]));
    const responsibleRoles = new Set(plan.tasks.map((t: { responsibleMemberId: string }) => roleOf.get(t.responsibleMemberId)));
    expect(responsibleRoles.has('professional')).toBe(true);
    expect(['person', 'guardian', 'relative'].some((r) => responsibleRoles.has(r))).toBe(true);
    for (const t of plan.tasks) expect(memberIds.has(t.responsibleMemberId)).toBe(true);

    // A held meeting with minutes and decisions that became tasks, and one ahead.
    const heldMeeting = plan.meetings.find((m: { status: string }) => m.status === 'held');
    expect(heldMeeting.minutes.length).toBeGreaterThan(200);
    expect(heldMeeting.attendees.every((id: string) => memberIds.has(id))).toBe(true);
    const taskIds = new Set(plan.tasks.map((t: { id: string }) => t.id));
    const fromDecisions = heldMeeting.decisions.filter((d: { taskId: string | null }) => d.taskId);
    expect(fromDecisions.length).toBeGreaterThan(0);
    for (const d of fromDecisions) expect(taskIds.has(d.taskId)).toBe(true);
    expect(
      plan.meetings.some((m: { status: string; startsAt: string }) => m.status === 'planned' && new Date(m.startsAt) > new Date()),
    ).toBe(true);

    // The change log: revisions 1..N in time order, N the plan's revision.
    const events = (await kari.get(`/api/plans/${planId}/events?since=0&limit=1000`)).body;
    const revisions = events.events.map((e: { revision: number }) => e.revision);
    expect(revisions).toEqual(Array.from({ length: plan.revision }, (_, i) => i + 1));
    expect(events.revision).toBe(plan.revision);
    const times = events.events.map((e: { at: string }) => new Date(e.at).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[times.length - 1]).toBeLessThanOrEqual(Date.now());
    for (const entity of [plan, ...plan.goals, ...plan.tasks, ...plan.meetings])
      for (const r of Object.values(entity.fieldRevisions as Record<string, { rev: number }>))
        expect(r.rev).toBeLessThanOrEqual(plan.revision);

    // Notes in the journal.
    const journal = (await kari.get(`/api/plans/${planId}/journal`)).body;
    expect(journal.total).toBeGreaterThanOrEqual(3);
  });

  it('takes the next change of a seeded plan at the next revision', async () => {
    const planId = ids['Emils plan'];
    const before = (await kari.get(`/api/plans/${planId}`)).body.revision;
    const goal = await kari.post(`/api/plans/${planId}/goals`, { title: 'Lære å sykle med støttehjul' });
    expect(goal.body.revision).toBe(before + 1);
  });

  it('lets Jonas read Ainas plan and its journal, with her consent', async () => {
    const jonas = await login('relative');
    const planId = ids['Ainas plan'];
    const plan = await jonas.get(`/api/plans/${planId}`);
    expect(plan.status).toBe(200);
    expect(plan.body.myRole).toBe('relative');
    expect(plan.body.consents).toBeNull();
    const journal = await jonas.get(`/api/plans/${planId}/journal`);
    expect(journal.body.items.some((e: { author: { name: string } }) => e.author.name === 'Aina Lund')).toBe(true);
  });

  it('keeps the demo plans from the systemkoordinator and from other municipalities', async () => {
    for (const client of [await login('systemkoordinator'), await login('coordinator', 'nordoy')]) {
      for (const planId of Object.values(ids)) expect((await client.get(`/api/plans/${planId}`)).status).toBe(404);
      expect(demoRows(await myPlans(client))).toEqual([]);
    }
  });
});
