/**
 * Logging in and staying logged in: passwords, short-lived access tokens, rotating refresh tokens
 * (a reused one revokes its family), lockout after repeated failures, and the audit of each.
 */
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import type { TenantRole, TokenPair } from '#contracts';
import { Account } from '../accounts/account.entity';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/config';
import { DomainError, TooManyRequests, Unauthenticated } from '../errors/domain-error';
import { DomainEvents } from '../events/domain-events';
import type { Actor, Origin } from './actor';
import { afterFailedLogin, SlidingWindowLimiter } from './login-throttle';
import { DUMMY_HASH, verifyPassword } from './password';
import { RefreshToken } from './refresh-token.entity';

export interface AccessTokenPayload {
  sub: string;
  tid: string;
  role: TenantRole;
}

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
    return this.issueTokens(account, randomUUID());
  }

  private async lockout(address: string): Promise<{ failures: number; lockedUntil: Date | null }> {
    const rows = (await this.db.query('SELECT failures, locked_until FROM login_lockouts WHERE email_digest = $1', [
      emailDigest(address),
    ])) as { failures: number; locked_until: Date | null }[];
    return { failures: rows[0]?.failures ?? 0, lockedUntil: rows[0]?.locked_until ?? null };
  }

  private async saveLockout(address: string, failures: number, lockedUntil: Date | null): Promise<void> {
    await this.db.query(
      `INSERT INTO login_lockouts (email_digest, failures, locked_until, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (email_digest) DO UPDATE SET failures = $2, locked_until = $3, updated_at = now()`,
      [emailDigest(address), failures, lockedUntil],
    );
  }

  /** Logs in an account whose identity another party (OIDC) has verified. */
  async loginVerified(account: Account, method: string, origin: Origin): Promise<TokenPair> {
    if (account.disabledAt) throw new DomainError('account_disabled', 403, 'This account has been disabled');
    await this.audit.record(
      { tenantId: account.tenantId, actorAccountId: account.id, action: 'auth.login.succeeded', details: { method } },
      origin,
    );
    return this.issueTokens(account, randomUUID());
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
      return this.issueTokens(account, row.familyId, tokens);
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

  async actorFor(payload: AccessTokenPayload, origin: Origin): Promise<Actor> {
    const account = await this.db.getRepository(Account).findOneBy({ id: payload.sub });
    if (!account || account.tenantId !== payload.tid) throw new Unauthenticated('token_invalid', 'The access token is not valid');
    if (account.disabledAt) throw new DomainError('account_disabled', 401, 'This account has been disabled');
    return { accountId: account.id, tenantId: account.tenantId, role: account.role, name: account.name, ...origin };
  }

  private async issueTokens(account: Account, familyId: string, repo = this.db.getRepository(RefreshToken)): Promise<TokenPair> {
    const payload: AccessTokenPayload = { sub: account.id, tid: account.tenantId, role: account.role };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS, algorithm: 'HS256' });
    const refreshToken = randomBytes(32).toString('base64url');
    await repo.insert({
      accountId: account.id,
      familyId,
      tokenHash: hashToken(refreshToken),
      expiresAt: new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000),
    });
    return { accessToken, expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS, refreshToken };
  }
}
