/**
 * The reminder job: tasks due soon and overdue, plans due for evaluation, meetings tomorrow
 * (answerable by SMS JA/NEI), daily digests, and a sweep of the e-mail outbox. Every api node runs it on a timer; each reminder still goes out
 * once, across restarts and nodes:
 * - its key (kind, target, recipient, due date) is inserted into sent_reminders in the same
 *   transaction as the notification, with ON CONFLICT DO NOTHING: only the first insert wins;
 * - a PostgreSQL advisory lock keeps two nodes from doing the same work at the same moment
 *   (a timer run skips when another node holds it; an on-demand run waits for it).
 */
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { NotificationKind, ReminderRunResult } from '#contracts';
import { AccountsService } from '../accounts/accounts.service';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { AppConfig } from '../config/config';
import { Outbox } from '../events/outbox.service';
import { addDays, localDate, localHour } from '../notifications/local-time';
import { NotificationsService, type CreatedNotification, type NewNotification } from '../notifications/notifications.service';
import { recipientOf } from '../notifications/plan-notifications.listener';
import { planRecipients } from '../notifications/plan-recipients';
import { CoordinationConfig } from '../overview/coordination.config';

const REMINDER_LOCK = 7_324_300;
/** Overdue tasks and evaluations further back than this are not reminded of (e.g. on first deploy). */
const LOOKBACK_DAYS = 30;

interface ReminderCandidate {
  kind: NotificationKind;
  targetId: string;
  dueOn: string;
  notification: Omit<NewNotification, 'recipient' | 'dedupeKey'>;
  planId: string;
  memberIds?: string[];
  roles?: ('coordinator' | 'person' | 'guardian')[];
}

@Injectable()
export class RemindersService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Reminders');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifications: NotificationsService,
    private readonly config: CoordinationConfig,
    private readonly accounts: AccountsService,
    private readonly audit: AuditService,
    private readonly evaluations: EvaluationsService,
    private readonly appConfig: AppConfig,
    private readonly outbox: Outbox,
  ) {}

  onModuleInit(): void {
    const seconds = this.config.REMINDER_INTERVAL_SECONDS;
    if (seconds <= 0) return;
    this.timer = setInterval(() => {
      this.run({ wait: false }).catch((error: unknown) => this.logger.error(`reminder run failed: ${String(error)}`));
    }, seconds * 1000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** POST /api/admin/reminders/run: the systemkoordinator runs the job now, for their tenant. */
  async runFor(actor: Actor): Promise<ReminderRunResult> {
    this.accounts.requireTenantAction(actor, 'overview.read');
    const result = await this.run({ wait: true, tenantId: actor.tenantId });
    await this.audit.record(
      { tenantId: actor.tenantId, actorAccountId: actor.accountId, action: 'reminders.run', details: { created: result.created } },
      actor,
    );
    return result;
  }

  /** One run of the job; creates nothing when another node holds the lock and `wait` is false. */
  async run(options: { wait: boolean; tenantId?: string; now?: Date }): Promise<ReminderRunResult> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    const ranAt = options.now ?? this.appConfig.now();
    const result: ReminderRunResult = { ranAt: ranAt.toISOString(), created: {}, digests: 0, mailsSent: 0 };
    try {
      if (options.wait) {
        await runner.query('SELECT pg_advisory_lock($1)', [REMINDER_LOCK]);
      } else {
        const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [REMINDER_LOCK])) as { locked: boolean }[];
        if (!locked) return result;
      }
      try {
        const tz = this.config.NOTIFICATION_TIME_ZONE;
        const today = localDate(tz, ranAt);
        const candidates = [
          ...(await this.taskCandidates(today, options.tenantId)),
          ...(await this.evaluationCandidates(today, options.tenantId)),
          ...(await this.checkinCandidates(today, options.tenantId)),
          ...(await this.meetingCandidates(today, options.tenantId)),
        ];
        const created: CreatedNotification[] = [];
        for (const c of candidates) {
          const made = await this.remind(c);
          created.push(...made);
          if (made.length) result.created[c.kind] = (result.created[c.kind] ?? 0) + made.length;
        }
        if (created.some((c) => c.sms)) this.outbox.wake();
        result.mailsSent += await this.notifications.deliver(created.filter((c) => c.emailStatus === 'pending').map((c) => c.id));
        if (localHour(tz, ranAt) >= this.config.DIGEST_HOUR) result.digests = await this.notifications.sendDigests(today, options.tenantId);
        result.mailsSent += result.digests;
        result.mailsSent += await this.notifications.deliverPending(200, options.tenantId);
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [REMINDER_LOCK]);
      }
      return result;
    } finally {
      await runner.release();
    }
  }

  /** Each recipient's reminder is made by the transaction whose key insert wins, and by no other. */
  private async remind(c: ReminderCandidate): Promise<CreatedNotification[]> {
    const recipients = await planRecipients(this.db.manager, c.planId, { memberIds: c.memberIds, roles: c.roles });
    const made: CreatedNotification[] = [];
    for (const r of recipients) {
      const key = r.accountId ?? r.email!;
      const created = await this.db.transaction(async (tx) => {
        const claimed = (await tx.query(
          `INSERT INTO sent_reminders (kind, target_id, recipient, due_on) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING kind`,
          [c.kind, c.targetId, key, c.dueOn],
        )) as unknown[];
        if (!claimed.length) return null;
        const n = await this.notifications.create(tx, {
          ...c.notification,
          recipient: recipientOf(r),
          dedupeKey: `${c.kind}:${c.targetId}:${key}:${c.dueOn}`,
          // A JA/NEI reply by SMS answers this meeting for this member.
          ...(c.kind === 'meeting_reminder' ? { replyTo: { meetingId: c.targetId, memberId: r.memberId } } : {}),
        });
        if (n) {
          await tx.query(
            `UPDATE sent_reminders SET notification_id = $5 WHERE kind = $1 AND target_id = $2 AND recipient = $3 AND due_on = $4`,
            [c.kind, c.targetId, key, c.dueOn, n.id],
          );
        }
        return n;
      });
      if (created) made.push(created);
    }
    return made;
  }

  /** Open tasks with a responsible member, due within TASK_DUE_SOON_DAYS or overdue. */
  private async taskCandidates(today: string, tenantId?: string): Promise<ReminderCandidate[]> {
    const rows = (await this.db.query(
      `SELECT t.id, t.title, t.due_date::text AS due_date, t.plan_id, t.responsible_member_id, p.tenant_id, p.title AS plan_title
         FROM tasks t JOIN plans p ON p.id = t.plan_id
        WHERE t.deleted_at IS NULL AND t.status IN ('planned', 'in_progress') AND p.status <> 'closed'
          AND t.responsible_member_id IS NOT NULL AND t.due_date IS NOT NULL
          AND t.due_date BETWEEN $1::date AND $2::date
          AND ($3::uuid IS NULL OR p.tenant_id = $3)
        ORDER BY t.due_date, t.id`,
      [addDays(today, -LOOKBACK_DAYS), addDays(today, this.config.TASK_DUE_SOON_DAYS), tenantId ?? null],
    )) as {
      id: string;
      title: string;
      due_date: string;
      plan_id: string;
      responsible_member_id: string;
      tenant_id: string;
      plan_title: string;
    }[];
    return rows.map((t) => {
      const kind: NotificationKind = t.due_date < today ? 'task_overdue' : 'task_due_soon';
      return {
        kind,
        targetId: t.id,
        dueOn: t.due_date,
        planId: t.plan_id,
        memberIds: [t.responsible_member_id],
        notification: {
          tenantId: t.tenant_id,
          kind,
          params: { taskTitle: t.title, planTitle: t.plan_title, dueDate: t.due_date },
          link: `/planer/${t.plan_id}/tiltak/${t.id}`,
          planId: t.plan_id,
        },
      };
    });
  }

  /** Plans not closed whose evaluation date is within EVALUATION_DUE_DAYS (or recently passed): the coordinator is told. */
  private async evaluationCandidates(today: string, tenantId?: string): Promise<ReminderCandidate[]> {
    const rows = (await this.db.query(
      `SELECT p.id, p.title, p.tenant_id, p.next_evaluation::text AS next_evaluation
         FROM plans p
        WHERE p.status <> 'closed' AND p.next_evaluation BETWEEN $1::date AND $2::date
          AND ($3::uuid IS NULL OR p.tenant_id = $3)
        ORDER BY p.next_evaluation, p.id`,
      [addDays(today, -LOOKBACK_DAYS), addDays(today, this.config.EVALUATION_DUE_DAYS), tenantId ?? null],
    )) as { id: string; title: string; tenant_id: string; next_evaluation: string }[];
    return rows.map((p) => ({
      kind: 'evaluation_due' as const,
      targetId: p.id,
      dueOn: p.next_evaluation,
      planId: p.id,
      roles: ['coordinator'],
      notification: {
        tenantId: p.tenant_id,
        kind: 'evaluation_due' as const,
        params: { planTitle: p.title, evaluationDate: p.next_evaluation },
        link: `/planer/${p.id}`,
        planId: p.id,
      },
    }));
  }

  /** Once a week, the person (and guardians) who have not checked in are asked how their goals are going (optional). */
  private async checkinCandidates(today: string, tenantId?: string): Promise<ReminderCandidate[]> {
    const plans = await this.evaluations.checkinPromptCandidates(today, tenantId);
    return plans.map((p) => ({
      kind: 'checkin_prompt' as const,
      targetId: p.planId,
      dueOn: p.week,
      planId: p.planId,
      memberIds: p.memberIds,
      notification: {
        tenantId: p.tenantId,
        kind: 'checkin_prompt' as const,
        params: { planTitle: p.planTitle },
        link: '/',
        planId: p.planId,
      },
    }));
  }

  /** Planned meetings of plans not closed that are tomorrow (local date): every member who may read meetings is reminded. */
  private async meetingCandidates(today: string, tenantId?: string): Promise<ReminderCandidate[]> {
    const tomorrow = addDays(today, 1);
    const rows = (await this.db.query(
      `SELECT m.id, m.title, m.starts_at, m.location, m.video_url, m.plan_id, p.tenant_id, p.title AS plan_title
         FROM meetings m JOIN plans p ON p.id = m.plan_id
        WHERE m.deleted_at IS NULL AND m.status = 'planned' AND p.status <> 'closed'
          AND (m.starts_at AT TIME ZONE $3)::date = $1::date
          AND ($2::uuid IS NULL OR p.tenant_id = $2)
        ORDER BY m.starts_at, m.id`,
      [tomorrow, tenantId ?? null, this.config.NOTIFICATION_TIME_ZONE],
    )) as {
      id: string;
      title: string;
      starts_at: Date;
      location: string;
      video_url: string | null;
      plan_id: string;
      tenant_id: string;
      plan_title: string;
    }[];
    return rows.map((m) => ({
      kind: 'meeting_reminder' as const,
      targetId: m.id,
      dueOn: tomorrow,
      planId: m.plan_id,
      notification: {
        tenantId: m.tenant_id,
        kind: 'meeting_reminder' as const,
        params: {
          meetingTitle: m.title,
          startsAt: m.starts_at.toISOString(),
          location: m.location || null,
          videoUrl: m.video_url,
          planTitle: m.plan_title,
        },
        link: `/planer/${m.plan_id}/mote/${m.id}`,
        planId: m.plan_id,
      },
    }));
  }
}
