/**
 * The coordinator's first hour (issue 13, items 1 and 2), through the api: a plan started for a
 * citizen picked by name or for a new person with a phone, an e-mail or the explicit "no phone or
 * e-mail" (which the plan view shows, for consent on paper); bad phones and no way of reaching the
 * person refused. Staff picked from the directory are members at once and are told (in the app
 * and by e-mail through a real SMTP server); several people invited in one list, all or none; a
 * person invited by phone accepts with an e-mail of their own. Who may do each of these
 * (PLAN_ROLE_GRANTS / PLAN_ROLE_ADMISSION hold on every new path).
 */
import { Client } from 'pg';
import { ApiClient, eventually, recipientOf, startSmtp, useTestApp, type TestSmtp } from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

const PASSWORD = 'Et-langt-passord-2026';

describe('the coordinator’s first hour (api)', () => {
  let smtp: TestSmtp;
  const env: Record<string, string> = { REMINDER_INTERVAL_SECONDS: '0', OUTBOX_POLL_MS: '300' };
  beforeAll(async () => {
    smtp = await startSmtp();
    env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
  });
  afterAll(async () => {
    await smtp.close();
  });
  const app = useTestApp(env);

  let admin: ApiClient;
  let coordinator: ApiClient;
  let f: PlanFixture;
  let counter = 0;
  const unique = () => `${Date.now()}.${process.pid}.${counter++}`;

  async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
    const db = new Client({ connectionString: app.databaseUrl });
    await db.connect();
    try {
      return (await db.query(text, params)).rows as T[];
    } finally {
      await db.end();
    }
  }
  async function account(name: string, role: string, extra: Record<string, string> = {}) {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${unique()}@fjordvik.example`;
    const res = await admin.post('/api/accounts', { email, name, role, password: PASSWORD, ...extra });
    expect(res.status).toBe(201);
    return { id: res.body.id as string, email, name, client: () => app.login(email, PASSWORD) };
  }
  const revisionOf = async (planId: string) =>
    (await sql<{ revision: number }>('SELECT revision FROM plans WHERE id = $1', [planId]))[0].revision;
  const membersOf = (planId: string) =>
    sql<{ name: string; status: string }>('SELECT name, status FROM plan_members WHERE plan_id = $1', [planId]);

  beforeAll(async () => {
    admin = await app.login(demoAccount('fjordvik', 'systemkoordinator').email, DEMO_PASSWORD);
    coordinator = await app.login(demoAccount('fjordvik', 'coordinator').email, DEMO_PASSWORD);
    f = await createPlanFixture(app, 'Ainas plan');
  }, 60_000);

  describe('starting a plan', () => {
    it.each([
      ['no way of reaching the person', {}],
      ['a phone that is not one', { personPhone: '12345' }],
      ['letters for a phone', { personPhone: 'ring meg' }],
      ['an E.164 number that is too long', { personPhone: '+4712345678901234' }],
      ['a malformed e-mail', { personEmail: 'ikke-en-adresse' }],
      ['"no phone or e-mail" with a phone', { personPhone: '91234567', personNoContact: true }],
      ['"no phone or e-mail" with an e-mail', { personEmail: 'x@fjordvik.example', personNoContact: true }],
      ['"no phone or e-mail" set to false and nothing else', { personNoContact: false }],
      ['"no phone or e-mail" as a string', { personNoContact: 'true' }],
    ])('refuses %s with a clear 400, and starts no plan', async (_what, body) => {
      const before = await sql<{ n: number }>('SELECT count(*)::int AS n FROM plans');
      const res = await coordinator.post('/api/plans', { title: 'Ny plan', personName: 'Ola Ny', ...body });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.message).toBeTruthy();
      expect(await sql<{ n: number }>('SELECT count(*)::int AS n FROM plans')).toEqual(before);
    });

    it('a Norwegian 8-digit number is taken as +47; the person is invited, and the link is given to the coordinator', async () => {
      const res = await coordinator.post('/api/plans', { title: 'Olas plan', personName: 'Ola Ny', personPhone: '912 34 567' });
      expect(res.status).toBe(201);
      const person = res.body.plan.members.find((m: { role: string }) => m.role === 'person');
      expect(person).toMatchObject({ name: 'Ola Ny', phone: '+4791234567', email: null, status: 'invited' });
      expect(res.body.personInvitationUrl).toMatch(/\/invitasjon\/[A-Za-z0-9_-]{20,}$/);
      expect(res.body.plan.person).toEqual({ reachable: true, consentNeedsPaper: false });
      // E.164 from abroad too.
      const se = await coordinator.post('/api/plans', { title: 'Svens plan', personName: 'Sven Ny', personPhone: '+46 70 123 45 67' });
      expect(se.status).toBe(201);
      expect(se.body.plan.members.find((m: { role: string }) => m.role === 'person').phone).toBe('+46701234567');
    });

    it('"the person has no phone or e-mail" is recorded, and the plan view says consent needs paper', async () => {
      const res = await coordinator.post('/api/plans', { title: 'Tors plan', personName: 'Tor Uten', personNoContact: true });
      expect(res.status).toBe(201);
      expect(res.body.personInvitationUrl).toBeUndefined();
      const view = await coordinator.get(`/api/plans/${res.body.plan.id}`);
      expect(view.status).toBe(200);
      expect(view.body.person).toEqual({ reachable: false, consentNeedsPaper: true });
      expect(
        (await sql<{ person_no_contact: boolean }>('SELECT person_no_contact FROM plans WHERE id = $1', [res.body.plan.id]))[0],
      ).toEqual({ person_no_contact: true });
    });

    it('a plan for a citizen found by part of the name; the search shows names only, to those who may start plans', async () => {
      const citizen = await account(`Sunniva Søkbar ${counter}`, 'citizen');
      const found = await coordinator.get(`/api/directory/citizens?q=${encodeURIComponent('søkbar')}`);
      expect(found.status).toBe(200);
      expect(found.body).toContainEqual({ accountId: citizen.id, name: citizen.name });
      for (const entry of found.body) expect(Object.keys(entry).sort()).toEqual(['accountId', 'name']);
      // Staff are not citizens; another municipality's citizens are never listed.
      expect((await coordinator.get('/api/directory/citizens?q=Per%20Hansen')).body).toEqual([]);
      const other = await app.login(demoAccount('nordoy', 'coordinator').email, DEMO_PASSWORD);
      expect((await other.get(`/api/directory/citizens?q=${encodeURIComponent('søkbar')}`)).body).toEqual([]);
      // Only those who may start a plan search; the query must say something.
      for (const who of ['professional', 'relative', 'person'] as const)
        expect((await f.clients[who].get('/api/directory/citizens?q=Su')).status).toBe(403);
      expect((await coordinator.get('/api/directory/citizens?q=S')).status).toBe(400);
      expect((await coordinator.get('/api/directory/citizens')).status).toBe(400);
      expect((await coordinator.get('/api/directory/citizens?q=Su&limit=500')).status).toBe(400);

      const res = await coordinator.post('/api/plans', { title: 'Sunnivas plan', personName: citizen.name, personAccountId: citizen.id });
      expect(res.status).toBe(201);
      expect(res.body.plan.person).toEqual({ reachable: true, consentNeedsPaper: false });
      const mine = await (await citizen.client()).get('/api/plans');
      expect(mine.body.items.map((p: { id: string }) => p.id)).toContain(res.body.plan.id);
      // A citizen picked and a contact given as well is a contradiction.
      const both = await coordinator.post('/api/plans', {
        title: 'X',
        personName: citizen.name,
        personAccountId: citizen.id,
        personPhone: '91234567',
      });
      expect(both.status).toBe(400);
    });
  });

  describe('gathering the group', () => {
    it('staff picked from the directory have the plan in "Mine planer" at once, and are told in the app and by e-mail', async () => {
      const created = await coordinator.post('/api/plans', {
        title: 'Idas plan',
        personName: 'Ida Ny',
        personEmail: `ida.${unique()}@example.org`,
      });
      expect(created.status).toBe(201);
      const planId = created.body.plan.id as string;
      const fysio = await account('Frida Fysio', 'professional', { service: 'Fysioterapi' });
      const picked = (await coordinator.get(`/api/directory/staff?planId=${planId}&q=${encodeURIComponent('Frida Fysio')}`)).body as {
        accountId: string;
        service: string;
      }[];
      expect(picked).toContainEqual(expect.objectContaining({ accountId: fysio.id, service: 'Fysioterapi' }));
      const res = await coordinator.post(`/api/plans/${planId}/members`, { accountId: fysio.id, role: 'professional' });
      expect(res.status).toBe(201);
      const frida = await fysio.client();
      const mine = await frida.get('/api/plans');
      expect(mine.body.items).toContainEqual(expect.objectContaining({ id: planId, myRole: 'professional' }));
      const n = await eventually(
        async () => (await frida.get('/api/notifications')).body.items.find((x: { kind: string }) => x.kind === 'member_added'),
        10_000,
      );
      expect(n).toMatchObject({ title: 'Du er med i planen «Idas plan»', link: `/planer/${planId}`, planId });
      expect(n.body).toContain('Kari Nilsen');
      const mail = await eventually(async () => smtp.mails.find((m) => recipientOf(m) === fysio.email), 10_000);
      expect(mail.subject).toBe('Du er lagt til i en individuell plan');
      // The e-mail holds no plan content and names no person.
      for (const secret of ['Idas plan', 'Ida Ny']) expect(mail.text).not.toContain(secret);
    });

    it('several people in one list: a relative by e-mail, a relative by phone and a professional from the directory', async () => {
      const created = await coordinator.post('/api/plans', { title: 'Lenes plan', personName: 'Lene Ny', personPhone: '91234500' });
      const planId = created.body.plan.id as string;
      const fysio = await account('Fredrik Fysio', 'professional');
      const before = await revisionOf(planId);
      const res = await coordinator.post(`/api/plans/${planId}/members/batch`, {
        members: [
          { name: 'Mona Mor', email: `mona.${unique()}@example.org`, role: 'relative' },
          { name: 'Bror Bror', phone: '98765432', role: 'relative' },
          { accountId: fysio.id, role: 'professional' },
        ],
      });
      expect(res.status).toBe(201);
      expect(res.body.results).toHaveLength(3);
      expect(res.body.results[0].invitationUrl).toMatch(/\/invitasjon\//);
      expect(res.body.results[1].invitationUrl).toMatch(/\/invitasjon\//);
      expect(res.body.results[2].invitationUrl).toBeUndefined();
      expect(await revisionOf(planId)).toBe(before + 3);
      const view = (await coordinator.get(`/api/plans/${planId}`)).body;
      expect(view.members).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'Mona Mor', role: 'relative', status: 'invited' }),
          expect.objectContaining({ name: 'Bror Bror', role: 'relative', status: 'invited', phone: '+4798765432', email: null }),
          expect.objectContaining({ name: 'Fredrik Fysio', role: 'professional', status: 'active' }),
        ]),
      );

      // Bror, invited by phone, accepts with an e-mail of his own (without one: a clear 400, nothing changed).
      const token = String(res.body.results[1].invitationUrl).split('/').pop();
      const noEmail = await app.client.post(`/api/invitations/${token}/accept`, { password: PASSWORD });
      expect(noEmail.status).toBe(400);
      const brorEmail = `bror.${unique()}@example.org`;
      const accepted = await app.client.post(`/api/invitations/${token}/accept`, { password: PASSWORD, email: brorEmail });
      expect(accepted.status).toBe(200);
      const bror = new ApiClient(app.api.url, accepted.body.accessToken);
      expect((await bror.get('/api/auth/me')).body).toMatchObject({ email: brorEmail, role: 'citizen' });
      expect((await bror.get('/api/plans')).body.items).toContainEqual(expect.objectContaining({ id: planId, myRole: 'relative' }));
    });

    it.each([
      [
        'a bad phone in one row',
        (fysio: string) => [
          { accountId: fysio, role: 'professional' },
          { name: 'Nils', phone: '123', role: 'relative' },
        ],
      ],
      [
        'a row with neither e-mail nor phone',
        (fysio: string) => [
          { accountId: fysio, role: 'professional' },
          { name: 'Nils', role: 'relative' },
        ],
      ],
      ['staff invited by e-mail', () => [{ name: 'Nils', email: 'nils@example.org', role: 'professional' }]],
      ['the same person twice', () => [0, 1].map(() => ({ name: 'Nils', email: 'nils.to@example.org', role: 'relative' }))],
      ['a second person', () => [{ name: 'Nils', email: 'nils.tre@example.org', role: 'person' }]],
      ['someone already in the plan', () => [{ name: 'Jonas', email: demoAccount('fjordvik', 'relative').email, role: 'relative' }]],
      ['an empty list', () => []],
      ['an unknown field', () => [{ name: 'Nils', email: 'nils.fire@example.org', role: 'relative', admin: true }]],
    ])('a list with %s is refused whole (400): nobody is added', async (_what, rows) => {
      const fysio = await account('Fia Fysio', 'professional');
      const before = await revisionOf(f.planId);
      const count = (await membersOf(f.planId)).length;
      const res = await f.clients.coordinator.post(`/api/plans/${f.planId}/members/batch`, { members: rows(fysio.id) });
      expect(res.status).toBe(400);
      expect(await revisionOf(f.planId)).toBe(before);
      expect((await membersOf(f.planId)).length).toBe(count);
    });

    it('the grants hold in a list: whoever may not hand out a role adds nobody; outside the plan it is not found', async () => {
      const before = await revisionOf(f.planId);
      const count = (await membersOf(f.planId)).length;
      const relativeRow = { name: 'Nils Nabo', email: `nils.${unique()}@example.org`, role: 'relative' };
      // A relative and a professional hand out nothing; a coordinator does not make guardians (that is the person's).
      for (const who of ['relative', 'professional'] as const)
        expect((await f.clients[who].post(`/api/plans/${f.planId}/members/batch`, { members: [relativeRow] })).status).toBe(403);
      const guardian = { name: 'Gina Verge', email: `gina.${unique()}@example.org`, role: 'guardian' };
      expect((await f.clients.coordinator.post(`/api/plans/${f.planId}/members/batch`, { members: [relativeRow, guardian] })).status).toBe(
        403,
      );
      for (const who of ['outsider', 'otherTenant'] as const)
        expect((await f.clients[who].post(`/api/plans/${f.planId}/members/batch`, { members: [relativeRow] })).status).toBe(404);
      expect(await revisionOf(f.planId)).toBe(before);
      expect((await membersOf(f.planId)).length).toBe(count);
      // The person may make a guardian, in a list as well.
      const ok = await f.clients.person.post(`/api/plans/${f.planId}/members/batch`, { members: [guardian] });
      expect(ok.status).toBe(201);
      expect(await revisionOf(f.planId)).toBe(before + 1);
    });

    it('an invitation by phone alone is allowed for invited roles, and a bad phone is refused on the single route too', async () => {
      const bad = await f.clients.coordinator.post(`/api/plans/${f.planId}/members`, { name: 'Nils', phone: '12', role: 'relative' });
      expect(bad.status).toBe(400);
      const none = await f.clients.coordinator.post(`/api/plans/${f.planId}/members`, { name: 'Nils', role: 'relative' });
      expect(none.status).toBe(400);
      const ok = await f.clients.coordinator.post(`/api/plans/${f.planId}/members`, {
        name: 'Nils Nabo',
        phone: '+47 412 34 567',
        role: 'relative',
      });
      expect(ok.status).toBe(201);
      expect(ok.body.invitationUrl).toMatch(/\/invitasjon\//);
      // The same number again is the same person.
      const again = await f.clients.coordinator.post(`/api/plans/${f.planId}/members`, {
        name: 'Nils N',
        phone: '41234567',
        role: 'relative',
      });
      expect(again.status).toBe(409);
    });
  });
});
