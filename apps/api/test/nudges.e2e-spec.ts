/**
 * Nudges from koordinerende enhet (issue 13): from the lists of quiet plans, plans past their
 * evaluation date and plans without a coordinator, the systemkoordinator reminds whoever can act
 * in one step. It reaches the coordinator in the app and by e-mail (a real SMTP server started
 * here), with a link and no plan content in the mail; once per plan, reason and day; audited;
 * only the systemkoordinator may; a plan that has left the list, or nobody to remind, is 409.
 * The consent reminder's e-mail to the person is checked the same way.
 */
import { Client } from 'pg';
import { eventually, recipientOf, startSmtp, useTestApp, type ApiClient, type TestSmtp } from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';

const PUBLIC_URL = 'https://fellesplan.fjordvik.example';

describe('nudges from koordinerende enhet', () => {
  let smtp: TestSmtp;
  const env: Record<string, string> = { REMINDER_INTERVAL_SECONDS: '0', PUBLIC_URL };
  beforeAll(async () => {
    smtp = await startSmtp();
    env.SMTP_URL = smtp.url;
  });
  afterAll(async () => {
    await smtp.close();
  });
  const app = useTestApp(env);
  let db: Client;
  let sk: ApiClient;
  let kari: ApiClient;
  let planId: string;
  const kariEmail = demoAccount('fjordvik', 'coordinator').email;

  const count = async (text: string, params: unknown[]) => Number((await db.query(text, params)).rows[0].n);
  const mailsTo = (address: string) => smtp.mails.filter((m) => recipientOf(m) === address);

  beforeAll(async () => {
    db = new Client({ connectionString: app.databaseUrl });
    db.on('error', () => undefined);
    await db.connect();
    sk = await app.login(demoAccount('fjordvik', 'systemkoordinator').email, DEMO_PASSWORD);
    kari = await app.login(kariEmail, DEMO_PASSWORD);
    const created = await kari.post('/api/plans', { title: 'Sindres plan', personName: 'Sindre Strand', personNoContact: true });
    expect(created.status).toBe(201);
    planId = created.body.plan.id;
    // Content that must never reach an e-mail or the overview.
    expect((await kari.patch(`/api/plans/${planId}`, { baseRevision: 0, whatMatters: 'Å spille fotball igjen' })).status).toBe(200);
    await db.query(`UPDATE plans SET last_activity_at = now() - interval '90 days', next_evaluation = '2026-01-01' WHERE id = $1`, [
      planId,
    ]);
  }, 60_000);
  afterAll(async () => {
    await db?.end();
  });

  it.each(['inactive', 'evaluation_overdue'] as const)(
    'reminds the coordinator of a plan on the %s list: in the app and by e-mail, with a link and no content',
    async (reason) => {
      const before = mailsTo(kariEmail).length;
      const res = await sk.post(`/api/overview/plans/${planId}/nudges`, { reason });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ planId, reason, alreadySentToday: false, recipient: { name: 'Kari Nilsen', role: 'coordinator' } });
      const note = await eventually(async () =>
        (await kari.get('/api/notifications')).body.items.find(
          (n: { kind: string; body: string }) =>
            n.kind === 'plan_nudge' && n.body.includes(reason === 'inactive' ? 'ikke vært endret' : 'evaluering'),
        ),
      );
      expect(note).toMatchObject({ planId, link: `/planer/${planId}`, title: 'Påminnelse fra koordinerende enhet: Sindres plan' });
      expect(note.body).not.toContain('fotball');
      const mail = await eventually(async () => mailsTo(kariEmail).length > before && mailsTo(kariEmail).at(-1));
      expect(mail.subject).toBe('Påminnelse fra koordinerende enhet');
      expect(mail.text).toContain(`${PUBLIC_URL}/planer/${planId}`);
      for (const secret of ['Sindres plan', 'Sindre Strand', 'fotball']) expect(mail.text).not.toContain(secret);
    },
  );

  it('is idempotent per day: a second press sends nothing and says when it went', async () => {
    const first = await sk.post(`/api/overview/plans/${planId}/nudges`, { reason: 'inactive' });
    expect(first.body.alreadySentToday).toBe(true);
    const notes = (await kari.get('/api/notifications')).body.items.filter((n: { kind: string }) => n.kind === 'plan_nudge');
    expect(notes).toHaveLength(2);
    expect(await count(`SELECT count(*) AS n FROM audit_entries WHERE plan_id = $1 AND action = 'overview.nudge_sent'`, [planId])).toBe(2);
    const row = (await sk.get('/api/overview/plans?view=inactive&limit=100')).body.items.find((p: { id: string }) => p.id === planId);
    expect(row.lastNudgeAt).toEqual(expect.any(String));
  });

  it.each(['coordinator', 'professional', 'citizen', 'relative'] as const)('a %s may not send one', async (key) => {
    const client = await app.login(demoAccount('fjordvik', key).email, DEMO_PASSWORD);
    const res = await client.post(`/api/overview/plans/${planId}/nudges`, { reason: 'inactive' });
    expect(res.status).toBe(403);
  });

  it('another municipality’s plan is not found, a bad reason is 400, a plan off the list is 409', async () => {
    const other = await app.login(demoAccount('nordoy', 'systemkoordinator').email, DEMO_PASSWORD);
    expect((await other.post(`/api/overview/plans/${planId}/nudges`, { reason: 'inactive' })).status).toBe(404);
    expect((await sk.post(`/api/overview/plans/${planId}/nudges`, { reason: 'asleep' })).status).toBe(400);
    // It has a coordinator: not on that list.
    expect((await sk.post(`/api/overview/plans/${planId}/nudges`, { reason: 'without_coordinator' })).status).toBe(409);
  });

  it('for a plan without a coordinator, reminds the one who created it; with nobody else to remind, says so', async () => {
    await db.query(`UPDATE plan_members SET status = 'removed' WHERE plan_id = $1 AND role = 'coordinator'`, [planId]);
    const res = await sk.post(`/api/overview/plans/${planId}/nudges`, { reason: 'without_coordinator' });
    expect(res.status).toBe(200);
    expect(res.body.recipient).toMatchObject({ name: 'Kari Nilsen', role: 'creator' });
    const note = await eventually(async () =>
      (await kari.get('/api/notifications')).body.items.find((n: { body: string }) => n.body.includes('ingen koordinator')),
    );
    // Kari is no longer in the plan: the link leads home, not to a plan she cannot open.
    expect(note.link).toBe('/');

    // A plan the systemkoordinator started herself: nobody else to remind.
    const me = (await sk.get('/api/auth/me')).body.id as string;
    const own = await sk.post('/api/plans', {
      title: 'Egen plan',
      personName: 'Tor Tangen',
      personNoContact: true,
      coordinatorAccountId: me,
    });
    expect(own.status).toBe(201);
    await db.query(`UPDATE plan_members SET status = 'removed' WHERE plan_id = $1 AND role = 'coordinator'`, [own.body.plan.id]);
    const self = await sk.post(`/api/overview/plans/${own.body.plan.id}/nudges`, { reason: 'without_coordinator' });
    expect(self.status).toBe(409);
    expect(self.body.message).toMatch(/appoint a coordinator/);
  });

  it('the consent reminder reaches the person by e-mail too, with no plan content', async () => {
    const aina = demoAccount('fjordvik', 'citizen');
    const accounts = (await sk.get('/api/accounts?limit=200')).body.items as { id: string; email: string }[];
    const created = await kari.post('/api/plans', {
      title: 'Ainas samtykkeplan',
      personName: aina.name,
      personAccountId: accounts.find((a) => a.email === aina.email)!.id,
    });
    const id = created.body.plan.id as string;
    const staff = await kari.get(`/api/directory/staff?planId=${id}&q=${encodeURIComponent('Per Hansen')}`);
    expect((await kari.post(`/api/plans/${id}/members`, { accountId: staff.body[0].accountId, role: 'professional' })).status).toBe(201);
    const sent = await kari.post(`/api/plans/${id}/consents/reminders`);
    expect(sent.status).toBe(201);
    const mail = await eventually(async () => mailsTo(aina.email).find((m) => m.subject === 'En plan venter på samtykket ditt'));
    expect(mail.text).toContain(`${PUBLIC_URL}/planer/${id}?vis=folk#consent`);
    for (const secret of ['Ainas samtykkeplan', 'Per Hansen', 'Kari Nilsen']) expect(mail.text).not.toContain(secret);
  });
});
