/**
 * The reminder job: tasks due soon and overdue, evaluations due. Each reminder is sent once,
 * however often the job runs, on however many api nodes, across restarts.
 */
import { ApiClient, eventually, recipientOf, startApiProcess, startSmtp, useTestApp, type ApiProcess } from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';

const PASSWORD = 'Et-langt-passord-2026';

/** Today's date where the municipality is (the job's "today"), moved by whole days. */
function osloDay(days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const DUE_SOON = 'Et tiltak har frist snart';
const OVERDUE = 'Fristen for et tiltak har gått ut';
const EVALUATION = 'En plan skal evalueres';

describe('reminders', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const env: Record<string, string> = { REMINDER_INTERVAL_SECONDS: '0', DIGEST_HOUR: '0' };
  beforeAll(async () => {
    smtp = await startSmtp();
    env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
  });
  afterAll(async () => {
    await smtp.close();
  });
  const app = useTestApp(env);
  let admin: ApiClient;
  let counter = 0;

  async function newAccount(name: string, role: string) {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${Date.now()}.${counter++}@fjordvik.example`;
    const res = await admin.post('/api/accounts', { email, name, role, password: PASSWORD });
    expect(res.status).toBe(201);
    return { id: res.body.id as string, email, name, client: await app.login(email, PASSWORD) };
  }

  async function newPlan(title: string) {
    const coordinator = await newAccount('Rune Rådgiver', 'coordinator');
    const person = await newAccount('Siv Solberg', 'citizen');
    const res = await coordinator.client.post('/api/plans', { title, personName: person.name, personAccountId: person.id });
    expect(res.status).toBe(201);
    const plan = res.body.plan;
    const personMemberId = plan.members.find((m: { accountId: string }) => m.accountId === person.id).id as string;
    const task = async (title: string, dueDate: string, responsibleMemberId = personMemberId, status?: string) => {
      const t = await coordinator.client.post(`/api/plans/${plan.id}/tasks`, {
        title,
        dueDate,
        responsibleMemberId,
        ...(status ? { status } : {}),
      });
      expect(t.status).toBe(201);
      return t.body.entityId as string;
    };
    return { planId: plan.id as string, revision: plan.revision as number, coordinator, person, personMemberId, task };
  }

  const REMINDERS = [DUE_SOON, OVERDUE, EVALUATION];
  /** Reminder mails to an address (not the task-assigned or invitation mails the setup causes). */
  const mailsTo = (address: string, subject?: string) =>
    smtp.mails.filter(
      (m) => recipientOf(m) === address && (subject === undefined ? REMINDERS.includes(m.subject ?? '') : m.subject === subject),
    );

  beforeAll(async () => {
    admin = await app.login(demoAccount('fjordvik', 'systemkoordinator').email, DEMO_PASSWORD);
  });

  it('only the systemkoordinator may run the job on demand', async () => {
    const coordinator = await app.login(demoAccount('fjordvik', 'coordinator').email, DEMO_PASSWORD);
    expect((await coordinator.post('/api/admin/reminders/run')).status).toBe(403);
    expect((await app.client.post('/api/admin/reminders/run')).status).toBe(401);
  });

  describe('on two api nodes sharing one database', () => {
    let nodeB: ApiProcess;
    let plan: Awaited<ReturnType<typeof newPlan>>;
    let professional: Awaited<ReturnType<typeof newAccount>>;
    let professionalMemberId: string;

    beforeAll(async () => {
      plan = await newPlan('Påminnelsesplan');
      await plan.task('Frist i morgen', osloDay(1));
      await plan.task('Frist i går', osloDay(-1));
      await plan.task('Frist om lenge', osloDay(20));
      await plan.task('Allerede gjort', osloDay(1), plan.personMemberId, 'done');
      // A professional who has joined, but without the person's consent: told nothing.
      professional = await newAccount('Pål Fysio', 'professional');
      // Staff are picked from the municipality's directory: the account is added as it is.
      const added = await plan.coordinator.client.post(`/api/plans/${plan.planId}/members`, {
        accountId: professional.id,
        role: 'professional',
        service: 'Fysioterapi',
      });
      expect(added.status).toBe(201);
      professionalMemberId = added.body.entityId;
      await plan.task('Fysios frist', osloDay(1), professionalMemberId);
      // The evaluation is in five days: the coordinator is reminded.
      const current = await plan.coordinator.client.get(`/api/plans/${plan.planId}`);
      const evaluation = await plan.coordinator.client.patch(`/api/plans/${plan.planId}`, {
        baseRevision: current.body.revision,
        nextEvaluation: osloDay(5),
      });
      expect(evaluation.status).toBe(200);
      nodeB = await startApiProcess(app.databaseUrl, env);
    }, 60_000);

    afterAll(async () => {
      await nodeB?.stop();
    });

    it('run at once on both nodes: each reminder is made and mailed once', async () => {
      const b = await new ApiClient(nodeB.url).login(demoAccount('fjordvik', 'systemkoordinator').email, DEMO_PASSWORD);
      const [ra, rb] = await Promise.all([admin.post('/api/admin/reminders/run'), b.post('/api/admin/reminders/run')]);
      expect(ra.status).toBe(200);
      expect(rb.status).toBe(200);
      const created = (kind: string) => (ra.body.created[kind] ?? 0) + (rb.body.created[kind] ?? 0);
      // Other tests' plans may be due too; this plan's are counted by mail below.
      expect(created('task_due_soon')).toBeGreaterThanOrEqual(1);
      expect(created('task_overdue')).toBeGreaterThanOrEqual(1);
      expect(created('evaluation_due')).toBeGreaterThanOrEqual(1);

      await eventually(async () => mailsTo(plan.coordinator.email, EVALUATION).length === 1);
      expect(mailsTo(plan.person.email, DUE_SOON)).toHaveLength(1);
      expect(mailsTo(plan.person.email, OVERDUE)).toHaveLength(1);
      expect(mailsTo(plan.person.email)).toHaveLength(2);
      expect(mailsTo(plan.coordinator.email)).toHaveLength(1);
      expect(mailsTo(professional.email, DUE_SOON)).toEqual([]);
      expect(mailsTo(plan.person.email, DUE_SOON)[0].text).toContain(osloDay(1).split('-').map(Number)[2] + '.');

      const inApp = (await plan.person.client.get('/api/notifications')).body.items.map(
        (n: { kind: string; title: string }) => `${n.kind}: ${n.title}`,
      );
      expect(inApp).toEqual(
        expect.arrayContaining(['task_due_soon: Frist snart: Frist i morgen', 'task_overdue: Fristen har gått ut: Frist i går']),
      );
      expect(inApp.filter((t: string) => t.startsWith('task_due_soon') || t.startsWith('task_overdue'))).toHaveLength(2);
    });

    it('run again, and after a restart of a node: nothing more is sent', async () => {
      const before = smtp.mails.filter((m) => REMINDERS.includes(m.subject ?? '')).length;
      const again = await admin.post('/api/admin/reminders/run');
      expect(again.body.created).toEqual({});
      await nodeB.stop();
      nodeB = await startApiProcess(app.databaseUrl, env);
      const b = await new ApiClient(nodeB.url).login(demoAccount('fjordvik', 'systemkoordinator').email, DEMO_PASSWORD);
      const afterRestart = await b.post('/api/admin/reminders/run');
      expect(afterRestart.body.created).toEqual({});
      expect(smtp.mails.filter((m) => REMINDERS.includes(m.subject ?? '')).length).toBe(before);
    });

    it('once the person gives consent, the professional is reminded too (once)', async () => {
      const consent = await plan.person.client.post(`/api/plans/${plan.planId}/consents`, {
        kind: 'member_access',
        memberId: professionalMemberId,
      });
      expect(consent.status).toBe(201);
      await Promise.all([admin.post('/api/admin/reminders/run'), admin.post('/api/admin/reminders/run')]);
      await eventually(async () => mailsTo(professional.email, DUE_SOON).length === 1);
      await admin.post('/api/admin/reminders/run');
      expect(mailsTo(professional.email, DUE_SOON)).toHaveLength(1);
    });

    it('a closed plan reminds nobody', async () => {
      const closed = await newPlan('Avsluttet plan');
      await closed.task('Frist i morgen', osloDay(1));
      expect((await closed.coordinator.client.post(`/api/plans/${closed.planId}/status`, { status: 'closed' })).status).toBeLessThan(300);
      await admin.post('/api/admin/reminders/run');
      expect(mailsTo(closed.person.email)).toEqual([]);
    });
  });

  it('runs on a timer in every node, and a reminder still goes out once', async () => {
    // Two nodes with a one-second timer, beside the ones above.
    const timerEnv = { ...env, REMINDER_INTERVAL_SECONDS: '1' };
    const [c, d] = await Promise.all([startApiProcess(app.databaseUrl, timerEnv), startApiProcess(app.databaseUrl, timerEnv)]);
    try {
      const plan = await newPlan('Timerplan');
      await plan.task('Første', osloDay(1));
      await eventually(async () => mailsTo(plan.person.email, DUE_SOON).length === 1, 15_000);
      // A second reminder made later proves the timers ran again since; the first was not repeated.
      await plan.task('Andre', osloDay(2));
      await eventually(async () => mailsTo(plan.person.email, DUE_SOON).length >= 2, 15_000);
      await eventually(async () => (await plan.person.client.get('/api/notifications')).body.total === 4, 15_000);
      const kinds = (await plan.person.client.get('/api/notifications')).body.items.map((n: { kind: string }) => n.kind).sort();
      expect(kinds).toEqual(['task_assigned', 'task_assigned', 'task_due_soon', 'task_due_soon']);
      expect(mailsTo(plan.person.email, DUE_SOON)).toHaveLength(2);
    } finally {
      await Promise.all([c.stop(), d.stop()]);
    }
  }, 60_000);
});
