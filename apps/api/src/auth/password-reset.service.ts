/**
 * "Glemt passord?": a one-time link by e-mail, valid 30 minutes, used once, kept only as a hash.
 *
 * Asking always gets the same answer, whether or not the address has an account, and does about
 * the same work either way: the mail is sent after the answer, so its time does not tell. Asking
 * is limited per client address (per node, in memory) and per account (in the database, so every
 * node counts). Setting a new password ends every session of the account: refresh tokens
 * revoked, access tokens refused, live sockets closed (the road a disabled account takes).
 *
 * SMS: when the account has SMS on (a phone number, no STOPP), `deliver` also sends the same
 * link by SMS (sms/, sent at once and never stored, since it carries the secret).
 */
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { PasswordResetRequested } from '#contracts';
import { Account } from '../accounts/account.entity';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/config';
import { DomainError, TooManyRequests } from '../errors/domain-error';
import { Mailer } from '../notifications/mailer.service';
import { MAX_SMS_LENGTH } from '../sms/sms-templates';
import { SmsService } from '../sms/sms.service';
import type { Origin } from './actor';
import { AuthService } from './auth.service';
import { SlidingWindowLimiter } from './login-throttle';
import { hashPassword } from './password';

export const RESET_TTL_MINUTES = 30;
/** Links per account per hour: enough for a lost mail or two, too few to flood an inbox. */
const RESETS_PER_ACCOUNT_PER_HOUR = 3;
/** A placeholder id for the same count query when there is no account. */
const NO_ACCOUNT = '00000000-0000-0000-0000-000000000000';

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

const ANSWER: PasswordResetRequested = {
  message: 'If the address belongs to an account, a link to choose a new password is on its way. It works once, for 30 minutes.',
};

const MAIL = {
  nb: {
    subject: 'Velg nytt passord i Fellesplan',
    text: (url: string) =>
      `Noen (forhåpentligvis du) har bedt om å få velge nytt passord i Fellesplan.\n\nÅpne lenken for å velge et nytt passord. Den virker én gang, i ${RESET_TTL_MINUTES} minutter:\n${url}\n\nHar du ikke bedt om dette, kan du se bort fra e-posten. Passordet ditt er ikke endret.`,
  },
  en: {
    subject: 'Choose a new password for Fellesplan',
    text: (url: string) =>
      `Someone (hopefully you) asked to choose a new password for Fellesplan.\n\nOpen the link to choose a new password. It works once, for ${RESET_TTL_MINUTES} minutes:\n${url}\n\nIf you did not ask for this, ignore this e-mail. Your password has not changed.`,
  },
} as const;

const SMS_TEXT = {
  nb: (url: string) => `Velg nytt passord i Fellesplan (virker én gang, i ${RESET_TTL_MINUTES} min): ${url}`,
  en: (url: string) => `Choose a new password for Fellesplan (works once, for ${RESET_TTL_MINUTES} min): ${url}`,
} as const;

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger(PasswordResetService.name);
  /** Per client address, on this node. */
  private readonly requestLimiter = new SlidingWindowLimiter(20, 15 * 60_000);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly mailer: Mailer,
    private readonly sms: SmsService,
  ) {}

  async request(emailInput: string, origin: Origin): Promise<PasswordResetRequested> {
    const wait = this.requestLimiter.hit(origin.ip ?? 'unknown');
    if (wait > 0) throw new TooManyRequests('Too many requests; wait a little and try again', wait);
    const email = emailInput.trim().toLowerCase();
    // An address may have an account in more than one municipality: each gets its own link.
    const accounts = await this.db.getRepository(Account).findBy({ email });
    if (accounts.length === 0) {
      // The same count query as for an account, so that an unknown address does the same work.
      await this.recentResets(NO_ACCOUNT);
      await this.audit.record(
        { tenantId: null, actorAccountId: null, action: 'auth.password.reset.requested', details: { outcome: 'unknown_email' } },
        origin,
      );
    }
    for (const account of accounts) {
      const token = randomBytes(32).toString('base64url');
      const recent = await this.recentResets(account.id);
      let outcome: 'sent' | 'disabled' | 'rate_limited';
      if (account.disabledAt) outcome = 'disabled';
      else if (recent >= RESETS_PER_ACCOUNT_PER_HOUR) outcome = 'rate_limited';
      else {
        outcome = 'sent';
        await this.db.query(
          `INSERT INTO password_resets (account_id, token_hash, expires_at) VALUES ($1, $2, now() + $3 * interval '1 minute')`,
          [account.id, hashToken(token), RESET_TTL_MINUTES],
        );
      }
      await this.audit.record(
        { tenantId: account.tenantId, actorAccountId: account.id, action: 'auth.password.reset.requested', details: { outcome } },
        origin,
      );
      // After the answer: the time an SMTP server takes must not tell whether the account exists.
      if (outcome === 'sent') setImmediate(() => void this.deliver(account, token));
    }
    return ANSWER;
  }

  private async recentResets(accountId: string): Promise<number> {
    const [{ recent }] = (await this.db.query(
      `SELECT count(*)::int AS recent FROM password_resets WHERE account_id = $1 AND created_at > now() - interval '1 hour'`,
      [accountId],
    )) as { recent: number }[];
    return recent;
  }

  /** Sets a new password with a link's token: once, before it expires. Ends every session. */
  async confirm(token: string, password: string, origin: Origin): Promise<void> {
    const passwordHash = await hashPassword(password);
    const account = await this.db.transaction(async (tx) => {
      // For UPDATE ... RETURNING, TypeORM's query() answers [rows, affected count].
      const [rows] = (await tx.query(
        `UPDATE password_resets SET used_at = now()
          WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
          RETURNING account_id`,
        [hashToken(token)],
      )) as [{ account_id: string }[], number];
      const accountId = rows[0]?.account_id;
      const found = accountId ? await tx.getRepository(Account).findOneBy({ id: accountId }) : null;
      if (!found || found.disabledAt) return null;
      await tx.getRepository(Account).update({ id: found.id }, { passwordHash });
      // The other links of the account are spent too: one new password per request.
      await tx.query(`UPDATE password_resets SET used_at = now() WHERE account_id = $1 AND used_at IS NULL`, [found.id]);
      await this.auth.endAllSessions(tx, found.id);
      await this.audit.record(
        {
          tenantId: found.tenantId,
          actorAccountId: found.id,
          action: 'auth.password.reset',
          targetType: 'account',
          targetId: found.id,
        },
        origin,
        tx,
      );
      return found;
    });
    if (!account) {
      await this.audit.record(
        { tenantId: null, actorAccountId: null, action: 'auth.password.reset.failed', details: { reason: 'token_invalid' } },
        origin,
      );
      throw new DomainError('reset_token_invalid', 410, 'This link has expired or has already been used; ask for a new one');
    }
    this.auth.sessionsEnded(account.id, account.tenantId, 'password_reset');
    await this.auth.clearLockout(account.email);
  }

  /** Sends the link by e-mail, and by SMS when the account has SMS on. */
  private async deliver(account: Account, token: string): Promise<void> {
    const url = `${this.config.publicUrl.replace(/\/+$/, '')}/nytt-passord#${token}`;
    const texts = MAIL[account.locale] ?? MAIL.nb;
    const text = texts.text(url);
    try {
      await this.mailer.send({
        to: { name: account.name, address: account.email },
        subject: texts.subject,
        text,
        html: `<p>${escapeHtml(text)
          .replace(/\n\n/g, '</p><p>')
          .replace(escapeHtml(url), `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`)}</p>`,
      });
    } catch (error) {
      this.logger.error(`sending a password reset link failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const sms = await this.sms.preferences(this.db.manager, account.id).catch(() => null);
    if (sms?.enabled && sms.phone) {
      const body = SMS_TEXT[account.locale === 'en' ? 'en' : 'nb'](url);
      if (body.length <= MAX_SMS_LENGTH) await this.sms.sendNow(sms.phone, body, `password-reset:${hashToken(token)}`);
      else this.logger.warn('the password reset link is too long for one SMS (PUBLIC_URL); sent by e-mail only');
    }
  }
}
