/**
 * SMS as a channel beside in-app and e-mail (docs/sms.md).
 *
 * Sending: a message is a row in sms_messages with a unique idempotency key, written in the
 * caller's transaction together with an outbox message ('sms.send'), so it exists exactly when
 * what it tells about was committed. Any node carries it out (events/outbox.service.ts): outside
 * quiet hours it submits it and marks it sent in the transaction that deletes the outbox row; a
 * gateway that is down or refuses makes the outbox retry with backoff (5 s, 10 s, 20 s …); in
 * quiet hours (21–08, NOTIFICATION_TIME_ZONE) the message is held until 08:00, never dropped.
 *
 * What is guaranteed: each message is made once (its key), and is submitted until the gateway
 * accepts it. A message the gateway accepted is submitted again only if the acceptance was lost
 * (the connection dropped after submit_sm, or the node died before its commit); the second copy
 * carries the same idempotency key (TLV 0x1F01) for a gateway that de-duplicates on it.
 *
 * Receiving: a reply (deliver_sm) from a number we have sent to: STOPP stops SMS to that number;
 * JA/NEI answers the most recent meeting reminder sent to it (through the handler the attendance
 * feature registers); anything else gets a short answer. A reply from a number we never sent to,
 * a malformed number or an oversized text is refused with an SMPP error status and writes nothing.
 */
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import * as smpp from 'smpp';
import {
  CONFIGURABLE_NOTIFICATION_KINDS,
  SMS_DEFAULT_KINDS,
  type NotificationKind,
  type SmsPreferences,
  type UpdateSmsPreferences,
} from '#contracts';
import { AppConfig } from '../config/config';
import { BadRequest, DomainError } from '../errors/domain-error';
import { Outbox } from '../events/outbox.service';
import { CoordinationConfig } from '../overview/coordination.config';
import { inboundNumber, maskPhone, normalizePhone } from './phone';
import { quietUntil } from './quiet-hours';
import {
  invitationSmsText,
  MAX_SMS_LENGTH,
  replyKeyword,
  SMS_REPLIES,
  smsText,
  type InvitationSms,
  type SmsLocale,
  type SmsParams,
} from './sms-templates';
import { SmppTransport, type InboundSms } from './smpp-transport.service';

/** Gives up (status failed, the outbox row kept with its error) after this many refused sends. */
const MAX_SMS_ATTEMPTS = 10;

export interface NewSms {
  idempotencyKey: string;
  tenantId: string | null;
  accountId: string | null;
  notificationId?: string | null;
  kind: string;
  to: string;
  body: string;
  planId?: string | null;
  meetingId?: string | null;
  memberId?: string | null;
  /** Sent also in quiet hours and to a stopped number: what the person just asked for (a reply, a reset link). */
  quietExempt?: boolean;
}

/** A JA/NEI reply to a meeting reminder, for the attendance feature to record. */
export interface MeetingReply {
  tenantId: string;
  accountId: string;
  planId: string;
  meetingId: string;
  memberId: string;
  response: 'confirmed' | 'declined';
}

export type MeetingReplyHandler = (reply: MeetingReply) => Promise<boolean>;

export class PhoneInvalid extends DomainError {
  constructor() {
    super('phone_invalid', 400, 'Not a phone number: give it in E.164 (+4791234567) or as 8 Norwegian digits');
  }
}

interface SmsRow {
  id: string;
  idempotency_key: string;
  to_number: string;
  body: string;
  status: string;
  quiet_exempt: boolean;
  attempts: number;
}

@Injectable()
export class SmsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Sms');
  private meetingReply: MeetingReplyHandler | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly transport: SmppTransport,
    private readonly config: AppConfig,
    private readonly coordination: CoordinationConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.outbox.handle('sms.send', (tx, { smsId }) => this.send(tx, smsId));
    this.transport.onInbound((sms) => this.receive(sms));
    this.transport.start();
  }

  /** The attendance feature answers JA/NEI to meeting reminders (it sits above this channel). */
  onMeetingReply(handler: MeetingReplyHandler): void {
    this.meetingReply = handler;
  }

  // ------------------------------------------------------------ sending

  /** Writes one SMS in `tx` (once per idempotency key); carried out after commit by the outbox. */
  async enqueue(tx: EntityManager, sms: NewSms): Promise<string | null> {
    if (!normalizePhone(sms.to) || sms.to !== normalizePhone(sms.to)) throw new PhoneInvalid();
    if (!sms.body || sms.body.length > MAX_SMS_LENGTH) throw new BadRequest(`An SMS has 1 to ${MAX_SMS_LENGTH} characters`);
    const rows = (await tx.query(
      `INSERT INTO sms_messages (idempotency_key, tenant_id, account_id, notification_id, kind, to_number, body, plan_id, meeting_id, member_id, quiet_exempt)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      [
        sms.idempotencyKey,
        sms.tenantId,
        sms.accountId,
        sms.notificationId ?? null,
        sms.kind,
        sms.to,
        sms.body,
        sms.planId ?? null,
        sms.meetingId ?? null,
        sms.memberId ?? null,
        sms.quietExempt ?? false,
      ],
    )) as { id: string }[];
    if (!rows[0]) return null;
    await this.outbox.add(tx, 'sms.send', { smsId: rows[0].id });
    return rows[0].id;
  }

  /** After a commit that enqueued SMS: send now rather than at the outbox's next sweep. */
  wake(): void {
    this.outbox.wake();
  }

  /**
   * The SMS for a notification, if its recipient wants this kind by SMS and has a number that
   * has not said STOPP. Called by NotificationsService.create inside its transaction: the one
   * seam through which every notification kind can go by SMS.
   */
  async forNotification(
    tx: EntityManager,
    n: {
      notificationId: string;
      tenantId: string;
      accountId: string;
      kind: NotificationKind;
      params: SmsParams;
      locale: SmsLocale;
      planId?: string | null;
      meetingId?: string | null;
      memberId?: string | null;
    },
  ): Promise<string | null> {
    const [a] = (await tx.query(`SELECT phone FROM accounts WHERE id = $1 AND disabled_at IS NULL`, [n.accountId])) as {
      phone: string | null;
    }[];
    const phone = normalizePhone(a?.phone);
    if (!phone) return null;
    const prefs = (await tx.query(`SELECT kind, enabled FROM sms_preferences WHERE account_id = $1 AND kind IN ('*', $2)`, [
      n.accountId,
      n.kind,
    ])) as { kind: string; enabled: boolean }[];
    const on = prefs.find((p) => p.kind === '*')?.enabled ?? false;
    const kindChoice = prefs.find((p) => p.kind === n.kind)?.enabled;
    if (!on || !(kindChoice ?? SMS_DEFAULT_KINDS.includes(n.kind))) return null;
    const [stopped] = (await tx.query(`SELECT 1 FROM sms_stops WHERE phone = $1`, [phone])) as unknown[];
    if (stopped) return null;
    return this.enqueue(tx, {
      idempotencyKey: `notification:${n.notificationId}`,
      tenantId: n.tenantId,
      accountId: n.accountId,
      notificationId: n.notificationId,
      kind: n.kind,
      to: phone,
      body: smsText(n.kind, n.params, n.locale, this.coordination.NOTIFICATION_TIME_ZONE),
      planId: n.planId,
      meetingId: n.meetingId,
      memberId: n.memberId,
    });
  }

  /**
   * A text the person asked for themself (a password reset link), sent from memory and at once,
   * also in quiet hours; never stored, since it carries a secret. False when it could not be sent.
   */
  async sendNow(to: string, body: string, idempotencyKey: string): Promise<boolean> {
    if (body.length > MAX_SMS_LENGTH) throw new BadRequest(`An SMS has at most ${MAX_SMS_LENGTH} characters`);
    try {
      await this.transport.submit({ to, body, idempotencyKey });
      return true;
    } catch (error) {
      this.logger.warn(`SMS to ${maskPhone(to)} failed: ${String(error)}`);
      return false;
    }
  }

  /**
   * An invitation link to someone invited by phone only, sent from memory at once (the link is a
   * secret and is never stored). Not in quiet hours and not to a number that answered STOPP: the
   * invited person did not ask for it, and the inviter still has the link to pass on. The text
   * names no person, plan or service (sms-templates.ts).
   */
  async sendInvitation(phone: string, url: string, locale: SmsLocale, idempotencyKey: string): Promise<InvitationSms> {
    const to = normalizePhone(phone);
    if (!to) return 'invalid_number';
    const body = invitationSmsText(url, locale);
    if (body.length > MAX_SMS_LENGTH) {
      this.logger.warn('an invitation link is too long for one SMS (PUBLIC_URL); not sent');
      return 'too_long';
    }
    if (quietUntil(this.coordination.NOTIFICATION_TIME_ZONE, this.config.now())) return 'quiet_hours';
    const [stopped] = (await this.db.query(`SELECT 1 FROM sms_stops WHERE phone = $1`, [to])) as unknown[];
    if (stopped) return 'stopped';
    return (await this.sendNow(to, body, idempotencyKey)) ? 'sent' : 'failed';
  }

  /** The outbox handler: one message, in the transaction that deletes its outbox row. */
  private async send(tx: EntityManager, smsId: string): Promise<undefined> {
    const [row] = (await tx.query(
      `SELECT id, idempotency_key, to_number, body, status, quiet_exempt, attempts FROM sms_messages WHERE id = $1`,
      [smsId],
    )) as SmsRow[];
    if (!row || row.status === 'sent' || row.status === 'cancelled' || row.status === 'failed') return;
    if (!row.quiet_exempt) {
      const [stopped] = (await tx.query(`SELECT 1 FROM sms_stops WHERE phone = $1`, [row.to_number])) as unknown[];
      if (stopped) {
        await tx.query(`UPDATE sms_messages SET status = 'cancelled', last_error = 'the number answered STOPP' WHERE id = $1`, [row.id]);
        return;
      }
      const now = this.config.now();
      const until = quietUntil(this.coordination.NOTIFICATION_TIME_ZONE, now);
      if (until) {
        // Held, not dropped: the same message again at 08:00 (by the app's clock; see TEST_CLOCK_OFFSET_MS).
        await tx.query(`UPDATE sms_messages SET status = 'deferred', not_before = $2 WHERE id = $1`, [row.id, until]);
        await this.outbox.add(tx, 'sms.send', { smsId: row.id }, new Date(Date.now() + (until.getTime() - now.getTime())));
        return;
      }
    }
    let gatewayId: string;
    try {
      gatewayId = await this.transport.submit({ to: row.to_number, body: row.body, idempotencyKey: row.idempotency_key });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const giveUp = row.attempts + 1 >= MAX_SMS_ATTEMPTS;
      // Outside the outbox's transaction (which rolls back): the attempt is counted either way.
      await this.db.query(`UPDATE sms_messages SET attempts = attempts + 1, last_error = $2, status = $3 WHERE id = $1`, [
        row.id,
        message.slice(0, 500),
        giveUp ? 'failed' : row.status,
      ]);
      throw error;
    }
    await tx.query(
      `UPDATE sms_messages SET status = 'sent', sent_at = now(), attempts = attempts + 1, gateway_message_id = $2, last_error = NULL WHERE id = $1`,
      [row.id, gatewayId.slice(0, 100)],
    );
    return;
  }

  // ------------------------------------------------------------ receiving

  /** A reply from a phone; answers with an SMPP command status. */
  async receive(sms: InboundSms): Promise<number> {
    const from = inboundNumber(sms.from, sms.ton);
    if (!from) {
      this.logger.warn('SMS reply refused: the sender is not a phone number');
      return smpp.errors.ESME_RINVSRCADR;
    }
    if (sms.text.length > MAX_SMS_LENGTH) {
      this.logger.warn(`SMS reply from ${maskPhone(from)} refused: longer than ${MAX_SMS_LENGTH} characters`);
      return smpp.errors.ESME_RINVMSGLEN;
    }
    const [last] = (await this.db.query(
      `SELECT s.tenant_id, s.account_id, a.locale FROM sms_messages s LEFT JOIN accounts a ON a.id = s.account_id
        WHERE s.to_number = $1 AND s.status = 'sent' AND s.account_id IS NOT NULL ORDER BY s.sent_at DESC LIMIT 1`,
      [from],
    )) as { tenant_id: string; account_id: string; locale: SmsLocale | null }[];
    if (!last) {
      this.logger.warn(`SMS reply from ${maskPhone(from)} refused: no message was sent to that number`);
      return smpp.errors.ESME_RX_R_APPN;
    }
    const locale: SmsLocale = last.locale ?? 'nb';
    // The gateway delivers again when our answer to it is lost: the same reply within ten minutes is one reply.
    const window = Math.floor(Date.now() / 600_000);
    const key = (what: string) => `reply:${createHash('sha256').update(`${from}\n${sms.text}\n${window}`).digest('base64url')}:${what}`;
    const keyword = replyKeyword(sms.text);
    await this.db.transaction(async (tx) => {
      const [stopped] = (await tx.query(`SELECT 1 FROM sms_stops WHERE phone = $1`, [from])) as unknown[];
      const answer = async (what: keyof (typeof SMS_REPLIES)['nb']) => {
        await this.enqueue(tx, {
          idempotencyKey: key(what),
          tenantId: last.tenant_id,
          accountId: last.account_id,
          kind: `reply_${what}`,
          to: from,
          body: SMS_REPLIES[locale][what],
          quietExempt: true,
        });
      };
      if (keyword === 'stop') {
        await tx.query(`INSERT INTO sms_stops (phone) VALUES ($1) ON CONFLICT DO NOTHING`, [from]);
        // Nothing more goes to the number, not even what waits in the outbox.
        await tx.query(
          `UPDATE sms_messages SET status = 'cancelled', last_error = 'the number answered STOPP'
                         WHERE to_number = $1 AND status IN ('pending','deferred') AND NOT quiet_exempt`,
          [from],
        );
        if (!stopped) await answer('stopped');
        return;
      }
      if (keyword === 'yes' || keyword === 'no') {
        const [reminder] = (await tx.query(
          `SELECT tenant_id, account_id, plan_id, meeting_id, member_id FROM sms_messages
            WHERE to_number = $1 AND status = 'sent' AND kind = 'meeting_reminder' AND meeting_id IS NOT NULL
            ORDER BY sent_at DESC LIMIT 1`,
          [from],
        )) as { tenant_id: string; account_id: string; plan_id: string; meeting_id: string; member_id: string }[];
        const response = keyword === 'yes' ? 'confirmed' : 'declined';
        const recorded =
          reminder && this.meetingReply
            ? await this.meetingReply({
                tenantId: reminder.tenant_id,
                accountId: reminder.account_id,
                planId: reminder.plan_id,
                meetingId: reminder.meeting_id,
                memberId: reminder.member_id,
                response,
              })
            : false;
        if (!stopped) await answer(recorded ? response : 'nothingToAnswer');
        return;
      }
      if (!stopped) await answer('unknown');
    });
    this.wake();
    return smpp.ESME_ROK;
  }

  // ------------------------------------------------------------ preferences

  async preferences(manager: EntityManager, accountId: string): Promise<SmsPreferences> {
    const [a] = (await manager.query(`SELECT phone FROM accounts WHERE id = $1`, [accountId])) as { phone: string | null }[];
    const phone = normalizePhone(a?.phone);
    const rows = (await manager.query(`SELECT kind, enabled FROM sms_preferences WHERE account_id = $1`, [accountId])) as {
      kind: string;
      enabled: boolean;
    }[];
    const [stop] = phone
      ? ((await manager.query(`SELECT stopped_at FROM sms_stops WHERE phone = $1`, [phone])) as { stopped_at: Date }[])
      : [];
    const kinds: SmsPreferences['kinds'] = {};
    for (const r of rows) if ((CONFIGURABLE_NOTIFICATION_KINDS as string[]).includes(r.kind)) kinds[r.kind as NotificationKind] = r.enabled;
    const on = rows.find((r) => r.kind === '*')?.enabled ?? false;
    return { phone, enabled: on && Boolean(phone) && !stop, kinds, stoppedAt: stop?.stopped_at.toISOString() ?? null };
  }

  /** Turning SMS on needs a phone number, and lifts a STOPP of that number: the person chose it here. */
  async updatePreferences(tx: EntityManager, accountId: string, dto: UpdateSmsPreferences): Promise<void> {
    const upsert = (kind: string, enabled: boolean) =>
      tx.query(
        `INSERT INTO sms_preferences (account_id, kind, enabled) VALUES ($1, $2, $3)
         ON CONFLICT (account_id, kind) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = now()`,
        [accountId, kind, enabled],
      );
    if (dto.enabled !== undefined) {
      const [a] = (await tx.query(`SELECT phone FROM accounts WHERE id = $1`, [accountId])) as { phone: string | null }[];
      const phone = normalizePhone(a?.phone);
      if (dto.enabled && !phone) throw new DomainError('phone_required', 400, 'SMS needs a phone number on your account first');
      if (dto.enabled && phone) await tx.query(`DELETE FROM sms_stops WHERE phone = $1`, [phone]);
      await upsert('*', dto.enabled);
    }
    for (const [kind, enabled] of Object.entries(dto.kinds ?? {})) {
      if (enabled === null || enabled === undefined)
        await tx.query(`DELETE FROM sms_preferences WHERE account_id = $1 AND kind = $2`, [accountId, kind]);
      else await upsert(kind, enabled);
    }
  }

  /** Sets the account's phone number (normalized to E.164); null removes it. */
  async setPhone(tx: EntityManager, accountId: string, input: string | null): Promise<void> {
    const phone = input === null ? null : normalizePhone(input);
    if (input !== null && !phone) throw new PhoneInvalid();
    await tx.query(`UPDATE accounts SET phone = $2, updated_at = now() WHERE id = $1`, [accountId, phone]);
  }
}
