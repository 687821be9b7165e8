/**
 * Notifications: made inside the caller's transaction (so a notification exists exactly when
 * what it tells about was committed), listed in the app, and e-mailed by the recipient's
 * preference: at once (the row is the e-mail's outbox: sent after commit, retried by the reminder job), in the
 * daily digest, or not at all. The in-app list always has every notification.
 */
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  CONFIGURABLE_NOTIFICATION_KINDS,
  type NotificationDelivery,
  type NotificationKind,
  type NotificationPage,
  type NotificationPreferences,
  type NotificationView,
  type UpdateNotificationPreferences,
} from '#contracts';
import type { Actor } from '../auth/actor';
import { AppConfig } from '../config/config';
import { NotFound } from '../errors/domain-error';
import { CoordinationConfig } from '../overview/coordination.config';
import { buildIcs, type CalendarInvite } from './ics';
import { SmsService } from '../sms/sms.service';
import { Mailer, type OutgoingMail } from './mailer.service';
import { NotificationPreference } from './notification-preference.entity';
import { Notification, type EmailStatus } from './notification.entity';
import { digestMail, inAppText, mailText, singleMail, type Locale, type NotificationParams } from './templates';

export type Recipient = { accountId: string } | { email: string; name: string | null; locale?: Locale };

export interface NewNotification {
  tenantId: string;
  recipient: Recipient;
  kind: NotificationKind;
  params: NotificationParams;
  /** Path in the web app, e.g. /planer/:id. */
  link?: string | null;
  planId?: string | null;
  /** The same key twice makes one notification (e.g. an event handled twice). */
  dedupeKey?: string;
  /** When what it tells about happened, if not now (an outbox message carried out later). */
  createdAt?: Date;
  /** A calendar invitation; the recipient becomes its attendee. */
  calendar?: Omit<CalendarInvite, 'attendee' | 'organizer'>;
  /** What an SMS reply (JA/NEI to a meeting reminder) answers. */
  replyTo?: { meetingId: string; memberId: string };
}

export interface CreatedNotification {
  id: string;
  emailStatus: EmailStatus;
  /** An SMS was written to the outbox with it (wake the outbox after commit). */
  sms?: boolean;
}

const MAX_EMAIL_ATTEMPTS = 5;

export function toNotificationView(n: Notification): NotificationView {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.link,
    planId: n.planId,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}

@Injectable()
export class NotificationsService {
  private readonly logger = new Logger('Notifications');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mailer: Mailer,
    private readonly config: AppConfig,
    private readonly coordination: CoordinationConfig,
    private readonly sms: SmsService,
  ) {}

  // ------------------------------------------------------------ making notifications

  /** Adds a notification inside `tx`. Null when there is nobody to tell (a disabled account) or it already exists. */
  async create(tx: EntityManager, n: NewNotification): Promise<CreatedNotification | null> {
    const who = await this.resolve(tx, n.tenantId, n.recipient);
    if (!who) return null;
    const delivery = n.kind === 'invitation' || !who.accountId ? 'immediate' : await this.deliveryFor(tx, who.accountId, n.kind);
    const emailStatus: EmailStatus = !who.email ? 'none' : delivery === 'off' ? 'off' : delivery === 'digest' ? 'digest' : 'pending';
    const text = inAppText(n.kind, n.params, who.locale, this.coordination.NOTIFICATION_TIME_ZONE);
    const ics =
      n.calendar && who.email
        ? buildIcs({ ...n.calendar, organizer: this.mailer.from, attendee: { name: who.name ?? who.email, email: who.email } })
        : null;
    // Secrets (an invitation link) are never stored: the invitation is sent from memory.
    const { invitationUrl: _secret, ...data } = n.params;
    const rows = (await tx.query(
      `INSERT INTO notifications (tenant_id, account_id, email, locale, kind, title, body, link, plan_id, data, ics, dedupe_key, email_status, created_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,COALESCE($14, now()))
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [
        n.tenantId,
        who.accountId,
        who.email,
        who.locale,
        n.kind,
        text.title.slice(0, 500),
        text.body.slice(0, 2000),
        n.link ?? null,
        n.planId ?? null,
        JSON.stringify(data),
        ics,
        n.dedupeKey ?? null,
        emailStatus,
        n.createdAt ?? null,
      ],
    )) as { id: string }[];
    if (!rows[0]) return null;
    // The one seam through which any kind goes by SMS, by the recipient's SMS preferences.
    const sms =
      who.accountId && n.kind !== 'invitation'
        ? await this.sms.forNotification(tx, {
            notificationId: rows[0].id,
            tenantId: n.tenantId,
            accountId: who.accountId,
            kind: n.kind,
            params: data,
            locale: who.locale,
            planId: n.planId ?? null,
            meetingId: n.replyTo?.meetingId ?? null,
            memberId: n.replyTo?.memberId ?? null,
          })
        : null;
    return { id: rows[0].id, emailStatus, sms: Boolean(sms) };
  }

  /** Makes several notifications inside `tx`; the caller e-mails the immediate ones after commit (deliverSoon). */
  async createAll(tx: EntityManager, list: NewNotification[]): Promise<CreatedNotification[]> {
    const out: CreatedNotification[] = [];
    for (const n of list) {
      const c = await this.create(tx, n);
      if (c) out.push(c);
    }
    return out;
  }

  /** After commit: send the immediate e-mails without holding up the caller. */
  deliverSoon(created: CreatedNotification[]): void {
    if (created.some((c) => c.sms)) this.sms.wake();
    const ids = created.filter((c) => c.emailStatus === 'pending').map((c) => c.id);
    if (!ids.length) return;
    void this.deliver(ids).catch((error: unknown) => this.logger.error(`delivering notifications failed: ${String(error)}`));
  }

  /**
   * An invitation carries a one-time link whose token is stored only as a hash, so it is sent
   * from memory at once and never through the outbox; if sending fails, the inviter sends a new one.
   */
  async sendInvitation(n: NewNotification & { kind: 'invitation'; params: { invitationUrl: string } }): Promise<boolean> {
    const created = await this.db.transaction((tx) => this.create(tx, n));
    if (!created || created.emailStatus !== 'pending') return false;
    return this.deliverOne(created.id, n.params.invitationUrl);
  }

  // ------------------------------------------------------------ e-mail

  async deliver(ids: string[]): Promise<number> {
    let sent = 0;
    for (const id of ids) if (await this.deliverOne(id)) sent++;
    return sent;
  }

  /** Retries what is left in the outbox (failed sends, a node that stopped before sending). */
  async deliverPending(limit = 200, tenantId?: string): Promise<number> {
    const rows = (await this.db.query(
      `SELECT id FROM notifications WHERE email_status = 'pending' AND kind <> 'invitation' AND ($2::uuid IS NULL OR tenant_id = $2)
        ORDER BY created_at LIMIT $1`,
      [limit, tenantId ?? null],
    )) as { id: string }[];
    return this.deliver(rows.map((r) => r.id));
  }

  /**
   * Sends one outbox row. The row lock (SKIP LOCKED) means two nodes never send the same row;
   * the status flips to sent in the same transaction.
   */
  private async deliverOne(id: string, secretLink?: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const n = await tx
        .getRepository(Notification)
        .createQueryBuilder('n')
        .where("n.id = :id AND n.email_status = 'pending'", { id })
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getOne();
      if (!n || !n.email) return false;
      try {
        await this.mailer.send(this.composeSingle(n, secretLink));
        await tx.query(
          `UPDATE notifications SET email_status = 'sent', emailed_at = now(), email_attempts = email_attempts + 1 WHERE id = $1`,
          [id],
        );
        return true;
      } catch (error) {
        const giveUp = secretLink !== undefined || n.emailAttempts + 1 >= MAX_EMAIL_ATTEMPTS;
        this.logger.warn(
          `e-mail for notification ${id} failed (attempt ${n.emailAttempts + 1}${giveUp ? ', giving up' : ''}): ${String(error)}`,
        );
        await tx.query(`UPDATE notifications SET email_attempts = email_attempts + 1, email_status = $2 WHERE id = $1`, [
          id,
          giveUp ? 'failed' : 'pending',
        ]);
        return false;
      }
    });
  }

  /**
   * Sends each account its daily digest, at most once per local day: the digest's key in
   * sent_reminders is inserted in the same transaction that marks its notifications sent.
   */
  async sendDigests(today: string, tenantId?: string): Promise<number> {
    const accounts = (await this.db.query(
      `SELECT DISTINCT account_id FROM notifications WHERE email_status = 'digest' AND ($1::uuid IS NULL OR tenant_id = $1)`,
      [tenantId ?? null],
    )) as { account_id: string }[];
    let sent = 0;
    for (const { account_id: accountId } of accounts) {
      const done = await this.db
        .transaction(async (tx) => {
          const claimed = (await tx.query(
            `INSERT INTO sent_reminders (kind, target_id, recipient, due_on) VALUES ('digest', $1::uuid, $1::text, $2)
             ON CONFLICT DO NOTHING RETURNING kind`,
            [accountId, today],
          )) as unknown[];
          if (!claimed.length) return false;
          const rows = await tx
            .getRepository(Notification)
            .createQueryBuilder('n')
            .where("n.account_id = :accountId AND n.email_status = 'digest'", { accountId })
            .orderBy('n.created_at', 'ASC')
            .setLock('pessimistic_write')
            .getMany();
          const to = rows.find((r) => r.email)?.email;
          if (!rows.length || !to) return false;
          const locale = rows[rows.length - 1].locale;
          const tz = this.coordination.NOTIFICATION_TIME_ZONE;
          const mail = digestMail(
            rows.map((r) => ({ text: mailText(r.kind, r.data, locale, tz), link: this.absolute(r.link ?? '/varsler') })),
            this.absolute('/varsler/innstillinger'),
            locale,
          );
          // A digest carries each calendar invitation it gathered as its own .ics file.
          const attachments = rows
            .filter((r) => r.ics)
            .map((r, i) => ({
              filename: `${locale === 'nb' ? 'mote' : 'meeting'}-${i + 1}.ics`,
              content: r.ics!,
              contentType: `text/calendar; charset=utf-8; method=${/METHOD:CANCEL/.test(r.ics!) ? 'CANCEL' : 'REQUEST'}`,
            }));
          await this.mailer.send({ to: { name: null, address: to }, ...mail, attachments });
          await tx.query(`UPDATE notifications SET email_status = 'sent', emailed_at = now() WHERE id = ANY($1)`, [rows.map((r) => r.id)]);
          return true;
        })
        .catch((error: unknown) => {
          this.logger.warn(`digest for ${accountId} failed: ${String(error)}`);
          return false;
        });
      if (done) sent++;
    }
    return sent;
  }

  private composeSingle(n: Notification, secretLink?: string): OutgoingMail {
    const tz = this.coordination.NOTIFICATION_TIME_ZONE;
    const text = mailText(n.kind, n.data, n.locale, tz);
    const body = singleMail(text, secretLink ?? this.absolute(n.link ?? '/varsler'), this.absolute('/varsler/innstillinger'), n.locale);
    const method = n.ics && /METHOD:CANCEL/.test(n.ics) ? 'CANCEL' : 'REQUEST';
    return {
      to: { name: null, address: n.email! },
      ...body,
      ...(n.ics ? { calendar: { method, content: n.ics, filename: n.locale === 'nb' ? 'mote.ics' : 'meeting.ics' } } : {}),
    };
  }

  private absolute(path: string): string {
    return /^https?:\/\//.test(path) ? path : `${this.config.publicUrl.replace(/\/$/, '')}${path}`;
  }

  // ------------------------------------------------------------ the in-app list

  async list(actor: Actor, query: { unread?: boolean; limit: number; offset: number }): Promise<NotificationPage> {
    // The page and its counts from one snapshot: a notification made between two reads would
    // otherwise be counted but missing from the page.
    return this.db.transaction('REPEATABLE READ', async (manager) => {
      const qb = manager
        .getRepository(Notification)
        .createQueryBuilder('n')
        .where('n.account_id = :accountId AND n.tenant_id = :tenantId', { accountId: actor.accountId, tenantId: actor.tenantId })
        .orderBy('n.created_at', 'DESC')
        .addOrderBy('n.id', 'DESC')
        .limit(query.limit)
        .offset(query.offset);
      if (query.unread) qb.andWhere('n.read_at IS NULL');
      const [rows, total] = await qb.getManyAndCount();
      const unread = await this.unreadCount(actor, manager);
      return { items: rows.map(toNotificationView), total, unread, limit: query.limit, offset: query.offset };
    });
  }

  async markRead(actor: Actor, id: string): Promise<NotificationView> {
    const repo = this.db.getRepository(Notification);
    const n = await repo.findOneBy({ id, accountId: actor.accountId, tenantId: actor.tenantId });
    if (!n) throw new NotFound('Notification');
    if (!n.readAt) {
      n.readAt = new Date();
      await repo.update({ id }, { readAt: n.readAt });
    }
    return toNotificationView(n);
  }

  async markAllRead(actor: Actor): Promise<{ updated: number }> {
    const [{ n }] = (await this.db.query(
      `WITH u AS (UPDATE notifications SET read_at = now() WHERE account_id = $1 AND tenant_id = $2 AND read_at IS NULL RETURNING 1)
       SELECT count(*)::int AS n FROM u`,
      [actor.accountId, actor.tenantId],
    )) as { n: number }[];
    return { updated: n };
  }

  private async unreadCount(actor: Actor, manager: EntityManager = this.db.manager): Promise<number> {
    const [{ n }] = (await manager.query(
      `SELECT count(*)::int AS n FROM notifications WHERE account_id = $1 AND tenant_id = $2 AND read_at IS NULL`,
      [actor.accountId, actor.tenantId],
    )) as { n: number }[];
    return n;
  }

  // ------------------------------------------------------------ preferences

  async preferences(actor: Actor): Promise<NotificationPreferences> {
    const rows = await this.db.getRepository(NotificationPreference).findBy({ accountId: actor.accountId });
    const kinds: NotificationPreferences['kinds'] = {};
    let def: NotificationDelivery = 'immediate';
    for (const r of rows) {
      if (r.kind === '*') def = r.delivery;
      else if ((CONFIGURABLE_NOTIFICATION_KINDS as string[]).includes(r.kind)) kinds[r.kind as NotificationKind] = r.delivery;
    }
    return { default: def, kinds, sms: await this.sms.preferences(this.db.manager, actor.accountId) };
  }

  async updatePreferences(actor: Actor, dto: UpdateNotificationPreferences): Promise<NotificationPreferences> {
    await this.db.transaction(async (tx) => {
      const upsert = (kind: string, delivery: NotificationDelivery) =>
        tx.query(
          `INSERT INTO notification_preferences (account_id, kind, delivery) VALUES ($1, $2, $3)
           ON CONFLICT (account_id, kind) DO UPDATE SET delivery = EXCLUDED.delivery, updated_at = now()`,
          [actor.accountId, kind, delivery],
        );
      if (dto.default) await upsert('*', dto.default);
      for (const [kind, delivery] of Object.entries(dto.kinds ?? {})) {
        if (delivery) await upsert(kind, delivery);
        else await tx.query(`DELETE FROM notification_preferences WHERE account_id = $1 AND kind = $2`, [actor.accountId, kind]);
      }
      if (dto.sms) await this.sms.updatePreferences(tx, actor.accountId, dto.sms);
    });
    return this.preferences(actor);
  }

  /** PUT /api/notifications/phone: the number SMS goes to (E.164; 8 Norwegian digits get +47). */
  async setPhone(actor: Actor, phone: string | null): Promise<NotificationPreferences> {
    await this.db.transaction(async (tx) => {
      await this.sms.setPhone(tx, actor.accountId, phone);
      // Without a number there is no SMS: it stays off until a number is given and SMS turned on again.
      if (phone === null) await this.sms.updatePreferences(tx, actor.accountId, { enabled: false });
    });
    return this.preferences(actor);
  }

  private async deliveryFor(tx: EntityManager, accountId: string, kind: NotificationKind): Promise<NotificationDelivery> {
    const rows = (await tx.query(`SELECT kind, delivery FROM notification_preferences WHERE account_id = $1 AND kind IN ($2, '*')`, [
      accountId,
      kind,
    ])) as { kind: string; delivery: NotificationDelivery }[];
    return rows.find((r) => r.kind === kind)?.delivery ?? rows.find((r) => r.kind === '*')?.delivery ?? 'immediate';
  }

  private async resolve(
    tx: EntityManager,
    tenantId: string,
    recipient: Recipient,
  ): Promise<{ accountId: string | null; email: string | null; name: string | null; locale: Locale } | null> {
    if ('accountId' in recipient) {
      const [a] = (await tx.query(`SELECT id, email, name, locale FROM accounts WHERE id = $1 AND tenant_id = $2 AND disabled_at IS NULL`, [
        recipient.accountId,
        tenantId,
      ])) as { id: string; email: string; name: string; locale: Locale }[];
      return a ? { accountId: a.id, email: a.email, name: a.name, locale: a.locale } : null;
    }
    // An address that belongs to an account in the tenant gets the account's list and preferences.
    const email = recipient.email.trim().toLowerCase();
    const [a] = (await tx.query(`SELECT id, name, locale FROM accounts WHERE email = $1 AND tenant_id = $2 AND disabled_at IS NULL`, [
      email,
      tenantId,
    ])) as { id: string; name: string; locale: Locale }[];
    return a
      ? { accountId: a.id, email, name: a.name, locale: a.locale }
      : { accountId: null, email, name: recipient.name, locale: recipient.locale ?? 'nb' };
  }
}
