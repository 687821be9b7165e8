/**
 * OpenID Connect login against one configured provider: ID-porten for citizens, HelseID for
 * health personnel, or any other certified provider, by configuration only. Authorization code
 * flow with PKCE, state and nonce (openid-client v6).
 *
 * An identity is linked to an existing account only by a claim the provider vouches for: the
 * e-mail when `email_verified === true`, or the national identity number (the claim named by
 * OIDC_PID_CLAIM: `pid` at ID-porten, `helseid://claims/identity/pid` at HelseID). Never by name,
 * never by an unverified e-mail. The first login stores the provider's (issuer, subject) on the
 * account; later logins are matched by that pair alone.
 *
 * Where the flow's secrets live: state, nonce and PKCE verifier in the database (oidc_login_states)
 * rather than in a cookie, because several api nodes may serve one browser and the verifier then
 * never leaves the server. The browser only holds a random binding value in an httpOnly cookie,
 * whose hash the row keeps: a callback URL (code + state) is useless in any other browser, which
 * stops login CSRF (an attacker pushing their own login onto a victim).
 *
 * The api authenticates itself at the token endpoint as OIDC_TOKEN_AUTH_METHOD says: a client
 * secret (post or basic), a JWT signed with its private key (private_key_jwt, HelseID's only
 * method), or not at all (a public client, protected by PKCE alone). See docs/oidc.md.
 */
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CookieOptions } from 'express';
import { createHash, randomBytes } from 'node:crypto';
import type * as OpenIdClient from 'openid-client';
import { DataSource, IsNull } from 'typeorm';
import {
  assuranceAtLeast,
  type AssuranceLevel,
  type OidcConfigView,
  type OidcLoginError,
  type OidcLoginFragment,
  type TokenPair,
} from '#contracts';
import { Account } from '../accounts/account.entity';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/config';
import { BadRequest, DomainError, TooManyRequests } from '../errors/domain-error';
import type { Origin } from './actor';
import { levelOfOidcClaims } from './assurance';
import { AuthService } from './auth.service';
import { SlidingWindowLimiter } from './login-throttle';
import { OidcLoginState } from './oidc-login-state.entity';
import { importOidcPrivateKey, parseOidcPrivateKey } from './oidc-private-key';
import { safeReturnTo } from './return-to';

/** The cookie that binds a login in progress to the browser that started it. */
export const OIDC_BINDING_COOKIE = 'fp_oidc';
export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';
const OIDC_COOKIE_PATH = '/api/auth/oidc';
/** Long enough to log in at the provider (BankID can take a while), short enough to be useless later. */
const LOGIN_STATE_TTL_SECONDS = 600;

type OpenIdClientModule = typeof OpenIdClient;
interface OidcClient {
  lib: OpenIdClientModule;
  config: OpenIdClient.Configuration;
}

type PendingLogin = Pick<OidcLoginState, 'browserHash' | 'codeVerifier' | 'nonce' | 'returnTo'>;

/** What the provider says about the person, from the ID token and, where it lacks a claim, userinfo. */
interface ProviderIdentity {
  issuer: string;
  subject: string;
  /** What the login's `acr` (or HelseID's assurance claim) is worth. */
  level: AssuranceLevel;
  email: unknown;
  emailVerified: unknown;
  pid: unknown;
}

/** A login that ends back at /login?error=<code>; `reason` goes to the audit trail only. */
class OidcLoginRefused extends Error {
  constructor(
    readonly code: OidcLoginError,
    readonly reason: string,
    readonly account?: Pick<Account, 'id' | 'tenantId'>,
  ) {
    super(reason);
  }
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

@Injectable()
export class OidcService {
  private readonly logger = new Logger(OidcService.name);
  /** Per client address: starting a login writes a row, so bound how fast anyone can do that. */
  private readonly startLimiter = new SlidingWindowLimiter(60, 60_000);
  private client?: Promise<OidcClient>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  configView(): OidcConfigView {
    return { enabled: this.config.oidcEnabled, label: this.config.OIDC_BUTTON_LABEL };
  }

  get redirectUri(): string {
    return `${this.config.publicUrl.replace(/\/+$/, '')}${OIDC_CALLBACK_PATH}`;
  }

  bindingCookieOptions(): CookieOptions {
    return {
      httpOnly: true,
      // Lax: sent on the provider's top-level redirect back to us, not on cross-site subrequests.
      sameSite: 'lax',
      secure: this.redirectUri.startsWith('https:'),
      path: OIDC_COOKIE_PATH,
      maxAge: LOGIN_STATE_TTL_SECONDS * 1000,
    };
  }

  /** Begins a login: remembers state, nonce and verifier, and returns where to send the browser. */
  async start(returnTo: string | undefined, origin: Origin): Promise<{ location: string; browserBinding: string }> {
    if (!this.config.oidcEnabled) throw new DomainError('oidc_not_configured', 404, 'OpenID Connect login is not configured');
    const path = safeReturnTo(returnTo);
    if (path === null) throw new BadRequest('returnTo must be a path on this site, such as /plans');
    const wait = this.startLimiter.hit(origin.ip ?? 'unknown');
    if (wait > 0) throw new TooManyRequests('Too many login attempts; wait a little and try again', wait);

    const { lib, config } = await this.oidcClient();
    const state = lib.randomState();
    const nonce = lib.randomNonce();
    const codeVerifier = lib.randomPKCECodeVerifier();
    const browserBinding = randomBytes(32).toString('base64url');
    const states = this.db.getRepository(OidcLoginState);
    // Abandoned logins are cleared here rather than by a timer: cheap on the index, and any node may do it.
    await states.createQueryBuilder().delete().where('expires_at < now()').execute();
    await states.insert({
      stateHash: sha256(state),
      browserHash: sha256(browserBinding),
      codeVerifier,
      nonce,
      returnTo: path,
      expiresAt: new Date(Date.now() + LOGIN_STATE_TTL_SECONDS * 1000),
    });
    const url = lib.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: this.config.OIDC_SCOPES,
      state,
      nonce,
      code_challenge: await lib.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      ...(this.config.OIDC_ACR_VALUES ? { acr_values: this.config.OIDC_ACR_VALUES } : {}),
    });
    return { location: url.href, browserBinding };
  }

  /**
   * Finishes a login from the provider's redirect. Never throws: the browser is always sent back
   * to the web app, to `/login/callback#tokens` on success or `/login?error=<code>` otherwise.
   * `ended` says whether a login in progress was used up, so the browser's binding cookie can go;
   * a callback with a made-up state must not disturb a real login under way in the same browser.
   */
  async callback(
    params: URLSearchParams,
    browserBinding: string | undefined,
    origin: Origin,
  ): Promise<{ location: string; ended: boolean }> {
    let identity: ProviderIdentity | undefined;
    let ended = false;
    try {
      if (!this.config.oidcEnabled) throw new OidcLoginRefused('oidc_not_configured', 'not_configured');
      const pending = await this.takeState(params.get('state'));
      ended = true;
      if (!browserBinding || sha256(browserBinding) !== pending.browserHash) {
        throw new OidcLoginRefused('oidc_failed', 'browser_mismatch');
      }
      identity = await this.exchangeCode(params, pending);
      const account = await this.accountFor(identity, origin);
      // A login weaker than what the role needs to read plans is refused here, with a clear message.
      const needed = await this.auth.neededLevel(account);
      if (!assuranceAtLeast(identity.level, needed))
        throw new OidcLoginRefused('oidc_assurance_too_low', `acr_below_required:${identity.level}<${needed}`, account);
      const tokens = await this.auth.loginVerified(account, this.config.OIDC_PROVIDER, origin, identity.level);
      return { location: `/login/callback#${fragment(tokens, pending.returnTo)}`, ended };
    } catch (error) {
      const refusal = this.asRefusal(error);
      await this.audit.record(
        {
          tenantId: refusal.account?.tenantId ?? null,
          actorAccountId: refusal.account?.id ?? null,
          action: 'auth.login.failed',
          details: {
            method: 'oidc',
            reason: refusal.reason,
            ...(identity ? { issuer: identity.issuer, subject: identity.subject, level: identity.level } : {}),
          },
        },
        origin,
      );
      return { location: `/login?error=${refusal.code}`, ended };
    }
  }

  /** The login in progress for this state, removed in the same statement: a state works once. */
  private async takeState(state: string | null): Promise<PendingLogin> {
    if (!state) throw new OidcLoginRefused('oidc_failed', 'missing_state');
    // For DELETE ... RETURNING, TypeORM's query() answers [rows, affected count].
    const [rows] = (await this.db.query(
      `DELETE FROM oidc_login_states WHERE state_hash = $1 AND expires_at > now()
       RETURNING browser_hash, code_verifier, nonce, return_to`,
      [sha256(state)],
    )) as [{ browser_hash: string; code_verifier: string; nonce: string; return_to: string }[], number];
    const row = rows[0];
    if (!row) throw new OidcLoginRefused('oidc_failed', 'unknown_state');
    return { browserHash: row.browser_hash, codeVerifier: row.code_verifier, nonce: row.nonce, returnTo: row.return_to };
  }

  /** Checks the provider's answer (state, issuer, PKCE, ID token signature and nonce) and reads the claims. */
  private async exchangeCode(params: URLSearchParams, pending: PendingLogin): Promise<ProviderIdentity> {
    const { lib, config } = await this.oidcClient();
    // The redirect URI sent to the token endpoint is this URL without its query: it must be the public one.
    const currentUrl = new URL(this.redirectUri);
    for (const [key, value] of params) currentUrl.searchParams.append(key, value);
    const tokens = await lib.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: params.get('state') ?? undefined,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken) throw new OidcLoginRefused('oidc_failed', 'no_id_token');
    let claims: Record<string, unknown> = idToken;
    // ID-porten puts pid in the ID token; many providers give e-mail only from userinfo. Take the
    // e-mail and its verified flag from the same source, so that one cannot vouch for the other.
    // Userinfo is only believed for the subject of the verified ID token (fetchUserInfo checks sub).
    const pidClaim = this.config.OIDC_PID_CLAIM;
    const linkClaim = this.config.OIDC_LINK_CLAIM === 'pid' ? pidClaim : 'email';
    if (idToken[linkClaim] === undefined && config.serverMetadata().userinfo_endpoint) {
      claims = await lib.fetchUserInfo(config, tokens.access_token, idToken.sub);
    }
    return {
      issuer: idToken.iss,
      subject: idToken.sub,
      // The level is believed from the signed ID token only, never from userinfo.
      level: levelOfOidcClaims(idToken),
      email: claims.email,
      emailVerified: claims.email_verified,
      pid: claims[pidClaim],
    };
  }

  /** The account this identity belongs to: linked before, or linked now by the verified claim. */
  private async accountFor(identity: ProviderIdentity, origin: Origin): Promise<Account> {
    const accounts = this.db.getRepository(Account);
    const linked = await accounts.findOneBy({ oidcIssuer: identity.issuer, oidcSubject: identity.subject });
    if (linked) {
      if (linked.disabledAt) throw new OidcLoginRefused('account_disabled', 'disabled', linked);
      return linked;
    }
    const account = await this.findByVerifiedClaim(identity);
    if (account.disabledAt) throw new OidcLoginRefused('account_disabled', 'disabled', account);
    // An account already linked to another identity is not taken over by a second one.
    if (account.oidcSubject !== null) throw new OidcLoginRefused('oidc_no_account', 'linked_to_other_identity', account);
    await this.db.transaction(async (tx) => {
      const result = await tx
        .getRepository(Account)
        .update({ id: account.id, oidcSubject: IsNull() }, { oidcIssuer: identity.issuer, oidcSubject: identity.subject });
      if (result.affected !== 1) throw new OidcLoginRefused('oidc_no_account', 'linked_to_other_identity', account);
      await this.audit.record(
        {
          tenantId: account.tenantId,
          actorAccountId: account.id,
          action: 'auth.oidc.linked',
          targetType: 'account',
          targetId: account.id,
          details: {
            issuer: identity.issuer,
            subject: identity.subject,
            claim: this.config.OIDC_LINK_CLAIM === 'pid' ? this.config.OIDC_PID_CLAIM : 'email',
          },
        },
        origin,
        tx,
      );
    });
    account.oidcIssuer = identity.issuer;
    account.oidcSubject = identity.subject;
    return account;
  }

  private async findByVerifiedClaim(identity: ProviderIdentity): Promise<Account> {
    const accounts = this.db.getRepository(Account);
    let account: Account | null;
    if (this.config.OIDC_LINK_CLAIM === 'pid') {
      if (typeof identity.pid !== 'string' || identity.pid === '') throw new OidcLoginRefused('oidc_unverified', 'no_pid');
      account = await accounts.findOneBy({ pid: identity.pid });
    } else {
      // Strictly the boolean true: a missing flag, "true" as text or false all mean unverified.
      if (typeof identity.email !== 'string' || identity.emailVerified !== true) {
        throw new OidcLoginRefused('oidc_unverified', 'email_not_verified');
      }
      // An e-mail may have accounts in several municipalities: link only an unambiguous one.
      const matches = await accounts.find({ where: { email: identity.email.trim().toLowerCase() }, take: 2 });
      account = matches.length === 1 ? matches[0] : null;
    }
    if (!account) throw new OidcLoginRefused('oidc_no_account', 'no_matching_account');
    return account;
  }

  private asRefusal(error: unknown): OidcLoginRefused {
    if (error instanceof OidcLoginRefused) return error;
    if (error instanceof DomainError && error.code === 'account_disabled') return new OidcLoginRefused('account_disabled', 'disabled');
    // openid-client: `error` is what the provider answered (e.g. access_denied), `code` a check that failed.
    const { error: oauthError, code } = (error ?? {}) as { error?: unknown; code?: unknown };
    const reason = typeof oauthError === 'string' ? `provider:${oauthError}` : typeof code === 'string' ? code : 'unexpected';
    if (reason === 'unexpected') this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    else this.logger.warn(`OpenID Connect login failed: ${reason}`);
    return new OidcLoginRefused('oidc_failed', reason.slice(0, 100));
  }

  /** Discovers the provider once per process; a failure is retried on the next login. */
  private oidcClient(): Promise<OidcClient> {
    this.client ??= this.discover().catch((error: unknown) => {
      this.client = undefined;
      this.logger.error(`OpenID Connect discovery failed: ${error instanceof Error ? error.message : String(error)}`);
      throw new DomainError('oidc_failed', 502, 'The identity provider could not be reached; try again later');
    });
    return this.client;
  }

  private async discover(): Promise<OidcClient> {
    // ESM-only: a real dynamic import, which tsc keeps as import() under module node20.
    const lib = await import('openid-client');
    const config = await lib.discovery(
      new URL(this.config.OIDC_ISSUER ?? ''),
      this.config.OIDC_CLIENT_ID ?? '',
      undefined,
      await this.clientAuthentication(lib),
      // Plain http only for a provider started inside a test; real providers are https.
      { execute: this.config.OIDC_ALLOW_INSECURE === 'true' ? [lib.allowInsecureRequests] : [], timeout: 10 },
    );
    return { lib, config };
  }

  /** How the api proves who it is at the token endpoint; loadConfig has checked the secret or key is there. */
  private async clientAuthentication(lib: OpenIdClientModule): Promise<OpenIdClient.ClientAuth> {
    const secret = this.config.OIDC_CLIENT_SECRET ?? '';
    switch (this.config.oidcTokenAuthMethod) {
      case 'client_secret_post':
        return lib.ClientSecretPost(secret);
      case 'client_secret_basic':
        return lib.ClientSecretBasic(secret);
      case 'private_key_jwt': {
        // A signed assertion (iss = sub = client_id, aud = the issuer, 60 s, unique jti) with the key's kid.
        const privateKey = parseOidcPrivateKey(this.config.OIDC_PRIVATE_KEY ?? '');
        return lib.PrivateKeyJwt({ key: await importOidcPrivateKey(privateKey), kid: privateKey.kid });
      }
      case 'none':
        return lib.None();
    }
  }
}

function fragment(tokens: TokenPair, returnTo: string): string {
  const values: OidcLoginFragment = {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresIn: String(tokens.expiresIn),
    returnTo,
  };
  return new URLSearchParams({ ...values }).toString();
}
