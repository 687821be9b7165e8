/**
 * Logging in and staying logged in: passwords, short-lived access tokens, rotating refresh tokens
 * (a reused one revokes its family), lockout after repeated failures, and the audit of each.
 */
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import type { AssuranceLevel, AuthMethod, SessionView, TenantRole, TokenPair } from '#contracts';
import { Account } from '../accounts/account.entity';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/config';
import { run, sql } from '../database/sql';
import { DomainError, NotFound, TooManyRequests, Unauthenticated } from '../errors/domain-error';
import { DomainEvents } from '../events/domain-events';
import type { Actor, Origin } from './actor';
import { afterFailedLogin, SlidingWindowLimiter } from './login-throttle';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password';
import { RefreshToken } from './refresh-token.entity';
import { Tenant } from '../tenants/tenant.entity';

export interface AccessTokenPayload {
  sub: string;
  tid: string;
  role: TenantRole;
  /** The session (refresh-token family) this token belongs to. */
  sid?: string;
  /** The account's session version when issued: bumping it ends every session at once. */
  sv?: number;
  /** How the session was authenticated, its level, and what the role needs to read plan content. */
  amr?: AuthMethod;
  loa?: AssuranceLevel;
  need?: AssuranceLevel;
}

/** How a new session was authenticated; kept on its refresh-token family. */
export interface NewSession {
  method: AuthMethod;
  level: AssuranceLevel;
}

/** Why every session of an account ended (told to its sockets). */
export type SignOutReason = 'password_reset' | 'password_changed' | 'signed_out_everywhere';

interface ActorRow {
  id: string;
  tenant_id: string;
  role: TenantRole;
  name: string;
  disabled: boolean;
  session_version: number;
}

const ACTOR_ROW = sql('SELECT id, tenant_id, role, name, disabled_at IS NOT NULL AS disabled, session_version FROM accounts WHERE id = $1');

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
/** Lockouts are kept by a digest of the login e-mail: unknown addresses are not stored in the clear. */
const emailDigest = (address: string) => createHash('sha256').update(`login:${address}`).digest('base64url');

@Injectable()
export class AuthService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AuthService.name);
  /** Per client address: at most 30 login attempts a minute on this node. */
  private readonly loginLimiter = new SlidingWindowLimiter(30, 60_000);
  private stopListening?: () => void;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  /**
   * Disabling is the accounts feature's decision; ending the sessions is ours. Without this, an
   * account enabled again would get its old refresh tokens back.
   */
  onModuleInit(): void {
    this.stopListening = this.events.on('account.disabled', ({ accountId }) => {
      this.revokeAllSessions(accountId).catch((error: unknown) =>
        this.logger.error(`revoking the sessions of a disabled account failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    });
  }

  onModuleDestroy(): void {
    this.stopListening?.();
  }

  /**
   * Password login. The answer and the work are the same whether or not the e-mail has an account
   * (anywhere): the password is always hashed, and lockout is counted per login e-mail, so an
   * unknown address is locked after the same failures and answers 423 like a known one.
   * An e-mail may have an account in more than one municipality: the password picks the account
   * (`tenantId` narrows it, for accepting an invitation to one municipality's plan).
   */
  async login(email: string, password: string, origin: Origin, tenantId?: string): Promise<TokenPair> {
    const wait = this.loginLimiter.hit(origin.ip ?? 'unknown');
    if (wait > 0) throw new TooManyRequests('Too many login attempts; wait a little and try again', wait);
    const address = email.trim().toLowerCase();
    const candidates = await this.db
      .getRepository(Account)
      .find({ where: tenantId ? { email: address, tenantId } : { email: address }, order: { createdAt: 'ASC' } });
    const now = new Date();
    const lockout = await this.lockout(address);
    // Always at least one hash, with or without an account, locked or not.
    let account: Account | null = null;
    const hashed = candidates.filter((a) => a.passwordHash);
    if (!hashed.length) await verifyPassword(password, DUMMY_HASH);
    for (const candidate of hashed) if ((await verifyPassword(password, candidate.passwordHash!)) && !account) account = candidate;
    const known = candidates[0] ?? null;
    const fail = (reason: string) =>
      this.audit.record(
        {
          tenantId: (account ?? known)?.tenantId ?? null,
          actorAccountId: (account ?? known)?.id ?? null,
          action: 'auth.login.failed',
          details: { reason },
        },
        origin,
      );
    if (lockout.lockedUntil && lockout.lockedUntil > now) {
      await fail('locked');
      const seconds = Math.ceil((lockout.lockedUntil.getTime() - now.getTime()) / 1000);
      throw new DomainError('account_locked', 423, 'Too many failed attempts: the account is locked for a while', {
        retryAfterSeconds: seconds,
      });
    }
    if (!account) {
      const next = afterFailedLogin(lockout.failures, this.config.LOGIN_MAX_FAILURES, this.config.LOGIN_LOCKOUT_SECONDS, now);
      await this.saveLockout(address, next.failures, next.lockedUntil);
      const reason = !known ? 'unknown_email' : !hashed.length ? 'no_password' : 'wrong_password';
      await fail(next.lockedUntil ? `${reason}_locked` : reason);
      throw new Unauthenticated('invalid_credentials', 'Wrong e-mail or password');
    }
    if (account.disabledAt) {
      await fail('disabled');
      throw new DomainError('account_disabled', 403, 'This account has been disabled');
    }
    if (lockout.failures > 0) await this.saveLockout(address, 0, null);
    await this.audit.record(
      { tenantId: account.tenantId, actorAccountId: account.id, action: 'auth.login.succeeded', details: { method: 'password' } },
      origin,
    );
    return this.startSession(account, { method: 'password', level: 'low' }, origin);
  }

  private async lockout(address: string): Promise<{ failures: number; lockedUntil: Date | null }> {
    const rows = (await this.db.query('SELECT failures, locked_until FROM login_lockouts WHERE email_digest = $1', [
      emailDigest(address),
    ])) as { failures: number; locked_until: Date | null }[];
    return { failures: rows[0]?.failures ?? 0, lockedUntil: rows[0]?.locked_until ?? null };
  }

  /** A new password (reset or changed) lifts a lockout of the address. */
  async clearLockout(address: string): Promise<void> {
    await this.saveLockout(address.trim().toLowerCase(), 0, null);
  }

  private async saveLockout(address: string, failures: number, lockedUntil: Date | null): Promise<void> {
    await this.db.query(
      `INSERT INTO login_lockouts (email_digest, failures, locked_until, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (email_digest) DO UPDATE SET failures = $2, locked_until = $3, updated_at = now()`,
      [emailDigest(address), failures, lockedUntil],
    );
  }

  /** Logs in an account whose identity another party (OIDC, an invitation, a passkey) has verified. */
  async loginVerified(account: Account, method: AuthMethod, origin: Origin, level: AssuranceLevel = 'low'): Promise<TokenPair> {
    if (account.disabledAt) throw new DomainError('account_disabled', 403, 'This account has been disabled');
    await this.audit.record(
      { tenantId: account.tenantId, actorAccountId: account.id, action: 'auth.login.succeeded', details: { method, level } },
      origin,
    );
    return this.startSession(account, { method, level }, origin);
  }

  /** What the account's role needs in its tenant to read plan content. */
  async neededLevel(account: Pick<Account, 'tenantId' | 'role'>, manager = this.db.manager): Promise<AssuranceLevel> {
    const tenant = await manager.getRepository(Tenant).findOneBy({ id: account.tenantId });
    return tenant?.assurancePolicy[account.role] ?? 'high';
  }

  async refresh(refreshToken: string, origin: Origin): Promise<TokenPair> {
    // The transaction returns an error rather than throwing it, so that a reuse's revocation commits.
    const outcome = await this.db.transaction(async (tx): Promise<TokenPair | DomainError> => {
      const tokens = tx.getRepository(RefreshToken);
      const row = await tokens
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.token_hash = :h', { h: hashToken(refreshToken) })
        .getOne();
      if (!row) return new Unauthenticated('token_invalid', 'The refresh token is not valid');
      const account = await tx.getRepository(Account).findOneBy({ id: row.accountId });
      if (row.rotatedAt) {
        // A token used twice has leaked: end every session that descends from it.
        await tokens.update({ familyId: row.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
        await this.audit.record(
          {
            tenantId: account?.tenantId ?? null,
            actorAccountId: row.accountId,
            action: 'auth.refresh.reused',
            details: { familyId: row.familyId },
          },
          origin,
          tx,
        );
        return new Unauthenticated('refresh_token_reused', 'This refresh token was already used; log in again');
      }
      // Revoked but never rotated: the session was ended (logout, account disabled), not stolen.
      if (row.revokedAt) return new Unauthenticated('token_invalid', 'This session has ended; log in again');
      if (row.expiresAt <= new Date()) return new Unauthenticated('token_expired', 'The refresh token has expired; log in again');
      if (!account || account.disabledAt) return new DomainError('account_disabled', 403, 'This account has been disabled');
      await tokens.update({ id: row.id }, { rotatedAt: new Date() });
      // The session keeps how it was authenticated; the client's address is the latest one.
      return this.issueTokens(
        account,
        { familyId: row.familyId, method: row.authMethod, level: row.assurance, startedAt: row.startedAt, ...origin },
        tx,
      );
    });
    if (outcome instanceof DomainError) throw outcome;
    return outcome;
  }

  async logout(refreshToken: string, actor: Actor): Promise<void> {
    const tokens = this.db.getRepository(RefreshToken);
    const row = await tokens.findOneBy({ tokenHash: hashToken(refreshToken), accountId: actor.accountId });
    if (row) await tokens.update({ familyId: row.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
    await this.audit.record({ tenantId: actor.tenantId, actorAccountId: actor.accountId, action: 'auth.logout' }, actor);
  }

  /** Ends every session of an account (it was disabled). */
  async revokeAllSessions(accountId: string): Promise<void> {
    await this.db.getRepository(RefreshToken).update({ accountId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /**
   * Ends every session of an account at once: refresh tokens revoked, access tokens already handed
   * out refused (the session version they carry is no longer current). Inside the caller's
   * transaction; `afterCommit` then takes the account's live sockets down.
   */
  async endAllSessions(tx: EntityManager, accountId: string): Promise<void> {
    await tx.getRepository(RefreshToken).update({ accountId, revokedAt: IsNull() }, { revokedAt: new Date() });
    await tx.getRepository(Account).increment({ id: accountId }, 'sessionVersion', 1);
  }

  /** After the commit of endAllSessions: the same road as a disabled account, so its sockets close now. */
  sessionsEnded(accountId: string, tenantId: string, reason: SignOutReason): void {
    this.events.emit('account.signed-out', { accountId, tenantId, reason });
  }

  /** "Log out everywhere": every device of the account, this one included. */
  async logoutEverywhere(actor: Actor): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.endAllSessions(tx, actor.accountId);
      await this.audit.record({ tenantId: actor.tenantId, actorAccountId: actor.accountId, action: 'auth.logout.everywhere' }, actor, tx);
    });
    this.sessionsEnded(actor.accountId, actor.tenantId, 'signed_out_everywhere');
  }

  /** Changing one's password proves the current one, and ends every other session. */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string, origin: Origin): Promise<TokenPair> {
    const account = await this.db.getRepository(Account).findOneByOrFail({ id: actor.accountId });
    if (!account.passwordHash || !(await verifyPassword(currentPassword, account.passwordHash))) {
      await this.audit.record({ tenantId: actor.tenantId, actorAccountId: actor.accountId, action: 'auth.password.change.failed' }, actor);
      throw new Unauthenticated('invalid_credentials', 'The current password is wrong');
    }
    const passwordHash = await hashPassword(newPassword);
    await this.db.transaction(async (tx) => {
      await tx.getRepository(Account).update({ id: account.id }, { passwordHash });
      await this.endAllSessions(tx, account.id);
      await this.audit.record(
        {
          tenantId: actor.tenantId,
          actorAccountId: actor.accountId,
          action: 'auth.password.changed',
          targetType: 'account',
          targetId: account.id,
        },
        actor,
        tx,
      );
    });
    this.sessionsEnded(account.id, account.tenantId, 'password_changed');
    await this.clearLockout(account.email);
    // This device stays logged in, in a new session with the level it had.
    const fresh = await this.db.getRepository(Account).findOneByOrFail({ id: account.id });
    return this.startSession(fresh, { method: actor.session?.method ?? 'password', level: actor.session?.level ?? 'low' }, origin);
  }

  /** The account's signed-in devices: one per live refresh-token family. */
  async sessions(actor: Actor): Promise<SessionView[]> {
    const rows = (await this.db.query(
      `SELECT DISTINCT ON (family_id) family_id, auth_method, assurance, user_agent, ip, started_at, created_at
         FROM refresh_tokens
        WHERE account_id = $1 AND revoked_at IS NULL AND rotated_at IS NULL AND expires_at > now()
        ORDER BY family_id, created_at DESC`,
      [actor.accountId],
    )) as {
      family_id: string;
      auth_method: AuthMethod;
      assurance: AssuranceLevel;
      user_agent: string | null;
      ip: string | null;
      started_at: Date;
      created_at: Date;
    }[];
    return rows
      .map((r) => ({
        id: r.family_id,
        method: r.auth_method,
        level: r.assurance,
        userAgent: r.user_agent,
        ip: r.ip,
        startedAt: r.started_at.toISOString(),
        lastUsedAt: r.created_at.toISOString(),
        current: r.family_id === actor.session?.id,
      }))
      .sort((a, b) => b.lastUsedAt.localeCompare(a.lastUsedAt));
  }

  /** Ends one of the account's sessions (a lost phone). Its access token lives out its few minutes. */
  async endSession(actor: Actor, familyId: string): Promise<void> {
    const result = await this.db
      .getRepository(RefreshToken)
      .update({ accountId: actor.accountId, familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
    if (!result.affected) throw new NotFound('Session');
    await this.audit.record(
      {
        tenantId: actor.tenantId,
        actorAccountId: actor.accountId,
        action: 'auth.session.ended',
        targetType: 'session',
        targetId: familyId,
      },
      actor,
    );
  }

  /** Checks an access token (HTTP or socket handshake) and returns who it belongs to. */
  async verifyAccessToken(token: string, origin: Origin): Promise<Actor> {
    let payload: AccessTokenPayload;
    try {
      payload = await this.jwt.verifyAsync<AccessTokenPayload>(token, { algorithms: ['HS256'] });
    } catch (error) {
      if ((error as { name?: string }).name === 'TokenExpiredError')
        throw new Unauthenticated('token_expired', 'The access token has expired; refresh it');
      throw new Unauthenticated('token_invalid', 'The access token is not valid');
    }
    return this.actorFor(payload, origin);
  }

  /**
   * The actor of a verified token's payload: the account must exist in the token's tenant, be
   * enabled and still be on the token's session version (read from the database on every HTTP
   * request and socket handshake, so that disabling and "log out everywhere" act at once). One
   * prepared statement (database/sql.ts), not the query builder: this runs on every request.
   */
  async actorFor(payload: AccessTokenPayload, origin: Origin): Promise<Actor> {
    if (typeof payload.sub !== 'string' || !isUUID(payload.sub))
      throw new Unauthenticated('token_invalid', 'The access token is not valid');
    const [account] = await run<ActorRow>(this.db.manager, ACTOR_ROW, [payload.sub]);
    if (!account || account.tenant_id !== payload.tid) throw new Unauthenticated('token_invalid', 'The access token is not valid');
    if (account.disabled) throw new DomainError('account_disabled', 401, 'This account has been disabled');
    if ((payload.sv ?? 0) !== account.session_version) throw new Unauthenticated('token_invalid', 'This session has ended; log in again');
    return {
      accountId: account.id,
      tenantId: account.tenant_id,
      role: account.role,
      name: account.name,
      ...origin,
      ...(payload.sid
        ? { session: { id: payload.sid, method: payload.amr ?? 'password', level: payload.loa ?? 'low', needed: payload.need ?? 'high' } }
        : {}),
    };
  }

  /** A new session (a login) on a new refresh-token family. */
  startSession(account: Account, session: NewSession, origin: Origin): Promise<TokenPair> {
    return this.issueTokens(account, { familyId: randomUUID(), ...session, startedAt: new Date(), ...origin });
  }

  private async issueTokens(
    account: Account,
    family: NewSession & Origin & { familyId: string; startedAt: Date },
    manager: EntityManager = this.db.manager,
  ): Promise<TokenPair> {
    const payload: AccessTokenPayload = {
      sub: account.id,
      tid: account.tenantId,
      role: account.role,
      sid: family.familyId,
      sv: account.sessionVersion,
      amr: family.method,
      loa: family.level,
      need: await this.neededLevel(account, manager),
    };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS, algorithm: 'HS256' });
    const refreshToken = randomBytes(32).toString('base64url');
    await manager.getRepository(RefreshToken).insert({
      accountId: account.id,
      familyId: family.familyId,
      tokenHash: hashToken(refreshToken),
      expiresAt: new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000),
      authMethod: family.method,
      assurance: family.level,
      userAgent: family.userAgent,
      ip: family.ip,
      startedAt: family.startedAt,
    });
    return { accessToken, expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS, refreshToken };
  }
}
