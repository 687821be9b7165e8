/**
 * Getting in (issue 17): a forgotten password by a link through a real SMTP server, my sessions
 * and "log out everywhere", changing my password, and the assurance level a session needs to read
 * plan content (per tenant), recorded on every audit entry and in "who has looked at my plan".
 */
import { Client } from 'pg';
import {
  ApiClient,
  connectSocket,
  emitWithAck,
  eventually,
  recipientOf,
  startSmtp,
  useTestApp,
  waitForEvent,
  type TestApp,
  type TestSmtp,
} from '#testing';
import type { RevokedNotice } from '#contracts';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';
import { createPlanFixture } from './fixtures/plan-fixture';

const PUBLIC_URL = 'https://fellesplan.test';
const NEW_PASSWORD = 'Nytt-og-langt-passord-2026';

/** Runs SQL on the test app's database (for what no route shows: hashes at rest, expiry). */
function sqlOn(app: TestApp) {
  return async <T>(text: string, params: unknown[] = []): Promise<T[]> => {
    const db = new Client({ connectionString: app.databaseUrl });
    await db.connect();
    try {
      return (await db.query(text, params)).rows as T[];
    } finally {
      await db.end();
    }
  };
}

describe('sign-in', () => {
  let smtp: TestSmtp;
  const env: Record<string, string> = { PUBLIC_URL };
  beforeAll(async () => {
    smtp = await startSmtp();
    env.SMTP_URL = smtp.url;
  });
  afterAll(async () => {
    await smtp.close();
  });
  const app = useTestApp(env);

  const sql = sqlOn(app);

  let counter = 0;
  let sk: ApiClient | undefined;
  async function newAccount(role = 'citizen', password = DEMO_PASSWORD): Promise<{ id: string; email: string }> {
    sk ??= await app.login(demoAccount('fjordvik', 'systemkoordinator').email, DEMO_PASSWORD);
    const email = `glemt.${process.pid}.${++counter}.${Date.now()}@fjordvik.example`;
    const res = await sk.post('/api/accounts', { email, name: 'Gunn Glemsk', role, password });
    expect(res.status).toBe(201);
    return { id: res.body.id, email };
  }

  /** The link in the newest reset mail to `email`, and its token (the fragment). */
  async function resetLink(email: string, after = 0): Promise<{ url: string; token: string }> {
    const mail = await eventually(async () => smtp.mails.filter((m) => recipientOf(m) === email)[after]);
    const url = /https:\/\/fellesplan\.test\/nytt-passord#[\w-]+/.exec(mail.text ?? '')?.[0];
    expect(url).toBeDefined();
    return { url: url!, token: url!.split('#')[1] };
  }

  describe('forgotten password', () => {
    it('answers the same for a known and an unknown address, and mails only the known one', async () => {
      const { email } = await newAccount();
      const known = await app.client.post('/api/auth/password-reset', { email });
      const unknown = await app.client.post('/api/auth/password-reset', { email: `ingen.${Date.now()}@fjordvik.example` });
      expect(known.status).toBe(202);
      expect(unknown.status).toBe(202);
      expect(unknown.body).toEqual(known.body);
      const { url } = await resetLink(email);
      expect(url.startsWith(`${PUBLIC_URL}/nytt-passord#`)).toBe(true);
      const mails = await eventually(async () => smtp.mails.filter((m) => recipientOf(m) === email));
      expect(mails[0].subject).toBe('Velg nytt passord i Fellesplan');
      // Only the token's hash is at rest.
      const rows = await sql<{ token_hash: string }>(
        'SELECT r.token_hash FROM password_resets r JOIN accounts a ON a.id = r.account_id WHERE a.email = $1',
        [email],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].token_hash).not.toContain(url.split('#')[1]);
      const audit = await sql<{ details: { outcome: string } }>(
        `SELECT details FROM audit_entries WHERE action = 'auth.password.reset.requested' ORDER BY id DESC LIMIT 2`,
      );
      expect(audit.map((a) => a.details.outcome).sort()).toEqual(['sent', 'unknown_email']);
    });

    it('sets a new password once; the link then fails, the old password fails and the new one works', async () => {
      const { email } = await newAccount();
      await app.client.post('/api/auth/password-reset', { email });
      const { token } = await resetLink(email);
      const set = await app.client.post('/api/auth/password-reset/confirm', { token, password: NEW_PASSWORD });
      expect(set.status).toBe(204);
      const again = await app.client.post('/api/auth/password-reset/confirm', { token, password: 'Et-annet-passord-2026' });
      expect(again.status).toBe(410);
      expect(again.body.code).toBe('reset_token_invalid');
      expect((await app.client.post('/api/auth/login', { email, password: DEMO_PASSWORD })).status).toBe(401);
      expect((await app.client.post('/api/auth/login', { email, password: NEW_PASSWORD })).status).toBe(200);
      const [entry] = await sql<{ action: string }>(
        `SELECT e.action FROM audit_entries e JOIN accounts a ON a.id = e.target_id::uuid
          WHERE a.email = $1 AND e.action = 'auth.password.reset'`,
        [email],
      );
      expect(entry).toBeDefined();
    });

    it('refuses an expired link and a made-up one', async () => {
      const { email, id } = await newAccount();
      await app.client.post('/api/auth/password-reset', { email });
      const { token } = await resetLink(email);
      await sql(`UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE account_id = $1`, [id]);
      const expired = await app.client.post('/api/auth/password-reset/confirm', { token, password: NEW_PASSWORD });
      expect(expired.status).toBe(410);
      const madeUp = await app.client.post('/api/auth/password-reset/confirm', { token: 'x'.repeat(43), password: NEW_PASSWORD });
      expect(madeUp.status).toBe(410);
      expect((await app.client.post('/api/auth/login', { email, password: DEMO_PASSWORD })).status).toBe(200);
    });

    it('refuses bad input with 400', async () => {
      expect((await app.client.post('/api/auth/password-reset', { email: 'ikke en adresse' })).status).toBe(400);
      expect((await app.client.post('/api/auth/password-reset/confirm', { token: 'kort', password: NEW_PASSWORD })).status).toBe(400);
      expect((await app.client.post('/api/auth/password-reset/confirm', { token: 'y'.repeat(43), password: 'kort' })).status).toBe(400);
    });

    it('sends at most three links an hour to one account, answering the same all the while', async () => {
      const { email } = await newAccount();
      const answers: { status: number; body: { message: string } }[] = [];
      for (let i = 0; i < 5; i++) answers.push(await app.client.post('/api/auth/password-reset', { email }));
      expect(answers.every((a) => a.status === 202 && a.body.message === answers[0].body.message)).toBe(true);
      await resetLink(email, 2);
      const rows = await sql('SELECT 1 FROM password_resets r JOIN accounts a ON a.id = r.account_id WHERE a.email = $1', [email]);
      expect(rows).toHaveLength(3);
    });

    it('ends every session: refresh tokens, access tokens and live sockets', async () => {
      const { email } = await newAccount();
      const session = await app.login(email, DEMO_PASSWORD);
      const socket = await connectSocket(app.api.url, session.accessToken);
      try {
        const told = waitForEvent(socket, 'plan:revoked', (n: RevokedNotice) => n.planId === null, 5000);
        const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
        await app.client.post('/api/auth/password-reset', { email });
        const { token } = await resetLink(email);
        expect((await app.client.post('/api/auth/password-reset/confirm', { token, password: NEW_PASSWORD })).status).toBe(204);
        expect(await told).toEqual({ planId: null, reason: 'signed_out' });
        await closed;
      } finally {
        socket.close();
      }
      expect((await session.get('/api/auth/me')).status).toBe(401);
      expect((await app.client.post('/api/auth/refresh', { refreshToken: session.refreshToken })).status).toBe(401);
    });
  });

  describe('my sessions', () => {
    it('lists my devices, marks this one, ends one, and logs out everywhere', async () => {
      const { email } = await newAccount();
      const phone = await app.login(email, DEMO_PASSWORD);
      const laptop = await app.login(email, DEMO_PASSWORD);
      const list = await laptop.get('/api/auth/sessions');
      expect(list.status).toBe(200);
      expect(list.body).toHaveLength(2);
      expect(list.body.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
      expect(list.body[0]).toMatchObject({ method: 'password', level: 'low' });
      const phoneId = (await phone.get('/api/auth/sessions')).body.find((s: { current: boolean }) => s.current).id;
      expect((await laptop.delete(`/api/auth/sessions/${phoneId}`)).status).toBe(204);
      expect((await app.client.post('/api/auth/refresh', { refreshToken: phone.refreshToken })).status).toBe(401);
      // Another account's session is not found.
      const other = await app.login(demoAccount('fjordvik', 'coordinator').email, DEMO_PASSWORD);
      const laptopId = list.body.find((s: { current: boolean }) => s.current).id;
      expect((await other.delete(`/api/auth/sessions/${laptopId}`)).status).toBe(404);

      expect((await laptop.post('/api/auth/logout-everywhere')).status).toBe(204);
      expect((await laptop.get('/api/auth/me')).status).toBe(401);
      expect((await app.client.post('/api/auth/refresh', { refreshToken: laptop.refreshToken })).status).toBe(401);
    });

    it('changes my password only with the current one, and ends my other sessions', async () => {
      const { email } = await newAccount();
      const other = await app.login(email, DEMO_PASSWORD);
      const me = await app.login(email, DEMO_PASSWORD);
      const wrong = await me.post('/api/auth/password', { currentPassword: 'feil', newPassword: NEW_PASSWORD });
      expect(wrong.status).toBe(401);
      const changed = await me.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD });
      expect(changed.status).toBe(200);
      const fresh = new ApiClient(app.api.url, changed.body.accessToken, changed.body.refreshToken);
      expect((await fresh.get('/api/auth/me')).status).toBe(200);
      expect((await other.get('/api/auth/me')).status).toBe(401);
      expect((await app.client.post('/api/auth/login', { email, password: NEW_PASSWORD })).status).toBe(200);
    });

    it('needs a login for every session route', async () => {
      for (const [method, path] of [
        ['GET', '/api/auth/sessions'],
        ['DELETE', `/api/auth/sessions/${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}`],
        ['POST', '/api/auth/logout-everywhere'],
        ['POST', '/api/auth/password'],
        ['GET', '/api/tenant/assurance-policy'],
        ['PUT', '/api/tenant/assurance-policy'],
      ] as const) {
        expect((await app.client.request(method, path, method === 'GET' ? undefined : {})).status).toBe(401);
      }
    });
  });
});

describe('assurance levels', () => {
  const app = useTestApp();
  const sql = sqlOn(app);
  const STRICT = { systemkoordinator: 'high', coordinator: 'high', professional: 'high', citizen: 'substantial' };
  const DEMO = { systemkoordinator: 'low', coordinator: 'low', professional: 'low', citizen: 'low' };

  it('only accounts.manage reads and sets the tenant policy, and a bad level is refused', async () => {
    const sk = await app.login(demoAccount('fjordvik', 'systemkoordinator').email, DEMO_PASSWORD);
    const coordinator = await app.login(demoAccount('fjordvik', 'coordinator').email, DEMO_PASSWORD);
    expect((await sk.get('/api/tenant/assurance-policy')).body).toEqual({ policy: DEMO });
    expect((await coordinator.get('/api/tenant/assurance-policy')).status).toBe(403);
    expect((await coordinator.put('/api/tenant/assurance-policy', { policy: DEMO })).status).toBe(403);
    expect((await sk.put('/api/tenant/assurance-policy', { policy: { ...DEMO, citizen: 'medium' } })).status).toBe(400);
    expect((await sk.put('/api/tenant/assurance-policy', { policy: { ...DEMO, extra: 'low' } })).status).toBe(400);
  });

  it('records the level on every plan read, shows it in the access log, and refuses a weaker session than the policy needs', async () => {
    const f = await createPlanFixture(app, 'Planen med nivå');
    expect((await f.clients.coordinator.get(`/api/plans/${f.planId}`)).status).toBe(200);
    const [read] = await sql<{ assurance: string }>(
      `SELECT assurance FROM audit_entries WHERE plan_id = $1 AND action = 'plan.read' ORDER BY id DESC LIMIT 1`,
      [f.planId],
    );
    expect(read.assurance).toBe('low');
    const log = await f.clients.person.get(`/api/plans/${f.planId}/access-log`);
    expect(log.body.items.find((r: { action: string }) => r.action === 'plan.read')).toMatchObject({ assurance: 'low' });

    const sk = f.clients.systemkoordinator;
    expect((await sk.put('/api/tenant/assurance-policy', { policy: STRICT })).status).toBe(200);
    try {
      // Takes effect with the next token: a fresh password login is below what staff and citizens need.
      const coordinator = await app.login(demoAccount('fjordvik', 'coordinator').email, DEMO_PASSWORD);
      const refused = await coordinator.get(`/api/plans/${f.planId}`);
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: 'assurance_too_low', details: { level: 'low', needed: 'high' } });
      expect(refused.body.message).toMatch(/HelseID|ID-porten/);
      const me = await coordinator.get('/api/auth/me');
      expect(me.body.session).toEqual({ method: 'password', level: 'low', needed: 'high' });
      const person = await app.login(demoAccount('fjordvik', 'citizen').email, DEMO_PASSWORD);
      expect((await person.get(`/api/plans/${f.planId}`)).body).toMatchObject({
        code: 'assurance_too_low',
        details: { needed: 'substantial' },
      });
      // Live too: joining the plan's room is a read.
      const socket = await connectSocket(app.api.url, coordinator.accessToken);
      try {
        const ack = await emitWithAck(socket, 'plan:join', { planId: f.planId });
        expect(ack).toMatchObject({ ok: false, error: { code: 'assurance_too_low' } });
      } finally {
        socket.close();
      }
    } finally {
      expect((await sk.put('/api/tenant/assurance-policy', { policy: DEMO })).status).toBe(200);
    }
  });
});
