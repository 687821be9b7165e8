import { Client } from 'pg';
import { eventually, useTestApp, type ApiClient } from '#testing';
import { DEMO_PASSWORD, DEMO_TENANTS, demoAccount } from '../src/database/seed/demo-accounts';

const fjordvikAdmin = demoAccount('fjordvik', 'systemkoordinator');
const nordoyAdmin = demoAccount('nordoy', 'systemkoordinator');
const fjordvikEmails = DEMO_TENANTS.find((t) => t.slug === 'fjordvik')!.accounts.map((a) => a.email);
const nordoyEmails = DEMO_TENANTS.find((t) => t.slug === 'nordoy')!.accounts.map((a) => a.email);
const PASSWORD = 'Et-langt-passord-2026';

describe('accounts', () => {
  const app = useTestApp();
  let fjordvik: ApiClient;
  let nordoy: ApiClient;

  beforeAll(async () => {
    fjordvik = await app.login(fjordvikAdmin.email, DEMO_PASSWORD);
    nordoy = await app.login(nordoyAdmin.email, DEMO_PASSWORD);
  });

  async function idOf(email: string): Promise<string> {
    const rows = await sql<{ id: string }>('SELECT id FROM accounts WHERE email = $1', [email]);
    return rows[0].id;
  }

  async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
    const db = new Client({ connectionString: app.databaseUrl });
    await db.connect();
    try {
      return (await db.query(text, params)).rows as T[];
    } finally {
      await db.end();
    }
  }

  /** Every page of GET /api/accounts, in order. */
  async function listAll(client: ApiClient, limit: number, filter = ''): Promise<{ email: string; tenantId: string }[]> {
    const all: { email: string; tenantId: string }[] = [];
    for (let offset = 0; ; offset += limit) {
      const res = await client.get(`/api/accounts?limit=${limit}&offset=${offset}${filter}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(limit);
      all.push(...res.body.items);
      if (offset + limit >= res.body.total) return all;
    }
  }

  describe('a systemkoordinator in their own tenant', () => {
    it('creates an account, stored with a lower-case e-mail, that can log in', async () => {
      const res = await fjordvik.post('/api/accounts', {
        email: 'Mari.Moe@Fjordvik.example',
        name: 'Mari Moe',
        role: 'professional',
        phone: '400 00 010',
        password: PASSWORD,
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ email: 'mari.moe@fjordvik.example', name: 'Mari Moe', role: 'professional', disabled: false });
      expect(res.body.tenantId).toBe((await fjordvik.get('/api/auth/me')).body.tenantId);
      expect(res.body).not.toHaveProperty('passwordHash');
      expect(res.body).not.toHaveProperty('pid');
      const mari = await app.login('mari.moe@fjordvik.example', PASSWORD);
      expect((await mari.get('/api/auth/me')).body.role).toBe('professional');
    });

    it('lists the accounts of the own tenant only, page by page, each exactly once', async () => {
      const first = await fjordvik.get('/api/accounts?limit=2');
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ limit: 2, offset: 0 });
      expect(first.body.items).toHaveLength(2);

      const all = await listAll(fjordvik, 2);
      expect(all).toHaveLength(first.body.total);
      const emails = all.map((a) => a.email);
      expect(new Set(emails).size).toBe(emails.length);
      expect(emails).toEqual(expect.arrayContaining(fjordvikEmails));
      expect(emails.filter((e) => nordoyEmails.includes(e))).toEqual([]);
      expect(new Set(all.map((a) => a.tenantId)).size).toBe(1);
    });

    it('filters the list by role and by a search text', async () => {
      const coordinators = await fjordvik.get('/api/accounts?role=coordinator');
      expect(coordinators.body.items.map((a: { email: string }) => a.email).sort()).toEqual(
        [demoAccount('fjordvik', 'coordinator').email, demoAccount('fjordvik', 'coordinator2').email].sort(),
      );
      const lund = await fjordvik.get('/api/accounts?q=lund');
      expect(lund.body.total).toBe(2);
      // Wildcards in the search text are taken literally.
      expect((await fjordvik.get('/api/accounts?q=%25')).body.total).toBe(0);
    });

    it('reads and updates an account', async () => {
      const id = await idOf(demoAccount('fjordvik', 'coordinator2').email);
      const read = await fjordvik.get(`/api/accounts/${id}`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id, name: 'Ola Berg', role: 'coordinator' });

      const updated = await fjordvik.patch(`/api/accounts/${id}`, { name: 'Ola Bergheim', phone: '400 00 099', role: 'professional' });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ id, name: 'Ola Bergheim', phone: '400 00 099', role: 'professional' });
      expect((await fjordvik.get(`/api/accounts/${id}`)).body).toMatchObject({ name: 'Ola Bergheim', role: 'professional' });
    });

    it('disables an account: it cannot log in, and its access token and refresh token stop working at once', async () => {
      const target = demoAccount('fjordvik', 'professional');
      const session = await app.login(target.email, DEMO_PASSWORD);
      expect((await session.get('/api/auth/me')).status).toBe(200);

      const res = await fjordvik.patch(`/api/accounts/${await idOf(target.email)}`, { disabled: true });
      expect(res.status).toBe(200);
      expect(res.body.disabled).toBe(true);

      const me = await session.get('/api/auth/me');
      expect(me.status).toBe(401);
      expect(me.body.code).toBe('account_disabled');
      const login = await app.client.post('/api/auth/login', { email: target.email, password: DEMO_PASSWORD });
      expect(login.status).toBe(403);
      expect(login.body.code).toBe('account_disabled');
      // 403 account_disabled, or 401 once the sessions are revoked (which follows the disabling): never a new token.
      const refresh = await app.client.post('/api/auth/refresh', { refreshToken: session.refreshToken });
      expect([401, 403]).toContain(refresh.status);
      expect(refresh.body.accessToken).toBeUndefined();
    });

    it('ends every session of a disabled account, so enabling it again does not revive them', async () => {
      const target = demoAccount('fjordvik', 'coordinator');
      const id = await idOf(target.email);
      const session = await app.login(target.email, DEMO_PASSWORD);
      expect((await fjordvik.patch(`/api/accounts/${id}`, { disabled: true })).status).toBe(200);
      await eventually(async () => {
        const open = await sql('SELECT 1 FROM refresh_tokens WHERE account_id = $1 AND revoked_at IS NULL', [id]);
        return open.length === 0;
      });
      expect((await fjordvik.patch(`/api/accounts/${id}`, { disabled: false })).body.disabled).toBe(false);

      const refresh = await app.client.post('/api/auth/refresh', { refreshToken: session.refreshToken });
      expect(refresh.status).toBe(401);
      expect(refresh.body.code).toBe('token_invalid');
      expect((await app.login(target.email, DEMO_PASSWORD)).accessToken).toBeTruthy();
      // An ended session is not mistaken for a stolen token.
      expect(await sql(`SELECT 1 FROM audit_entries WHERE action = 'auth.refresh.reused' AND actor_account_id = $1`, [id])).toEqual([]);
    });

    it('cannot disable themselves or change their own role', async () => {
      const own = await idOf(fjordvikAdmin.email);
      expect((await fjordvik.patch(`/api/accounts/${own}`, { disabled: true })).status).toBe(400);
      expect((await fjordvik.patch(`/api/accounts/${own}`, { role: 'citizen' })).status).toBe(400);
      expect((await fjordvik.get('/api/auth/me')).body).toMatchObject({ role: 'systemkoordinator', disabled: false });
    });

    it('audits account creation and changes', async () => {
      const rows = await sql<{ action: string }>(
        `SELECT DISTINCT action FROM audit_entries WHERE actor_account_id = $1 AND action LIKE 'account.%'`,
        [await idOf(fjordvikAdmin.email)],
      );
      expect(rows.map((r) => r.action).sort()).toEqual(['account.create', 'account.update']);
    });
  });

  describe('duplicates', () => {
    it('refuses an e-mail that is taken, whatever its case, with 409', async () => {
      const res = await fjordvik.post('/api/accounts', {
        email: demoAccount('fjordvik', 'citizen').email.toUpperCase(),
        name: 'X',
        role: 'citizen',
      });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('already_exists');
    });

    it('creates exactly one account when the same e-mail is submitted concurrently', async () => {
      // With a password the check and the insert are a hash apart: a real race, which the unique index settles.
      const body = { email: 'samtidig@fjordvik.example', name: 'Samtidig', role: 'citizen', password: PASSWORD };
      const results = await Promise.all(Array.from({ length: 6 }, () => fjordvik.post('/api/accounts', body)));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      expect(await sql('SELECT 1 FROM accounts WHERE email = $1', [body.email])).toHaveLength(1);
    });
  });

  describe('only a systemkoordinator manages accounts', () => {
    const endpoints: [string, (c: ApiClient, id: string) => Promise<{ status: number; body: { code: string } }>][] = [
      ['list', (c) => c.get('/api/accounts')],
      ['create', (c) => c.post('/api/accounts', { email: 'ny.person@fjordvik.example', name: 'Ny Person', role: 'systemkoordinator' })],
      ['read', (c, id) => c.get(`/api/accounts/${id}`)],
      ['update', (c, id) => c.patch(`/api/accounts/${id}`, { role: 'systemkoordinator' })],
    ];
    const roles = ['coordinator2', 'professional', 'citizen', 'relative'].map((key) => demoAccount('fjordvik', key));

    it.each(roles.flatMap((account) => endpoints.map(([name, call]) => [account.role, account.key, name, call] as const)))(
      '%s (%s) gets 403 on %s',
      async (_role, key, _name, call) => {
        const account = demoAccount('fjordvik', key);
        // Earlier tests may have changed roles or disabled accounts; restore this one first.
        const id = await idOf(account.email);
        await fjordvik.patch(`/api/accounts/${id}`, { role: account.role, disabled: false });
        const client = await app.login(account.email, DEMO_PASSWORD);
        const res = await call(client, await idOf(fjordvikAdmin.email));
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('forbidden');
      },
    );

    it('left no account behind from the refused creations, and no role changed', async () => {
      expect(await sql('SELECT 1 FROM accounts WHERE email = $1', ['ny.person@fjordvik.example'])).toHaveLength(0);
      expect((await fjordvik.get('/api/accounts?role=systemkoordinator')).body.total).toBe(1);
    });
  });

  describe('tenant isolation', () => {
    it('never lists another tenant’s accounts', async () => {
      const emails = (await listAll(nordoy, 50)).map((a) => a.email);
      expect(emails.sort()).toEqual([...nordoyEmails].sort());
      expect((await nordoy.get(`/api/accounts?q=${encodeURIComponent('fjordvik')}`)).body.total).toBe(0);
    });

    it.each(DEMO_TENANTS[0].accounts.map((a) => [a.key, a.email] as const))(
      'answers 404 and no data when nordoy’s systemkoordinator reads or changes fjordvik’s %s',
      async (_key, email) => {
        const id = await idOf(email);
        const before = await sql<{ name: string; role: string; disabled_at: Date | null }>(
          'SELECT name, role, disabled_at FROM accounts WHERE id = $1',
          [id],
        );
        const read = await nordoy.get(`/api/accounts/${id}`);
        const update = await nordoy.patch(`/api/accounts/${id}`, { name: 'Overtatt', role: 'citizen', disabled: true });
        for (const res of [read, update]) {
          expect(res.status).toBe(404);
          expect(res.body).toEqual({ statusCode: 404, code: 'not_found', message: 'Account was not found' });
        }
        expect(await sql('SELECT name, role, disabled_at FROM accounts WHERE id = $1', [id])).toEqual(before);
      },
    );
  });

  describe('the own profile', () => {
    it('lets any account change its own name and language, and nothing else', async () => {
      const citizen = await app.login(demoAccount('fjordvik', 'relative').email, DEMO_PASSWORD);
      const res = await citizen.patch('/api/me', { name: 'Jonas A. Lund', locale: 'en' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: 'Jonas A. Lund', locale: 'en', role: 'citizen' });
      const escalate = await citizen.patch('/api/me', { role: 'systemkoordinator' });
      expect(escalate.status).toBe(400);
      expect((await citizen.get('/api/auth/me')).body.role).toBe('citizen');
    });

    it('accepts an empty change', async () => {
      const citizen = await app.login(demoAccount('fjordvik', 'relative').email, DEMO_PASSWORD);
      const res = await citizen.patch('/api/me', {});
      expect(res.status).toBe(200);
    });
  });
  // Last: it adds an account to nordoy, which the isolation tests above list exactly.
  describe('an e-mail is unique within a municipality, not across them', () => {
    it('an address used in another municipality is no obstacle and no tell; the password picks the account', async () => {
      const email = `to.kommuner.${Date.now()}@fjordvik.example`;
      const other = 'Et-annet-passord-2026';
      expect((await fjordvik.post('/api/accounts', { email, name: 'Tove To', role: 'professional', password: PASSWORD })).status).toBe(201);
      const res = await nordoy.post('/api/accounts', { email, name: 'Tove To', role: 'professional', password: other });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ email, tenantId: (await nordoy.get('/api/auth/me')).body.tenantId });
      expect((await (await app.login(email, other)).get('/api/auth/me')).body.tenantName).toBe('Nordøy kommune');
      expect((await (await app.login(email, PASSWORD)).get('/api/auth/me')).body.tenantName).toBe('Fjordvik kommune');
      // Within one municipality the address is taken.
      expect((await nordoy.post('/api/accounts', { email: email.toUpperCase(), name: 'Tove To', role: 'citizen' })).status).toBe(409);
    });
  });
});
