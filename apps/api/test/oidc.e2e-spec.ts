/**
 * OpenID Connect login against a real OpenID Provider (oidc-provider, in its own process, see
 * support/oidc-test-provider.mjs), driven like a browser: plain fetch, redirects followed by
 * hand, cookies carried per origin.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { API_MAIN, ApiClient, freePort, REPO_ROOT, TEST_JWT_SECRET, useTestApp, type TestApp } from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';

const aina = demoAccount('fjordvik', 'citizen');
const jonas = demoAccount('fjordvik', 'relative');
const per = demoAccount('fjordvik', 'professional');
const CLIENT_ID = 'fellesplan-test';
const CLIENT_SECRET = 'oidc-test-client-secret-0123456789';
/** A second client, set up as HelseID sets up its clients: private_key_jwt only, pid under HelseID's claim name. */
const HELSEID_CLIENT_ID = 'fellesplan-helseid-test';
const HELSEID_PID = 'helseid://claims/identity/pid';
const HELSEID_SCOPES = 'openid profile helseid://scopes/identity/pid';

/** An RSA key pair as JWKs: the public half for the provider's client registration, the private half for the api. */
function rsaJwkPair(kid: string): { publicJwk: JsonWebKey; privateJwk: JsonWebKey } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' },
    privateJwk: { ...privateKey.export({ format: 'jwk' }), kid },
  };
}
const helseIdKey = rsaJwkPair('fellesplan-helseid-2026');
/** Another key under the same kid: the provider must check the signature, not just the kid. */
const wrongKey = rsaJwkPair('fellesplan-helseid-2026');

/** Fictional people as the provider knows them, by subject. */
type Claims = Record<string, string | boolean>;
const IDENTITIES: Record<string, Claims> = {
  'sub-aina': { email: aina.email, email_verified: true, name: aina.name },
  'sub-aina-second': { email: aina.email, email_verified: true, name: aina.name },
  'sub-jonas': { email: jonas.email, email_verified: false, name: jonas.name, pid: jonas.pid! },
  'sub-per': { email: per.email, email_verified: true, name: per.name },
  'sub-stranger': { email: 'kim.fremmed@example.test', email_verified: true, name: 'Kim Fremmed', pid: '31129954321' },
  // HelseID-style: the national identity number under HelseID's claim name. The plain pid beside it
  // is a decoy: with OIDC_PID_CLAIM set, only the configured claim may link.
  'sub-helse-aina': { name: aina.name, [HELSEID_PID]: aina.pid!, pid: jonas.pid! },
  'sub-helse-plain-pid': { name: aina.name, pid: aina.pid! },
};

/** A minimal browser: one cookie jar per origin, redirects followed by the caller. */
class Browser {
  private readonly jar = new Map<string, Map<string, string>>();

  async get(url: string): Promise<Response> {
    const { origin } = new URL(url);
    const cookies = [...(this.jar.get(origin) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, { redirect: 'manual', headers: cookies ? { cookie: cookies } : {} });
    const jar = this.jar.get(origin) ?? new Map<string, string>();
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    this.jar.set(origin, jar);
    return res;
  }
}

function locationOf(res: Response, base: string): string {
  const location = res.headers.get('location');
  if (!location || res.status < 300 || res.status >= 400) throw new Error(`expected a redirect, got ${res.status}: ${location}`);
  return new URL(location, base).href;
}

interface LoginAttempt {
  /** The provider's redirect back to the api: code, state and iss in the query. */
  callbackUrl: string;
  /** Where the api finally sent the browser (relative to the api). */
  final: URL;
}

/** Walks the whole flow in a fresh browser: start → provider → log in as `subject` → callback. */
async function loginAs(
  apiUrl: string,
  subject: string,
  options: { returnTo?: string; abort?: boolean; acr?: string } = {},
): Promise<LoginAttempt> {
  const browser = new Browser();
  const callbackUrl = await reachCallback(browser, apiUrl, subject, options);
  const res = await browser.get(callbackUrl);
  return { callbackUrl, final: new URL(locationOf(res, apiUrl)) };
}

async function reachCallback(
  browser: Browser,
  apiUrl: string,
  subject: string,
  { returnTo = '/', abort = false, acr }: { returnTo?: string; abort?: boolean; acr?: string } = {},
): Promise<string> {
  const start = await browser.get(`${apiUrl}/api/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`);
  const authorize = locationOf(start, apiUrl);
  const interaction = locationOf(await browser.get(authorize), authorize);
  const step = abort
    ? `${interaction}/abort`
    : `${interaction}/login?subject=${encodeURIComponent(subject)}${acr ? `&acr=${encodeURIComponent(acr)}` : ''}`;
  const resume = locationOf(await browser.get(step), interaction);
  return locationOf(await browser.get(resume), resume);
}

function tokensFrom(final: URL): URLSearchParams {
  expect(final.pathname).toBe('/login/callback');
  expect(final.search).toBe('');
  return new URLSearchParams(final.hash.slice(1));
}

/** Runs `fn` while the provider says `claims` about `subject` (it reads the file on every request). */
async function withIdentity<T>(subject: string, claims: Claims, fn: () => Promise<T>): Promise<T> {
  writeFileSync(identitiesFile, JSON.stringify({ ...IDENTITIES, [subject]: claims }));
  try {
    return await fn();
  } finally {
    writeFileSync(identitiesFile, JSON.stringify(IDENTITIES));
  }
}

async function query<T>(app: TestApp, sql: string, params: unknown[] = []): Promise<T[]> {
  const db = new Client({ connectionString: app.databaseUrl });
  await db.connect();
  try {
    return (await db.query(sql, params)).rows as T[];
  } finally {
    await db.end();
  }
}

// The provider must know the api's redirect URIs and the api must know the provider's issuer,
// so ports are chosen first; useTestApp reads its env object when its own beforeAll runs.
let provider: ChildProcess | undefined;
let issuer = '';
let identitiesFile = '';
const byEmailEnv: Record<string, string> = {};
const byPidEnv: Record<string, string> = {};
const helseIdEnv: Record<string, string> = {};
const wrongKeyEnv: Record<string, string> = {};

beforeAll(async () => {
  const [providerPort, byEmailPort, byPidPort, helseIdPort, wrongKeyPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  issuer = `http://127.0.0.1:${providerPort}`;
  identitiesFile = join(mkdtempSync(join(tmpdir(), 'fellesplan-oidc-')), 'identities.json');
  writeFileSync(identitiesFile, JSON.stringify(IDENTITIES));
  const callback = (port: number) => `http://127.0.0.1:${port}/api/auth/oidc/callback`;
  const clients = [
    {
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uris: [byEmailPort, byPidPort].map(callback),
      token_endpoint_auth_method: 'client_secret_post',
    },
    {
      client_id: HELSEID_CLIENT_ID,
      redirect_uris: [helseIdPort, wrongKeyPort].map(callback),
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'RS256',
      jwks: { keys: [helseIdKey.publicJwk] },
    },
  ];
  provider = await startProvider(providerPort, clients, identitiesFile);
  const common = (port: number) => ({
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    OIDC_ISSUER: issuer,
    OIDC_ALLOW_INSECURE: 'true',
  });
  // ID-porten-like, with a client secret sent in the body (the default when a secret is set).
  for (const [env, port, claim] of [
    [byEmailEnv, byEmailPort, 'email'],
    [byPidEnv, byPidPort, 'pid'],
  ] as const) {
    Object.assign(env, {
      ...common(port),
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_LINK_CLAIM: claim,
      OIDC_BUTTON_LABEL: 'ID-porten',
    });
  }
  // HelseID-like: private_key_jwt, pid under HelseID's claim name; once with the right key, once with another.
  for (const [env, port, key] of [
    [helseIdEnv, helseIdPort, helseIdKey.privateJwk],
    [wrongKeyEnv, wrongKeyPort, wrongKey.privateJwk],
  ] as const) {
    Object.assign(env, {
      ...common(port),
      OIDC_CLIENT_ID: HELSEID_CLIENT_ID,
      OIDC_TOKEN_AUTH_METHOD: 'private_key_jwt',
      OIDC_PRIVATE_KEY: JSON.stringify(key),
      OIDC_LINK_CLAIM: 'pid',
      OIDC_PID_CLAIM: HELSEID_PID,
      OIDC_SCOPES: HELSEID_SCOPES,
      OIDC_BUTTON_LABEL: 'HelseID',
    });
  }
}, 30_000);

afterAll(async () => {
  if (provider && provider.exitCode === null) {
    const exited = new Promise((r) => provider!.once('exit', r));
    provider.kill('SIGTERM');
    await exited;
  }
  if (identitiesFile) rmSync(dirname(identitiesFile), { recursive: true, force: true });
});

function startProvider(port: number, clients: object[], identities: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'apps', 'api', 'test', 'support', 'oidc-test-provider.mjs')], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      OIDC_TEST_PORT: String(port),
      OIDC_TEST_CLIENTS: JSON.stringify(clients),
      OIDC_TEST_IDENTITIES: identities,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`OIDC provider did not start within 15 s:\n${output}`)), 15_000);
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('listening')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`OIDC provider exited with ${code}:\n${output}`));
    });
  });
}

describe('OIDC login linked by verified e-mail', () => {
  const app = useTestApp(byEmailEnv);

  it('tells the web app to show the login button', async () => {
    const res = await app.client.get('/api/auth/oidc/config');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ enabled: true, label: 'ID-porten' });
  });

  it('starts with PKCE, state and nonce, and binds the login to the browser with an httpOnly cookie', async () => {
    const res = await fetch(`${app.api.url}/api/auth/oidc/start?returnTo=%2Fplans`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const authorize = new URL(res.headers.get('location')!);
    expect(authorize.origin).toBe(issuer);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      client_id: CLIENT_ID,
      response_type: 'code',
      redirect_uri: `${app.api.url}/api/auth/oidc/callback`,
      code_challenge_method: 'S256',
      scope: 'openid profile email',
    });
    for (const p of ['state', 'nonce', 'code_challenge']) expect(authorize.searchParams.get(p)).toMatch(/^[\w-]{20,}$/);
    const cookie = res.headers.getSetCookie().join('\n');
    expect(cookie).toMatch(/^fp_oidc=[\w-]+;/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/api\/auth\/oidc/);
    // The verifier stays on the server: the URL carries only its hash.
    expect(authorize.searchParams.has('code_verifier')).toBe(false);
  });

  it('links a verified e-mail to the account on first login and hands over working tokens in the fragment', async () => {
    const { final } = await loginAs(app.api.url, 'sub-aina', { returnTo: '/plans?tab=mine' });
    const tokens = tokensFrom(final);
    expect(tokens.get('returnTo')).toBe('/plans?tab=mine');
    expect(Number(tokens.get('expiresIn'))).toBeGreaterThan(0);

    const me = await new ApiClient(app.api.url, tokens.get('accessToken')!).get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: aina.email, name: aina.name, role: 'citizen' });
    const refreshed = await app.client.post('/api/auth/refresh', { refreshToken: tokens.get('refreshToken') });
    expect(refreshed.status).toBe(200);

    const [row] = await query<{ oidc_issuer: string; oidc_subject: string }>(
      app,
      'SELECT oidc_issuer, oidc_subject FROM accounts WHERE email = $1',
      [aina.email],
    );
    expect(row).toEqual({ oidc_issuer: issuer, oidc_subject: 'sub-aina' });
    const audit = await query<{ action: string }>(
      app,
      `SELECT action FROM audit_entries WHERE actor_account_id = (SELECT id FROM accounts WHERE email = $1)
         AND (action = 'auth.oidc.linked' OR (action = 'auth.login.succeeded' AND details->>'method' = 'idporten'))`,
      [aina.email],
    );
    expect(audit.map((a) => a.action).sort()).toEqual(['auth.login.succeeded', 'auth.oidc.linked']);
  });

  it('recognises a linked identity by issuer and subject, whatever its e-mail says later', async () => {
    await loginAs(app.api.url, 'sub-aina');
    // Even an unverified, different e-mail: the link, made once from a verified claim, is what counts.
    const attempt = await withIdentity('sub-aina', { email: 'aina.ny@example.test', email_verified: false }, () =>
      loginAs(app.api.url, 'sub-aina'),
    );
    const me = await new ApiClient(app.api.url, tokensFrom(attempt.final).get('accessToken')!).get('/api/auth/me');
    expect(me.body.email).toBe(aina.email);
  });

  it('refuses an unverified e-mail and links nothing', async () => {
    const { final } = await loginAs(app.api.url, 'sub-jonas');
    expect(final.pathname + final.search).toBe('/login?error=oidc_unverified');
    expect(final.hash).toBe('');
    const [row] = await query<{ oidc_subject: string | null }>(app, 'SELECT oidc_subject FROM accounts WHERE email = $1', [jonas.email]);
    expect(row.oidc_subject).toBeNull();
  });

  it('refuses an identity that matches no account', async () => {
    const { final } = await loginAs(app.api.url, 'sub-stranger');
    expect(final.pathname + final.search).toBe('/login?error=oidc_no_account');
  });

  it('refuses a second identity with the e-mail of an account already linked to another', async () => {
    await loginAs(app.api.url, 'sub-aina');
    const { final } = await loginAs(app.api.url, 'sub-aina-second');
    expect(final.pathname + final.search).toBe('/login?error=oidc_no_account');
    const [row] = await query<{ oidc_subject: string }>(app, 'SELECT oidc_subject FROM accounts WHERE email = $1', [aina.email]);
    expect(row.oidc_subject).toBe('sub-aina');
  });

  it('refuses a bad state, and a state used twice', async () => {
    const browser = new Browser();
    const callbackUrl = await reachCallback(browser, app.api.url, 'sub-aina');
    const tampered = new URL(callbackUrl);
    tampered.searchParams.set('state', 'not-the-state-we-sent-0123456789');
    expect(new URL(locationOf(await browser.get(tampered.href), app.api.url)).search).toBe('?error=oidc_failed');
    const missing = new URL(callbackUrl);
    missing.searchParams.delete('state');
    expect(new URL(locationOf(await browser.get(missing.href), app.api.url)).search).toBe('?error=oidc_failed');

    const first = new URL(locationOf(await browser.get(callbackUrl), app.api.url));
    expect(tokensFrom(first).get('accessToken')).toBeTruthy();
    const replay = new URL(locationOf(await browser.get(callbackUrl), app.api.url));
    expect(replay.pathname + replay.search).toBe('/login?error=oidc_failed');
  });

  it('refuses a callback opened in another browser than the one that started the login', async () => {
    const callbackUrl = await reachCallback(new Browser(), app.api.url, 'sub-aina');
    const elsewhere = new URL(locationOf(await new Browser().get(callbackUrl), app.api.url));
    expect(elsewhere.pathname + elsewhere.search).toBe('/login?error=oidc_failed');
  });

  it('comes back with a clear error when the person cancels at the provider', async () => {
    const { final } = await loginAs(app.api.url, 'sub-aina', { abort: true });
    expect(final.pathname + final.search).toBe('/login?error=oidc_failed');
  });

  it.each(['https://evil.example/plans', '//evil.example', '/\\evil.example', 'javascript:alert(1)', 'plans'])(
    'refuses returnTo %p (no open redirect)',
    async (returnTo) => {
      const res = await fetch(`${app.api.url}/api/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`, { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(res.headers.getSetCookie()).toEqual([]);
      expect(((await res.json()) as { code: string }).code).toBe('validation_failed');
    },
  );

  it('audits each refusal with its reason', async () => {
    const rows = await query<{ reason: string }>(
      app,
      `SELECT DISTINCT details->>'reason' AS reason FROM audit_entries
        WHERE action = 'auth.login.failed' AND details->>'method' = 'oidc'`,
    );
    expect(rows.map((r) => r.reason)).toEqual(
      expect.arrayContaining([
        'email_not_verified',
        'no_matching_account',
        'linked_to_other_identity',
        'unknown_state',
        'missing_state',
        'browser_mismatch',
        'provider:access_denied',
      ]),
    );
  });

  it('refuses a disabled account', async () => {
    const admin = await app.login(demoAccount('fjordvik', 'systemkoordinator').email, DEMO_PASSWORD);
    const [{ id }] = await query<{ id: string }>(app, 'SELECT id FROM accounts WHERE email = $1', [aina.email]);
    expect((await admin.patch(`/api/accounts/${id}`, { disabled: true })).status).toBe(200);
    const { final } = await loginAs(app.api.url, 'sub-aina');
    expect(final.pathname + final.search).toBe('/login?error=account_disabled');
  });
});

describe("OIDC login against the tenant's assurance policy (acr)", () => {
  const app = useTestApp(byEmailEnv);
  const STRICT = { systemkoordinator: 'high', coordinator: 'high', professional: 'high', citizen: 'substantial' };

  beforeAll(async () => {
    const admin = await app.login(demoAccount('fjordvik', 'systemkoordinator').email, DEMO_PASSWORD);
    expect((await admin.put('/api/tenant/assurance-policy', { policy: STRICT })).status).toBe(200);
  });

  // Each acr the provider may return, against a citizen (needs substantial) and a professional (needs high).
  it.each([
    ['sub-aina', 'citizen', undefined, null],
    ['sub-aina', 'citizen', 'idporten-loa-low', null],
    ['sub-aina', 'citizen', 'idporten-loa-substantial', 'substantial'],
    ['sub-aina', 'citizen', 'idporten-loa-high', 'high'],
    ['sub-per', 'professional', undefined, null],
    ['sub-per', 'professional', 'idporten-loa-low', null],
    ['sub-per', 'professional', 'idporten-loa-substantial', null],
    ['sub-per', 'professional', 'idporten-loa-high', 'high'],
  ] as const)('%s (%s) with acr %s: logged in at %s', async (subject, role, acr, level) => {
    const { final } = await loginAs(app.api.url, subject, acr ? { acr } : {});
    if (level === null) {
      expect(final.pathname + final.search).toBe('/login?error=oidc_assurance_too_low');
      expect(final.hash).toBe('');
      const [entry] = await query<{ details: { reason: string } }>(
        app,
        `SELECT details FROM audit_entries WHERE action = 'auth.login.failed' ORDER BY id DESC LIMIT 1`,
      );
      expect(entry.details.reason).toBe(`acr_below_required:${acr === 'idporten-loa-substantial' ? 'substantial' : 'low'}<${STRICT[role]}`);
      return;
    }
    const me = await new ApiClient(app.api.url, tokensFrom(final).get('accessToken')!).get('/api/auth/me');
    expect(me.body).toMatchObject({ role, session: { method: 'idporten', level, needed: STRICT[role] } });
    // The level survives a refresh: it belongs to the session, not to one token.
    const refreshed = await app.client.post('/api/auth/refresh', { refreshToken: tokensFrom(final).get('refreshToken') });
    const again = await new ApiClient(app.api.url, refreshed.body.accessToken).get('/api/auth/me');
    expect(again.body.session).toMatchObject({ level });
  });
});

describe('OIDC login linked by national identity number (pid)', () => {
  const app = useTestApp(byPidEnv);

  it('links by pid and ignores whether the e-mail is verified', async () => {
    const { final } = await loginAs(app.api.url, 'sub-jonas');
    const me = await new ApiClient(app.api.url, tokensFrom(final).get('accessToken')!).get('/api/auth/me');
    expect(me.body.email).toBe(jonas.email);
  });

  it('never links by e-mail, even a verified one, when pid is the link claim', async () => {
    const { final } = await loginAs(app.api.url, 'sub-per');
    expect(final.pathname + final.search).toBe('/login?error=oidc_unverified');
  });

  it('refuses a pid that matches no account', async () => {
    const { final } = await loginAs(app.api.url, 'sub-stranger');
    expect(final.pathname + final.search).toBe('/login?error=oidc_no_account');
  });
});

describe('OIDC login when not configured', () => {
  const app = useTestApp();

  it('hides the button and refuses to start', async () => {
    expect((await app.client.get('/api/auth/oidc/config')).body).toEqual({ enabled: false, label: 'ID-porten' });
    const start = await app.client.get('/api/auth/oidc/start');
    expect(start.status).toBe(404);
    expect(start.body.code).toBe('oidc_not_configured');
  });
});

describe('OIDC login as HelseID does it: private_key_jwt and the pid claim helseid://claims/identity/pid', () => {
  const app = useTestApp(helseIdEnv);

  it('asks for the configured scopes', async () => {
    const res = await fetch(`${app.api.url}/api/auth/oidc/start`, { redirect: 'manual' });
    const authorize = new URL(res.headers.get('location')!);
    expect(authorize.searchParams.get('client_id')).toBe(HELSEID_CLIENT_ID);
    expect(authorize.searchParams.get('scope')).toBe(HELSEID_SCOPES);
    expect((await app.client.get('/api/auth/oidc/config')).body).toEqual({ enabled: true, label: 'HelseID' });
  });

  it('authenticates with a signed client assertion and links the account by the HelseID pid claim', async () => {
    const { final } = await loginAs(app.api.url, 'sub-helse-aina');
    const me = await new ApiClient(app.api.url, tokensFrom(final).get('accessToken')!).get('/api/auth/me');
    expect(me.status).toBe(200);
    // Aina by helseid://claims/identity/pid, not Jonas by the plain pid the provider also sent.
    expect(me.body).toMatchObject({ email: aina.email, name: aina.name });
    const rows = await query<{ email: string; oidc_issuer: string }>(
      app,
      'SELECT email, oidc_issuer FROM accounts WHERE oidc_subject = $1',
      ['sub-helse-aina'],
    );
    expect(rows).toEqual([{ email: aina.email, oidc_issuer: issuer }]);
    const [linked] = await query<{ details: Record<string, string> }>(
      app,
      `SELECT details FROM audit_entries WHERE action = 'auth.oidc.linked' AND details->>'subject' = $1`,
      ['sub-helse-aina'],
    );
    expect(linked.details).toMatchObject({ issuer, subject: 'sub-helse-aina', claim: HELSEID_PID });
  });

  it('links by the configured pid claim only, never by a plain pid', async () => {
    const { final } = await loginAs(app.api.url, 'sub-helse-plain-pid');
    expect(final.pathname + final.search).toBe('/login?error=oidc_unverified');
    const [row] = await query<{ oidc_subject: string | null }>(app, 'SELECT oidc_subject FROM accounts WHERE email = $1', [jonas.email]);
    expect(row.oidc_subject).toBeNull();
  });
});

describe('OIDC login with a private key the provider does not know', () => {
  const app = useTestApp(wrongKeyEnv);

  it('is refused at the token endpoint, fails cleanly, links nothing and is audited', async () => {
    const { final } = await loginAs(app.api.url, 'sub-helse-aina');
    expect(final.pathname + final.search).toBe('/login?error=oidc_failed');
    expect(final.hash).toBe('');
    const [row] = await query<{ oidc_subject: string | null }>(app, 'SELECT oidc_subject FROM accounts WHERE email = $1', [aina.email]);
    expect(row.oidc_subject).toBeNull();
    const audit = await query<{ reason: string; actor: string | null }>(
      app,
      `SELECT details->>'reason' AS reason, actor_account_id AS actor FROM audit_entries
        WHERE action = 'auth.login.failed' AND details->>'method' = 'oidc'`,
    );
    expect(audit).toEqual([{ reason: 'provider:invalid_client', actor: null }]);
  });
});

/** Starts the built api with `env` and waits for it to exit; the config is refused before any database is touched. */
function bootExpectingFailure(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [API_MAIN], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      JWT_SECRET: TEST_JWT_SECRET,
      DATABASE_URL: 'postgres://fellesplan@127.0.0.1:1/never-used',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'fellesplan-test-data-')),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`api did not exit within 15 s:\n${output}`));
    }, 15_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('OIDC configuration refused at boot', () => {
  const provider = { OIDC_ISSUER: 'https://helseid-sts.test.example', OIDC_CLIENT_ID: 'fellesplan' };
  const pkj = { ...provider, OIDC_TOKEN_AUTH_METHOD: 'private_key_jwt' };
  const { kid: _kid, ...keyWithoutKid } = helseIdKey.privateJwk;

  it.each<[string, Record<string, string>, string]>([
    [
      'OIDC_ALLOW_INSECURE=true in production',
      { ...provider, NODE_ENV: 'production', OIDC_ALLOW_INSECURE: 'true' },
      'OIDC_ALLOW_INSECURE: must not be true in production',
    ],
    ['private_key_jwt without a key', pkj, 'OIDC_PRIVATE_KEY: required with OIDC_TOKEN_AUTH_METHOD=private_key_jwt'],
    ['a key that is not JSON', { ...pkj, OIDC_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----' }, 'OIDC_PRIVATE_KEY: is not valid JSON'],
    ['a public key', { ...pkj, OIDC_PRIVATE_KEY: JSON.stringify(helseIdKey.publicJwk) }, 'OIDC_PRIVATE_KEY: is a public key'],
    ['a key without kid', { ...pkj, OIDC_PRIVATE_KEY: JSON.stringify(keyWithoutKid) }, 'OIDC_PRIVATE_KEY: has no "kid"'],
    [
      'a key made of parts of two keys',
      { ...pkj, OIDC_PRIVATE_KEY: JSON.stringify({ ...helseIdKey.privateJwk, n: wrongKey.publicJwk.n }) },
      'OIDC_PRIVATE_KEY: is not a usable RSA private key',
    ],
    [
      'a key without private_key_jwt',
      { ...provider, OIDC_CLIENT_SECRET: 'a-secret', OIDC_PRIVATE_KEY: JSON.stringify(helseIdKey.privateJwk) },
      'OIDC_PRIVATE_KEY: is set, but OIDC_TOKEN_AUTH_METHOD is client_secret_post',
    ],
    ['an issuer without a client id', { OIDC_ISSUER: provider.OIDC_ISSUER }, 'OIDC_CLIENT_ID: must be set when OIDC_ISSUER is'],
    ['a client id without an issuer', { OIDC_CLIENT_ID: 'fellesplan' }, 'OIDC_ISSUER: must be set when OIDC_CLIENT_ID is'],
    ['a plain-http issuer', { ...provider, OIDC_ISSUER: 'http://idporten.example' }, 'OIDC_ISSUER: must be an https:// URL'],
    [
      'client_secret_basic without a secret',
      { ...provider, OIDC_TOKEN_AUTH_METHOD: 'client_secret_basic' },
      'OIDC_CLIENT_SECRET: required with OIDC_TOKEN_AUTH_METHOD=client_secret_basic',
    ],
    [
      'an unknown method',
      { ...provider, OIDC_TOKEN_AUTH_METHOD: 'tls_client_auth' },
      'OIDC_TOKEN_AUTH_METHOD: OIDC_TOKEN_AUTH_METHOD must be one of',
    ],
  ])('refuses %s', async (_case, env, message) => {
    const { code, output } = await bootExpectingFailure(env);
    expect(code).not.toBe(0);
    expect(output).toContain('Invalid configuration');
    expect(output).toContain(message);
    // The key is never echoed, not even a broken one.
    expect(output).not.toContain(helseIdKey.privateJwk.d);
  });
});
