/**
 * A real OpenID Provider (the certified `oidc-provider` package) for apps/api/test/oidc.e2e-spec.ts.
 * It runs as its own process because jest's module runtime cannot load ES modules without
 * --experimental-vm-modules; the test talks to it only over HTTP, as the api does.
 *
 * Environment:
 *   OIDC_TEST_PORT        port to listen on (the issuer is http://127.0.0.1:<port>)
 *   OIDC_TEST_CLIENTS     JSON array of client metadata (client_id, client_secret, redirect_uris, ...).
 *                         A client with token_endpoint_auth_method "private_key_jwt" carries its public
 *                         keys as `jwks: { keys: [...] }`; the provider then takes nothing but a client
 *                         assertion signed by one of them (iss = sub = client_id, aud = the issuer).
 *   OIDC_TEST_IDENTITIES  path of a JSON file { "<subject>": { ...claims } }, read on every request,
 *                         so a test can change what the provider says about a person
 *
 * Claims: `pid` comes with the openid scope, as at ID-porten; `helseid://claims/identity/pid` with the
 * scope `helseid://scopes/identity/pid`, as at HelseID. Scope claims reach the client from userinfo
 * (oidc-provider keeps the ID token of the code flow to sub and the protocol claims).
 *
 * The login step is a test shortcut instead of a form: GET /interaction/<uid>/login?subject=<sub>
 * logs that subject in (with `&acr=<value>`, at that assurance level), GET /interaction/<uid>/abort cancels (access_denied). Consent is implied
 * (a first-party client), so the login is the only interaction. Prints "listening" when ready.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_TEST_PORT);
const identities = () => JSON.parse(readFileSync(process.env.OIDC_TEST_IDENTITIES, 'utf8'));

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: JSON.parse(process.env.OIDC_TEST_CLIENTS),
  pkce: { required: () => true },
  claims: {
    // pid comes with the openid scope, as ID-porten gives it; HelseID names it after its own scope.
    // acr: the assurance level the login reached (ID-porten sends it with every login).
    openid: ['sub', 'pid', 'acr'],
    email: ['email', 'email_verified'],
    profile: ['name'],
    'helseid://scopes/identity/pid': ['helseid://claims/identity/pid'],
  },
  features: { devInteractions: { enabled: false } },
  acrValues: ['idporten-loa-low', 'idporten-loa-substantial', 'idporten-loa-high'],
  cookies: { keys: ['oidc-test-provider-cookie-key'] },
  async findAccount(_ctx, sub) {
    const claims = identities()[sub];
    if (!claims) return undefined;
    return { accountId: sub, claims: async () => ({ ...claims, sub }) };
  },
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    if (!ctx.oidc.session.accountId) return undefined;
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope(ctx.oidc.params.scope);
    await grant.save();
    return grant;
  },
});

const handle = provider.callback();
const INTERACTION = /^\/interaction\/([^/?]+)\/(login|abort)(?:\?|$)/;

createServer((req, res) => {
  const match = INTERACTION.exec(req.url ?? '');
  if (!match) return handle(req, res);
  const query = new URL(req.url, 'http://x').searchParams;
  const subject = query.get('subject');
  // `acr`: the assurance level the login reached (e.g. idporten-loa-high), put in the ID token.
  const acr = query.get('acr');
  const result =
    match[2] === 'login'
      ? { login: { accountId: subject, ...(acr ? { acr } : {}) } }
      : { error: 'access_denied', error_description: 'The person cancelled the login' };
  provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false }).catch((error) => {
    res.statusCode = 500;
    res.end(String(error));
  });
}).listen(port, '127.0.0.1', () => process.stdout.write('listening\n'));
