/**
 * Passkeys (WebAuthn, @simplewebauthn/server): register one after a login, log in with it in one
 * tap, several per account named by device, listed and removable.
 *
 * The relying party is PUBLIC_URL: its host is the rpID, its origin the only accepted origin.
 * Every ceremony's challenge is kept server-side (webauthn_challenges) for five minutes and is
 * taken in the same statement that checks it, so it works once and on any api node.
 *
 * A passkey logs in at the level of the session that registered it: one made after a HelseID or
 * ID-porten high login gives high, one made after a password login gives low. A passkey proves
 * the same device and person again; it does not prove more than the login that vouched for it.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { DataSource } from 'typeorm';
import type { AssuranceLevel, PasskeyView, TokenPair } from '#contracts';
import { Account } from '../accounts/account.entity';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/config';
import { DomainError, NotFound, TooManyRequests } from '../errors/domain-error';
import type { Actor, Origin } from './actor';
import { AuthService } from './auth.service';
import { SlidingWindowLimiter } from './login-throttle';

const CHALLENGE_TTL_SECONDS = 300;

interface CredentialRow {
  id: string;
  account_id: string;
  credential_id: string;
  public_key: Buffer;
  counter: string;
  transports: string[];
  name: string;
  assurance: AssuranceLevel;
  created_at: Date;
  last_used_at: Date | null;
}

const toView = (r: CredentialRow): PasskeyView => ({
  id: r.id,
  name: r.name,
  level: r.assurance,
  createdAt: r.created_at.toISOString(),
  lastUsedAt: r.last_used_at?.toISOString() ?? null,
});

/** A ceremony that did not prove anything: one code, one message, whatever the cause (logged in the audit). */
class PasskeyFailed extends DomainError {
  constructor() {
    super('passkey_failed', 401, 'The passkey was not accepted; log in another way, or try again');
  }
}

@Injectable()
export class PasskeysService {
  /** Per client address: asking for a login challenge writes a row. */
  private readonly optionsLimiter = new SlidingWindowLimiter(60, 60_000);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  private get relyingParty(): { rpID: string; origin: string } {
    const url = new URL(this.config.publicUrl);
    return { rpID: url.hostname, origin: url.origin };
  }

  async list(actor: Actor): Promise<PasskeyView[]> {
    const rows = (await this.db.query(`SELECT * FROM webauthn_credentials WHERE account_id = $1 ORDER BY created_at`, [
      actor.accountId,
    ])) as CredentialRow[];
    return rows.map(toView);
  }

  async registrationOptions(actor: Actor): Promise<{ challengeId: string; options: PublicKeyCredentialCreationOptionsJSON }> {
    const account = await this.db.getRepository(Account).findOneByOrFail({ id: actor.accountId });
    const existing = (await this.db.query(`SELECT credential_id, transports FROM webauthn_credentials WHERE account_id = $1`, [
      actor.accountId,
    ])) as Pick<CredentialRow, 'credential_id' | 'transports'>[];
    const options = await generateRegistrationOptions({
      rpName: 'Fellesplan',
      rpID: this.relyingParty.rpID,
      userName: account.email,
      userDisplayName: account.name,
      userID: new TextEncoder().encode(account.id),
      attestationType: 'none',
      excludeCredentials: existing.map((c) => ({ id: c.credential_id, transports: c.transports })),
      // Discoverable, so that logging in needs no e-mail first; verified, so it is the person and not just the device.
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    });
    const challengeId = await this.saveChallenge(options.challenge, 'registration', actor.accountId);
    return { challengeId, options };
  }

  async register(actor: Actor, challengeId: string, name: string, response: RegistrationResponseJSON): Promise<PasskeyView> {
    const challenge = await this.takeChallenge(challengeId, 'registration', actor.accountId);
    const { rpID, origin } = this.relyingParty;
    const verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: true,
    }).catch(() => null);
    if (!verification?.verified) {
      await this.audit.record({ tenantId: actor.tenantId, actorAccountId: actor.accountId, action: 'auth.passkey.register.failed' }, actor);
      throw new PasskeyFailed();
    }
    const { credential } = verification.registrationInfo;
    const level = actor.session?.level ?? 'low';
    const [row] = (await this.db.query(
      `INSERT INTO webauthn_credentials (account_id, credential_id, public_key, counter, transports, name, assurance)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (credential_id) DO NOTHING RETURNING *`,
      [actor.accountId, credential.id, Buffer.from(credential.publicKey), credential.counter, credential.transports ?? [], name, level],
    )) as CredentialRow[];
    if (!row) throw new DomainError('already_exists', 409, 'This passkey is already registered');
    await this.audit.record(
      {
        tenantId: actor.tenantId,
        actorAccountId: actor.accountId,
        action: 'auth.passkey.registered',
        targetType: 'passkey',
        targetId: row.id,
        details: { name, level },
      },
      actor,
    );
    return toView(row);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    const [rows] = (await this.db.query(`DELETE FROM webauthn_credentials WHERE id = $1 AND account_id = $2 RETURNING id`, [
      id,
      actor.accountId,
    ])) as [{ id: string }[], number];
    if (!rows.length) throw new NotFound('Passkey');
    await this.audit.record(
      { tenantId: actor.tenantId, actorAccountId: actor.accountId, action: 'auth.passkey.removed', targetType: 'passkey', targetId: id },
      actor,
    );
  }

  async authenticationOptions(origin: Origin): Promise<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
    const wait = this.optionsLimiter.hit(origin.ip ?? 'unknown');
    if (wait > 0) throw new TooManyRequests('Too many login attempts; wait a little and try again', wait);
    const options = await generateAuthenticationOptions({ rpID: this.relyingParty.rpID, userVerification: 'required' });
    const challengeId = await this.saveChallenge(options.challenge, 'authentication', null);
    return { challengeId, options };
  }

  async login(challengeId: string, response: AuthenticationResponseJSON, origin: Origin): Promise<TokenPair> {
    const challenge = await this.takeChallenge(challengeId, 'authentication', null);
    const [row] = (await this.db.query(`SELECT * FROM webauthn_credentials WHERE credential_id = $1`, [response.id])) as CredentialRow[];
    const refuse = async (reason: string, account: Account | null = null) => {
      await this.audit.record(
        {
          tenantId: account?.tenantId ?? null,
          actorAccountId: account?.id ?? null,
          action: 'auth.login.failed',
          details: { method: 'passkey', reason },
        },
        origin,
      );
      return new PasskeyFailed();
    };
    // A removed passkey, or one registered somewhere else, is simply unknown here.
    if (!row) throw await refuse('unknown_credential');
    const account = await this.db.getRepository(Account).findOneBy({ id: row.account_id });
    if (!account) throw await refuse('unknown_credential');
    const { rpID, origin: expectedOrigin } = this.relyingParty;
    const verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin,
      expectedRPID: rpID,
      requireUserVerification: true,
      credential: {
        id: row.credential_id,
        publicKey: new Uint8Array(row.public_key),
        counter: Number(row.counter),
        transports: row.transports,
      },
    }).catch(() => null);
    if (!verification?.verified) throw await refuse('not_verified', account);
    // The signature counter must grow where the authenticator keeps one (0 means it keeps none): a clone otherwise.
    const { newCounter } = verification.authenticationInfo;
    if (Number(row.counter) > 0 && newCounter <= Number(row.counter)) throw await refuse('counter_not_increased', account);
    await this.db.query(`UPDATE webauthn_credentials SET counter = $2, last_used_at = now() WHERE id = $1`, [row.id, newCounter]);
    return this.auth.loginVerified(account, 'passkey', origin, row.assurance);
  }

  private async saveChallenge(challenge: string, kind: 'registration' | 'authentication', accountId: string | null): Promise<string> {
    // Abandoned ceremonies are cleared here rather than by a timer, as the OIDC login states are.
    await this.db.query(`DELETE FROM webauthn_challenges WHERE expires_at < now()`);
    const [row] = (await this.db.query(
      `INSERT INTO webauthn_challenges (challenge, kind, account_id, expires_at)
       VALUES ($1, $2, $3, now() + $4 * interval '1 second') RETURNING id`,
      [challenge, kind, accountId, CHALLENGE_TTL_SECONDS],
    )) as { id: string }[];
    return row.id;
  }

  /** The challenge, removed in the same statement: it works once, unexpired, for the same account. */
  private async takeChallenge(id: string, kind: 'registration' | 'authentication', accountId: string | null): Promise<string> {
    const [rows] = (await this.db.query(
      `DELETE FROM webauthn_challenges
        WHERE id = $1 AND kind = $2 AND account_id IS NOT DISTINCT FROM $3 AND expires_at > now()
        RETURNING challenge`,
      [id, kind, accountId],
    )) as [{ challenge: string }[], number];
    if (!rows[0]) throw new PasskeyFailed();
    return rows[0].challenge;
  }
}
