/**
 * The HTTP surface as a whole: bad input of every kind is a 4xx with a code and a message (never a
 * 500, never a partial write), the health check and the OpenAPI document are served, and every
 * route in that document refuses a caller without a token unless it is explicitly public.
 */
import { Client } from 'pg';
import { ApiClient, useTestApp, type ApiClient as Api, type TestResponse } from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';

/** The only routes a caller without a token may reach. Adding one here is a security decision. */
const PUBLIC_ROUTES = [
  // Logging in.
  'POST /api/auth/login',
  'POST /api/auth/refresh',
  'GET /api/auth/oidc/config',
  'GET /api/auth/oidc/start',
  'GET /api/auth/oidc/callback',
  // A forgotten password (the same answer whether or not the e-mail has an account) and its link.
  'POST /api/auth/password-reset',
  'POST /api/auth/password-reset/confirm',
  // Logging in with a passkey.
  'POST /api/auth/passkeys/login-options',
  'POST /api/auth/passkeys/login',
  // One-time invitation links: the token in the path is the credential.
  'GET /api/invitations/{token}',
  'POST /api/invitations/{token}/accept',
  'GET /health',
];
const LOGIN_ROUTES = PUBLIC_ROUTES.filter((r) => r.includes('/auth/') || r === 'GET /health');
const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const SOME_UUID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

function expectClientError(res: TestResponse, status: number, code: string): void {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
  expect(typeof res.body.message).toBe('string');
  expect(res.body.message.length).toBeGreaterThan(0);
}

describe('HTTP errors, health and the API document', () => {
  const app = useTestApp({ BODY_LIMIT: '4kb' });
  let admin: Api;

  beforeAll(async () => {
    admin = await app.login(demoAccount('fjordvik', 'systemkoordinator').email, DEMO_PASSWORD);
  });

  async function accountRows(email: string): Promise<number> {
    const db = new Client({ connectionString: app.databaseUrl });
    await db.connect();
    try {
      return (await db.query('SELECT 1 FROM accounts WHERE email = $1', [email])).rowCount ?? 0;
    } finally {
      await db.end();
    }
  }

  const valid = { email: 'ny.ansatt@fjordvik.example', name: 'Ny Ansatt', role: 'professional' };

  describe('bad input is a 4xx with a code and a message, and writes nothing', () => {
    it('refuses unknown fields, naming them', async () => {
      const res = await admin.post('/api/accounts', { ...valid, isAdmin: true, tenantId: SOME_UUID });
      expectClientError(res, 400, 'validation_failed');
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['isAdmin', 'tenantId']);
      expect(await accountRows(valid.email)).toBe(0);
    });

    it('refuses wrong types, field by field', async () => {
      const res = await admin.post('/api/accounts', { email: 42, name: ['Ny'], role: 'konge', phone: { n: 1 } });
      expectClientError(res, 400, 'validation_failed');
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['email', 'name', 'phone', 'role']);
    });

    it('refuses a body that is not an object', async () => {
      for (const body of ['[]', '"text"', '42', 'null']) {
        const res = await admin.request('POST', '/api/accounts', body);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(typeof res.body.code).toBe('string');
      }
      expect(await accountRows(valid.email)).toBe(0);
    });

    it('refuses a body over BODY_LIMIT with 413 payload_too_large', async () => {
      const res = await admin.post('/api/accounts', { ...valid, name: 'x'.repeat(8 * 1024) });
      expectClientError(res, 413, 'payload_too_large');
      expect(await accountRows(valid.email)).toBe(0);
    });

    it('refuses malformed JSON with 400 malformed_json', async () => {
      const res = await admin.request('POST', '/api/accounts', `{"email": "${valid.email}", "name": `);
      expectClientError(res, 400, 'malformed_json');
      expect(await accountRows(valid.email)).toBe(0);
    });

    it('refuses a malformed id in the path', async () => {
      expectClientError(await admin.get('/api/accounts/not-a-uuid'), 400, 'validation_failed');
      expectClientError(await admin.patch("/api/accounts/1' OR '1'='1", { name: 'x' }), 400, 'validation_failed');
    });

    it('refuses bad query parameters', async () => {
      expectClientError(await admin.get('/api/accounts?limit=abc'), 400, 'validation_failed');
      expectClientError(await admin.get('/api/accounts?limit=100000'), 400, 'validation_failed');
      expectClientError(await admin.get('/api/accounts?offset=-1'), 400, 'validation_failed');
      expectClientError(await admin.get('/api/accounts?sort=password_hash'), 400, 'validation_failed');
    });

    it('answers an unknown route with 404 not_found in the same body shape', async () => {
      expectClientError(await admin.get('/api/no-such-thing'), 404, 'not_found');
      expectClientError(await admin.delete('/api/accounts'), 404, 'not_found');
    });

    it('still accepts the same input once it is valid', async () => {
      expect((await admin.post('/api/accounts', valid)).status).toBe(201);
      expect(await accountRows(valid.email)).toBe(1);
    });
  });

  it('GET /health answers 200 with the database ok', async () => {
    const res = await app.client.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', checks: { database: { status: 'ok' } } });
  });

  describe('the OpenAPI document', () => {
    let paths: Record<string, Partial<Record<(typeof HTTP_METHODS)[number], unknown>>>;
    let routes: string[];

    beforeAll(async () => {
      const res = await app.client.get('/api/docs-json');
      expect(res.status).toBe(200);
      paths = res.body.paths;
      routes = Object.entries(paths).flatMap(([path, item]) =>
        HTTP_METHODS.filter((m) => item[m] !== undefined).map((m) => `${m.toUpperCase()} ${path}`),
      );
    });

    it('lists the routes', () => {
      expect(routes).toEqual(
        expect.arrayContaining([
          ...LOGIN_ROUTES,
          'POST /api/auth/logout',
          'GET /api/auth/me',
          'PATCH /api/me',
          'GET /api/accounts',
          'POST /api/accounts',
          'GET /api/accounts/{id}',
          'PATCH /api/accounts/{id}',
        ]),
      );
    });

    // Deny by default, proven: a new route is covered the moment it appears in the document.
    it('refuses every route without a token, except the explicitly public ones', async () => {
      const anonymous = app.client.anonymous();
      const forged = new ApiClient(app.api.url, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.forged');
      const reachable: string[] = [];
      for (const route of routes) {
        const [method, template] = route.split(' ');
        const path = template.replace(/\{[^}]+\}/g, SOME_UUID);
        const body = method === 'GET' || method === 'DELETE' ? undefined : {};
        const res = await anonymous.request(method, path, body);
        expect(res.status).toBeLessThan(500);
        if (res.status !== 401) {
          reachable.push(route);
          continue;
        }
        expect(res.body.code).toBe('unauthenticated');
        const bad = await forged.request(method, path, body);
        expect({ route, status: bad.status, code: bad.body.code }).toEqual({ route, status: 401, code: 'token_invalid' });
      }
      expect(reachable.filter((r) => !PUBLIC_ROUTES.includes(r))).toEqual([]);
      // And the list is not stale: each public route that exists is indeed reachable.
      expect(PUBLIC_ROUTES.filter((r) => routes.includes(r) && !reachable.includes(r))).toEqual([]);
      expect(routes.length).toBeGreaterThan(reachable.length);
    });
  });
});
