/**
 * Meldinger om behov for IP/koordinator: reported by professionals, triaged by koordinerende
 * enhet, given a coordinator with warnings on training and caseload.
 */
import { Client } from 'pg';
import { eventually, useTestApp, type ApiClient } from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';

const report = {
  personName: 'Emma Solberg',
  personContact: '400 12 345',
  kind: 'both',
  description: 'Cerebral parese, begynner på skolen til høsten; mange tjenester involvert.',
  reporterService: 'Helsestasjon',
};

describe('needs', () => {
  // A low caseload threshold, so that one plan is "many".
  const app = useTestApp({ COORDINATOR_CASELOAD_WARNING: '1' });
  let admin: ApiClient;
  let professional: ApiClient;
  let coordinator: ApiClient;
  let citizen: ApiClient;
  let otherTenantAdmin: ApiClient;

  beforeAll(async () => {
    admin = await app.login(demoAccount('fjordvik', 'systemkoordinator').email, DEMO_PASSWORD);
    professional = await app.login(demoAccount('fjordvik', 'professional').email, DEMO_PASSWORD);
    coordinator = await app.login(demoAccount('fjordvik', 'coordinator').email, DEMO_PASSWORD);
    citizen = await app.login(demoAccount('fjordvik', 'citizen').email, DEMO_PASSWORD);
    otherTenantAdmin = await app.login(demoAccount('nordoy', 'systemkoordinator').email, DEMO_PASSWORD);
  });

  async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
    const db = new Client({ connectionString: app.databaseUrl });
    await db.connect();
    try {
      return (await db.query(text, params)).rows as T[];
    } finally {
      await db.end();
    }
  }

  const idOf = async (client: ApiClient) => (await client.get('/api/auth/me')).body.id as string;

  it('a professional reports a need and sees it among their own reports', async () => {
    const res = await professional.post('/api/needs', report);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      personName: 'Emma Solberg',
      personContact: '400 12 345',
      kind: 'both',
      status: 'new',
      reporter: { name: 'Per Hansen', service: 'Helsestasjon' },
      coordinator: null,
      triagedBy: null,
    });
    const mine = await professional.get('/api/needs');
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((n: { id: string }) => n.id)).toContain(res.body.id);
  });

  it('koordinerende enhet is told of a new report in the app', async () => {
    const need = (await professional.post('/api/needs', { ...report, personName: 'Jonas Vik', kind: 'coordinator' })).body;
    const found = await eventually(async () => {
      const list = await admin.get('/api/notifications');
      return list.body.items.find((n: { kind: string; link: string }) => n.kind === 'need_reported' && n.link.endsWith(need.id));
    });
    expect(found.title).toBe('Ny melding om behov');
    expect(found.body).toContain('Jonas Vik');
  });

  it('a citizen may not report, and invalid reports are refused', async () => {
    expect((await citizen.post('/api/needs', report)).status).toBe(403);
    const bad = await professional.post('/api/needs', { ...report, kind: 'everything', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation_failed');
    expect((await professional.post('/api/needs', { ...report, personName: '' })).status).toBe(400);
  });

  it('a reporter sees only their own reports; another reporter gets 404 on them', async () => {
    const mine = (await coordinator.post('/api/needs', { ...report, personName: 'Kun min', reporterService: 'Fysioterapi' })).body;
    const professionalsView = await professional.get('/api/needs?limit=200');
    expect(professionalsView.body.items.every((n: { reporter: { name: string } }) => n.reporter.name === 'Per Hansen')).toBe(true);
    expect((await professional.get(`/api/needs/${mine.id}`)).status).toBe(404);
    expect((await coordinator.get(`/api/needs/${mine.id}`)).status).toBe(200);
  });

  it('the systemkoordinator sees the whole queue, paginated and filtered by status', async () => {
    const page1 = await admin.get('/api/needs?status=open&limit=1');
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(1);
    expect(page1.body.total).toBeGreaterThanOrEqual(3);
    const page2 = await admin.get('/api/needs?status=open&limit=1&offset=1');
    expect(page2.body.items[0].id).not.toBe(page1.body.items[0].id);
    expect(page2.body.total).toBe(page1.body.total);
    // The open queue is oldest first: the one waiting longest is handled first.
    const all = await admin.get('/api/needs?status=open&limit=200');
    const created = all.body.items.map((n: { createdAt: string }) => n.createdAt);
    expect([...created].sort()).toEqual(created);
    expect((await admin.get('/api/needs?status=declined')).body.total).toBe(0);
    expect((await admin.get('/api/needs?status=nonsense')).status).toBe(400);
  });

  it('triage moves a need new → in_review → declined, with a note required to decline', async () => {
    const need = (await professional.post('/api/needs', { ...report, personName: 'Triage Test' })).body;
    const review = await admin.post(`/api/needs/${need.id}/triage`, { status: 'in_review' });
    expect(review.status).toBe(200);
    expect(review.body).toMatchObject({ status: 'in_review', triagedBy: { name: 'Sigrid Sandvik' } });
    const noNote = await admin.post(`/api/needs/${need.id}/triage`, { status: 'declined' });
    expect(noNote.status).toBe(400);
    const declined = await admin.post(`/api/needs/${need.id}/triage`, { status: 'declined', note: 'Personen ønsker ikke plan nå.' });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ status: 'declined', triageNote: 'Personen ønsker ikke plan nå.' });
    // A declined need cannot jump to plan_started; it is taken back into review first.
    const jump = await admin.post(`/api/needs/${need.id}/triage`, { status: 'plan_started' });
    expect(jump.status).toBe(409);
    expect((await admin.post(`/api/needs/${need.id}/triage`, { status: 'in_review' })).body.status).toBe('in_review');
    // The reporter sees the outcome of their report.
    expect((await professional.get(`/api/needs/${need.id}`)).body.status).toBe('in_review');
  });

  it('coordinator_appointed is reached by appointing, not by setting the status', async () => {
    const need = (await professional.post('/api/needs', { ...report, personName: 'Status Test' })).body;
    const res = await admin.post(`/api/needs/${need.id}/triage`, { status: 'coordinator_appointed' });
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/appoint/);
  });

  it('plan_started can link the plan that was started, in the same tenant only', async () => {
    const need = (await professional.post('/api/needs', { ...report, personName: 'Plan Test' })).body;
    const missing = await admin.post(`/api/needs/${need.id}/triage`, {
      status: 'plan_started',
      planId: '00000000-0000-4000-8000-000000000000',
    });
    expect(missing.status).toBe(404);
    const [tenant] = await sql<{ tenant_id: string }>('SELECT tenant_id FROM accounts WHERE id = $1', [await idOf(admin)]);
    const [plan] = await sql<{ id: string }>(
      `INSERT INTO plans (tenant_id, person_name, title) VALUES ($1, 'Plan Test', 'Plan Tests plan') RETURNING id`,
      [tenant.tenant_id],
    );
    const started = await admin.post(`/api/needs/${need.id}/triage`, { status: 'plan_started', planId: plan.id });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'plan_started', planId: plan.id });
    // A plan was started: appoint its coordinator on the plan, not on the need.
    expect((await admin.post(`/api/needs/${need.id}/appoint`, { coordinatorAccountId: await idOf(coordinator) })).status).toBe(409);
  });

  it('only koordinerende enhet triages and appoints', async () => {
    const need = (await professional.post('/api/needs', report)).body;
    expect((await professional.post(`/api/needs/${need.id}/triage`, { status: 'in_review' })).status).toBe(403);
    expect((await coordinator.post(`/api/needs/${need.id}/triage`, { status: 'in_review' })).status).toBe(403);
    expect((await coordinator.post(`/api/needs/${need.id}/appoint`, { coordinatorAccountId: await idOf(coordinator) })).status).toBe(403);
  });

  it("another tenant's systemkoordinator neither sees nor touches the need", async () => {
    const need = (await professional.post('/api/needs', report)).body;
    expect((await otherTenantAdmin.get(`/api/needs/${need.id}`)).status).toBe(404);
    expect((await otherTenantAdmin.post(`/api/needs/${need.id}/triage`, { status: 'in_review' })).status).toBe(404);
    const list = await otherTenantAdmin.get('/api/needs?limit=200');
    expect(list.body.items.map((n: { id: string }) => n.id)).not.toContain(need.id);
  });

  describe('appointing a coordinator', () => {
    let courseId: string;
    let kariId: string;
    let olaId: string;
    let kari: ApiClient;

    // Fresh coordinators, so that demo data cannot change their training or caseload.
    async function newCoordinator(name: string): Promise<{ id: string; client: ApiClient }> {
      const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${Date.now()}@fjordvik.example`;
      const res = await admin.post('/api/accounts', { email, name, role: 'coordinator', password: 'Et-langt-passord-2026' });
      expect(res.status).toBe(201);
      return { id: res.body.id, client: await app.login(email, 'Et-langt-passord-2026') };
    }

    beforeAll(async () => {
      const k = await newCoordinator('Kaja Koordinator');
      kariId = k.id;
      kari = k.client;
      olaId = (await newCoordinator('Odd Koordinator')).id;
      const course = await admin.post('/api/training/courses', { title: 'Grunnkurs for koordinatorer', validityMonths: 36 });
      expect(course.status).toBe(201);
      courseId = course.body.id;
    });

    it('warns when the coordinator has not completed the required training, and tells the coordinator', async () => {
      const need = (await professional.post('/api/needs', { ...report, personName: 'Mina Berg' })).body;
      const res = await admin.post(`/api/needs/${need.id}/appoint`, { coordinatorAccountId: kariId, note: 'Kari kjenner familien.' });
      expect(res.status).toBe(200);
      expect(res.body.need).toMatchObject({
        status: 'coordinator_appointed',
        coordinator: { accountId: kariId, name: 'Kaja Koordinator' },
      });
      expect(res.body.warnings).toEqual([expect.objectContaining({ code: 'training_missing', courses: ['Grunnkurs for koordinatorer'] })]);
      const told = await eventually(async () => {
        const list = await kari.get('/api/notifications');
        return list.body.items.find(
          (n: { kind: string; body: string }) => n.kind === 'coordinator_appointed' && n.body.includes('Mina Berg'),
        );
      });
      expect(told.title).toBe('Du er oppnevnt som koordinator');
      // The appointed coordinator can open the need the notification points to; another coordinator cannot.
      expect((await kari.get(`/api/needs/${need.id}`)).status).toBe(200);
      const odd = await app.login((await admin.get(`/api/accounts/${olaId}`)).body.email, 'Et-langt-passord-2026');
      expect((await odd.get(`/api/needs/${need.id}`)).status).toBe(404);
    });

    it('warns when the training has expired, and not when it is valid', async () => {
      const old = await admin.post('/api/training/completions', { accountId: olaId, courseId, completedOn: '2020-01-10' });
      expect(old.status).toBe(201);
      const need = (await professional.post('/api/needs', { ...report, personName: 'Ole Strand' })).body;
      const expired = await admin.post(`/api/needs/${need.id}/appoint`, { coordinatorAccountId: olaId });
      expect(expired.body.warnings.map((w: { code: string }) => w.code)).toEqual(['training_expired']);

      const today = new Date().toISOString().slice(0, 10);
      await admin.post('/api/training/completions', { accountId: olaId, courseId, completedOn: today });
      const need2 = (await professional.post('/api/needs', { ...report, personName: 'Ida Strand' })).body;
      const valid = await admin.post(`/api/needs/${need2.id}/appoint`, { coordinatorAccountId: olaId });
      expect(valid.status).toBe(200);
      expect(valid.body.warnings).toEqual([]);
    });

    it('warns when the coordinator already carries many plans (threshold from COORDINATOR_CASELOAD_WARNING)', async () => {
      const [tenant] = await sql<{ tenant_id: string }>('SELECT tenant_id FROM accounts WHERE id = $1', [olaId]);
      const [plan] = await sql<{ id: string }>(
        `INSERT INTO plans (tenant_id, person_name, title, status) VALUES ($1, 'Caseload', 'Caseload plan', 'active') RETURNING id`,
        [tenant.tenant_id],
      );
      await sql(
        `INSERT INTO plan_members (plan_id, account_id, name, role, status) VALUES ($1, $2, 'Odd Koordinator', 'coordinator', 'active')`,
        [plan.id, olaId],
      );
      const need = (await professional.post('/api/needs', { ...report, personName: 'Siri Dahl' })).body;
      const res = await admin.post(`/api/needs/${need.id}/appoint`, { coordinatorAccountId: olaId });
      expect(res.body.warnings).toEqual([expect.objectContaining({ code: 'caseload_high', activePlans: 1, threshold: 1 })]);
    });

    it('refuses a coordinator who is not a coordinator, or not in the tenant', async () => {
      const need = (await professional.post('/api/needs', report)).body;
      const professionalId = await idOf(professional);
      expect((await admin.post(`/api/needs/${need.id}/appoint`, { coordinatorAccountId: professionalId })).status).toBe(400);
      const otherTenantCoordinator = await idOf(await app.login(demoAccount('nordoy', 'coordinator').email, DEMO_PASSWORD));
      expect((await admin.post(`/api/needs/${need.id}/appoint`, { coordinatorAccountId: otherTenantCoordinator })).status).toBe(404);
    });

    it('audits reports, reads, triage and appointments', async () => {
      const rows = await sql<{ action: string }>(`SELECT DISTINCT action FROM audit_entries WHERE action LIKE 'need.%'`);
      expect(rows.map((r) => r.action).sort()).toEqual(['need.appoint', 'need.read', 'need.report', 'need.triage']);
    });
  });
});
