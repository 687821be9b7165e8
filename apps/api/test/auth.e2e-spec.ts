import { ApiClient, useTestApp } from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';

const coordinator = demoAccount('fjordvik', 'coordinator');

describe('auth', () => {
  const app = useTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_LOCKOUT_SECONDS: '60' });

  it('logs in with the right password and tells who I am', async () => {
    const me = await app.login(coordinator.email, DEMO_PASSWORD);
    const res = await me.get('/api/auth/me');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email: coordinator.email, role: 'coordinator', tenantName: 'Fjordvik kommune' });
    expect(res.body.passwordHash).toBeUndefined();
  });

  it('refuses a wrong password and an unknown e-mail alike', async () => {
    const wrong = await app.client.post('/api/auth/login', { email: demoAccount('fjordvik', 'professional').email, password: 'nope' });
    const unknown = await app.client.post('/api/auth/login', { email: 'ingen@fjordvik.example', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual({ statusCode: 401, code: 'invalid_credentials', message: 'Wrong e-mail or password' });
    expect(unknown.body).toEqual(wrong.body);
  });

  it('locks an account after repeated failures, even for the right password, and audits it', async () => {
    const target = demoAccount('fjordvik', 'relative');
    for (let i = 0; i < 3; i++) {
      expect((await app.client.post('/api/auth/login', { email: target.email, password: `feil-${i}` })).status).toBe(401);
    }
    const locked = await app.client.post('/api/auth/login', { email: target.email, password: DEMO_PASSWORD });
    expect(locked.status).toBe(423);
    expect(locked.body.code).toBe('account_locked');
    expect(locked.body.details.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('locks an unknown e-mail after the same failures, with the same answer: no tell whether an account exists', async () => {
    const known = demoAccount('nordoy', 'coordinator').email;
    const unknown = `ingen.konto.${Date.now()}@fjordvik.example`;
    const answers: Record<string, { status: number; body: unknown }[]> = { [known]: [], [unknown]: [] };
    for (const email of [known, unknown]) {
      for (let i = 0; i < 4; i++) {
        const res = await app.client.post('/api/auth/login', { email, password: `feil-${i}` });
        answers[email].push({ status: res.status, body: { ...res.body, details: res.body.details && { retryAfterSeconds: 'n' } } });
      }
    }
    expect(answers[unknown].map((a) => a.status)).toEqual([401, 401, 401, 423]);
    expect(answers[unknown]).toEqual(answers[known]);
  });

  it('rotates refresh tokens, and a reused one revokes the whole family', async () => {
    const session = await app.login(demoAccount('fjordvik', 'coordinator2').email, DEMO_PASSWORD);
    const first = await app.client.post('/api/auth/refresh', { refreshToken: session.refreshToken });
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(session.refreshToken);
    const second = await app.client.post('/api/auth/refresh', { refreshToken: first.body.refreshToken });
    expect(second.status).toBe(200);

    const reuse = await app.client.post('/api/auth/refresh', { refreshToken: session.refreshToken });
    expect(reuse.status).toBe(401);
    expect(reuse.body.code).toBe('refresh_token_reused');
    // The newest token of the family is dead too: the thief and the owner both log in again.
    const newest = await app.client.post('/api/auth/refresh', { refreshToken: second.body.refreshToken });
    expect(newest.status).toBe(401);
  });

  it('logout revokes the refresh token', async () => {
    const session = await app.login(demoAccount('fjordvik', 'citizen').email, DEMO_PASSWORD);
    expect((await session.post('/api/auth/logout', { refreshToken: session.refreshToken })).status).toBe(204);
    const after = await app.client.post('/api/auth/refresh', { refreshToken: session.refreshToken });
    expect(after.status).toBe(401);
  });

  it('answers bad, expired-looking and missing tokens with 401 and a clear code', async () => {
    expect((await app.client.get('/api/auth/me')).body.code).toBe('unauthenticated');
    const garbage = await new ApiClient(app.api.url, 'not.a.jwt').get('/api/auth/me');
    expect(garbage.status).toBe(401);
    expect(garbage.body.code).toBe('token_invalid');
    const { createHmac } = await import('node:crypto');
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const me = await app.login(coordinator.email, DEMO_PASSWORD);
    const claims = JSON.parse(Buffer.from(me.accessToken!.split('.')[1], 'base64url').toString());
    const head = b64({ alg: 'HS256', typ: 'JWT' });
    const body = b64({ ...claims, iat: 1, exp: 2 });
    const sig = createHmac('sha256', 'test-secret-that-is-long-enough-for-hs256-0123456789').update(`${head}.${body}`).digest('base64url');
    const expired = await new ApiClient(app.api.url, `${head}.${body}.${sig}`).get('/api/auth/me');
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('token_expired');
  });

  it('audits login success and failure', async () => {
    const admin = await app.login(demoAccount('fjordvik', 'systemkoordinator').email, DEMO_PASSWORD);
    const { Client } = await import('pg');
    const db = new Client({ connectionString: app.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ action: string; n: number }>(
        `SELECT action, count(*)::int AS n FROM audit_entries WHERE action LIKE 'auth.login.%' GROUP BY action`,
      );
      const counts = Object.fromEntries(rows.map((r) => [r.action, r.n]));
      expect(counts['auth.login.succeeded']).toBeGreaterThanOrEqual(4);
      expect(counts['auth.login.failed']).toBeGreaterThanOrEqual(5);
      await expect(db.query('DELETE FROM audit_entries')).rejects.toThrow(/append-only/);
    } finally {
      await db.end();
    }
    expect(admin.accessToken).toBeTruthy();
  });
});
