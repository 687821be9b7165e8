/**
 * The systemkoordinator's overview, on seeded data in a tenant of its own (so the counts are
 * exact): plans by status, without a coordinator, with the evaluation date passed, asleep for 60
 * days; open needs; caseloads. And the privacy rule: plan metadata in the overview, while the
 * plans' content stays closed to a systemkoordinator who is not a member.
 */
import { Client } from 'pg';
import { useTestApp, type ApiClient } from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';

function osloDay(days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const SECRET = 'HEMMELIG';

describe('overview', () => {
  const app = useTestApp({ COORDINATOR_CASELOAD_WARNING: '2' });
  const stamp = Date.now();
  const ids: Record<string, string> = {};
  let sk: ApiClient;
  let cecilie: ApiClient;
  let fjordvikAdmin: ApiClient;

  async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
    const db = new Client({ connectionString: app.databaseUrl });
    await db.connect();
    try {
      return (await db.query(text, params)).rows as T[];
    } finally {
      await db.end();
    }
  }

  async function account(key: string, name: string, role: string): Promise<string> {
    const [row] = await sql<{ id: string }>(
      `INSERT INTO accounts (tenant_id, email, name, role, password_hash)
       SELECT $1, $2, $3, $4, password_hash FROM accounts WHERE email = $5 RETURNING id`,
      [ids.tenant, `${key}.${stamp}@testvik.example`, name, role, demoAccount('fjordvik', 'systemkoordinator').email],
    );
    ids[key] = row.id;
    return row.id;
  }

  interface SeedPlan {
    key: string;
    status: 'draft' | 'active' | 'closed';
    coordinator?: string;
    coordinatorStatus?: 'active' | 'removed';
    nextEvaluation?: string | null;
    idleDays?: number;
  }

  async function plan(p: SeedPlan): Promise<void> {
    const [row] = await sql<{ id: string }>(
      `INSERT INTO plans (tenant_id, person_name, title, what_matters, status, next_evaluation, last_activity_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, now() - make_interval(days => $7), $8) RETURNING id`,
      [
        ids.tenant,
        `Person ${p.key}`,
        `Plan ${p.key}`,
        `${SECRET}: hva som er viktig for ${p.key}`,
        p.status,
        p.nextEvaluation ?? null,
        p.idleDays ?? 0,
        ids.sk,
      ],
    );
    ids[p.key] = row.id;
    await sql(`INSERT INTO plan_members (plan_id, account_id, name, role, status) VALUES ($1, $2, $3, 'person', 'active')`, [
      row.id,
      ids.person,
      'Testperson',
    ]);
    if (p.coordinator) {
      await sql(`INSERT INTO plan_members (plan_id, account_id, name, role, status) VALUES ($1, $2, $3, 'coordinator', $4)`, [
        row.id,
        ids[p.coordinator],
        p.coordinator,
        p.coordinatorStatus ?? 'active',
      ]);
    }
    await sql(`INSERT INTO goals (plan_id, title) VALUES ($1, $2)`, [row.id, `${SECRET} mål i ${p.key}`]);
    await sql(`INSERT INTO tasks (plan_id, title) VALUES ($1, $2)`, [row.id, `${SECRET} tiltak i ${p.key}`]);
  }

  beforeAll(async () => {
    const [tenant] = await sql<{ id: string }>(
      `INSERT INTO tenants (name, slug, assurance_policy) VALUES ('Testvik kommune', $1, $2) RETURNING id`,
      [
        `testvik-${stamp}`,
        // Password logins read plan content here, as in the demo tenants: this file is about what the
        // overview shows, and assurance levels are tested in sign-in and oidc.
        JSON.stringify({ systemkoordinator: 'low', coordinator: 'low', professional: 'low', citizen: 'low' }),
      ],
    );
    ids.tenant = tenant.id;
    await account('sk', 'Solveig Systemkoordinator', 'systemkoordinator');
    await account('cecilie', 'Cecilie Koordinator', 'coordinator');
    await account('carl', 'Carl Koordinator', 'coordinator');
    await account('person', 'Testperson', 'citizen');
    await plan({ key: 'P1', status: 'active', coordinator: 'cecilie', nextEvaluation: osloDay(-1) });
    await plan({ key: 'P2', status: 'active', coordinator: 'cecilie', nextEvaluation: osloDay(30), idleDays: 61 });
    await plan({ key: 'P3', status: 'draft' });
    await plan({
      key: 'P4',
      status: 'active',
      coordinator: 'carl',
      coordinatorStatus: 'removed',
      nextEvaluation: osloDay(-10),
      idleDays: 90,
    });
    await plan({ key: 'P5', status: 'closed', nextEvaluation: osloDay(-100), idleDays: 200 });
    // The systemkoordinator coordinates this one herself: she is a member and may read it.
    await plan({ key: 'P6', status: 'active', coordinator: 'sk', nextEvaluation: osloDay(0), idleDays: 59 });

    sk = await app.login(`sk.${stamp}@testvik.example`, DEMO_PASSWORD);
    cecilie = await app.login(`cecilie.${stamp}@testvik.example`, DEMO_PASSWORD);
    fjordvikAdmin = await app.login(demoAccount('fjordvik', 'systemkoordinator').email, DEMO_PASSWORD);

    const report = { personName: 'Meldt Person', kind: 'individual_plan', description: 'Trenger plan.', reporterService: 'Skolen' };
    const needs = [];
    for (let i = 0; i < 4; i++) needs.push((await cecilie.post('/api/needs', { ...report, personName: `Meldt ${i}` })).body);
    await sk.post(`/api/needs/${needs[1].id}/triage`, { status: 'in_review' });
    await sk.post(`/api/needs/${needs[2].id}/triage`, { status: 'declined', note: 'Har allerede plan.' });
  });

  it('counts plans by status, in the own tenant only', async () => {
    const res = await sk.get('/api/overview');
    expect(res.status).toBe(200);
    expect(res.body.plansByStatus).toEqual({ draft: 1, active: 4, closed: 1 });
  });

  it('lists plans without an active coordinator, with the evaluation date passed, and asleep for 60 days (closed plans left out)', async () => {
    const { body } = await sk.get('/api/overview');
    const keys = (list: { items: { id: string }[] }) => list.items.map((p) => Object.keys(ids).find((k) => ids[k] === p.id)).sort();
    expect(body.plansWithoutCoordinator.total).toBe(2);
    expect(keys(body.plansWithoutCoordinator)).toEqual(['P3', 'P4']);
    expect(body.evaluationOverdue.total).toBe(2);
    expect(keys(body.evaluationOverdue)).toEqual(['P1', 'P4']);
    expect(body.inactive.total).toBe(2);
    expect(keys(body.inactive)).toEqual(['P2', 'P4']);
    expect(body.inactiveDays).toBe(60);
    const p1 = body.evaluationOverdue.items.find((p: { id: string }) => p.id === ids.P1);
    expect(p1).toEqual({
      id: ids.P1,
      title: 'Plan P1',
      personName: 'Person P1',
      status: 'active',
      nextEvaluation: osloDay(-1),
      lastActivityAt: expect.any(String),
      createdAt: expect.any(String),
      coordinator: { accountId: ids.cecilie, name: 'cecilie' },
      activeMembers: 2,
      lastNudgeAt: null,
    });
  });

  it('counts open needs (new and in review), oldest first', async () => {
    const { body } = await sk.get('/api/overview');
    expect(body.openNeeds).toMatchObject({ total: 3, byStatus: { new: 2, in_review: 1 } });
    expect(body.openNeeds.oldest.map((n: { personName: string }) => n.personName)).toEqual(['Meldt 0', 'Meldt 1', 'Meldt 3']);
  });

  it("shows each coordinator's caseload, flagged at the threshold, with training status", async () => {
    const { body } = await sk.get('/api/overview');
    expect(body.caseloadWarningThreshold).toBe(2);
    const byName = Object.fromEntries(body.coordinators.map((c: { name: string }) => [c.name, c]));
    expect(Object.keys(byName).sort()).toEqual(['Carl Koordinator', 'Cecilie Koordinator', 'Solveig Systemkoordinator']);
    expect(byName['Cecilie Koordinator']).toMatchObject({
      activePlans: 2,
      caseloadHigh: true,
      training: { state: 'valid', flagged: false },
    });
    expect(byName['Carl Koordinator']).toMatchObject({ activePlans: 0, caseloadHigh: false });
    expect(byName['Solveig Systemkoordinator']).toMatchObject({ role: 'systemkoordinator', activePlans: 1 });
  });

  it('pages through each list', async () => {
    const first = await sk.get('/api/overview/plans?view=inactive&limit=1');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 2, limit: 1, offset: 0 });
    const second = await sk.get('/api/overview/plans?view=inactive&limit=1&offset=1');
    expect([first.body.items[0].id, second.body.items[0].id].sort()).toEqual([ids.P2, ids.P4].sort());
    // Longest asleep first.
    expect(first.body.items[0].id).toBe(ids.P4);
    expect((await sk.get('/api/overview/plans?view=all&status=active')).body.total).toBe(4);
    expect((await sk.get('/api/overview/plans')).body.total).toBe(6);
    expect((await sk.get('/api/overview/plans?view=everything')).status).toBe(400);
  });

  describe('privacy', () => {
    it('the overview holds plan metadata, never plan content', async () => {
      const summary = JSON.stringify((await sk.get('/api/overview')).body);
      const all = JSON.stringify((await sk.get('/api/overview/plans?limit=200')).body);
      for (const text of [summary, all]) {
        expect(text).toContain('Plan P1');
        expect(text).not.toContain(SECRET);
        expect(text).not.toMatch(/whatMatters|goals|tasks/);
      }
    });

    it.each(['', '/events', '/access-log', '/meetings', '/journal'])(
      'a systemkoordinator who is not a member gets 404 on the plan%s',
      async (path) => {
        const res = await sk.get(`/api/plans/${ids.P1}${path}`);
        expect(res.status).toBe(404);
        expect(JSON.stringify(res.body)).not.toContain(SECRET);
      },
    );

    it('a systemkoordinator who is not a member cannot change the plan either', async () => {
      expect((await sk.patch(`/api/plans/${ids.P1}`, { baseRevision: 0, whatMatters: 'endret' })).status).toBe(404);
      expect((await sk.post(`/api/plans/${ids.P1}/tasks`, { title: 'Nytt' })).status).toBe(404);
    });

    it('as a member of a plan, the systemkoordinator reads its content like any member', async () => {
      const res = await sk.get(`/api/plans/${ids.P6}`);
      expect(res.status).toBe(200);
      expect(res.body.whatMatters).toContain(SECRET);
      expect(res.body.goals[0].title).toContain(SECRET);
    });

    it('only the systemkoordinator reads the overview, and only for their own tenant', async () => {
      expect((await cecilie.get('/api/overview')).status).toBe(403);
      expect((await cecilie.get('/api/overview/plans')).status).toBe(403);
      const other = JSON.stringify((await fjordvikAdmin.get('/api/overview/plans?limit=200')).body);
      for (const key of ['P1', 'P2', 'P3', 'P4', 'P5', 'P6']) expect(other).not.toContain(ids[key]);
      const otherSummary = (await fjordvikAdmin.get('/api/overview')).body;
      expect(JSON.stringify(otherSummary)).not.toContain('Testvik');
      expect(otherSummary.coordinators.map((c: { name: string }) => c.name)).not.toContain('Cecilie Koordinator');
      expect(otherSummary.openNeeds.oldest.map((n: { personName: string }) => n.personName)).not.toContain('Meldt 0');
    });

    it('reading the overview is audited', async () => {
      const rows = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_entries WHERE action = 'overview.read' AND actor_account_id = $1`,
        [ids.sk],
      );
      expect(rows[0].n).toBeGreaterThan(0);
    });
  });
});
