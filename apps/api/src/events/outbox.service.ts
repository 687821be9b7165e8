/**
 * The transactional outbox: what must follow a commit and must not be lost if the node dies right
 * after it (a notification of a plan change) is written as a row in the change's own transaction
 * (`add`), so it exists exactly when the change does. A dispatcher on every node carries the rows
 * out: woken after the local commit (the fast path), on a timer (OUTBOX_POLL_MS) and at start
 * (after a crash, another node or the next start picks up what was left). Each row is claimed
 * with FOR UPDATE SKIP LOCKED, so two nodes never work on the same row, and its handler runs in
 * the transaction that deletes it: what the handler writes (the notifications) is written once.
 * What the handler leaves for after that commit (an e-mail) is at least once, de-duplicated by
 * its own row (notifications.email_status). A failing row is retried with a growing pause and
 * kept, with its error, after MAX_ATTEMPTS.
 *
 * Only rare changes write here (a task given to someone, a meeting scheduled or moved, a
 * mention, a comment, a coordinator appointed, staff picked into a plan): the write path of an ordinary edit writes nothing more.
 */
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/config';
import type { MeetingNotice } from './domain-events';

/** Each kind of outbox message and what it carries. */
export interface OutboxMessageMap {
  /** A planned meeting still ahead was created, or a cancelled one restored: invitations (.ics, METHOD:REQUEST) go out. */
  'meeting.scheduled': MeetingNotice;
  /** A planned meeting ahead got a new time or place (its sequence grew): updated invitations go out. */
  'meeting.moved': MeetingNotice;
  /** A planned meeting ahead was cancelled or deleted: cancellations (.ics, METHOD:CANCEL) go out. */
  'meeting.cancelled': MeetingNotice;
  /**
   * A meeting was closed with its minutes approved: every active member is sent its summary, the
   * absent too; one without consent in force only that it happened. `closing` counts the closes,
   * so a reopened meeting closed again sends a corrected summary (and a stale message none).
   */
  'meeting.summary': { tenantId: string; planId: string; meetingId: string; closedByAccountId: string; closing: number };
  /** A task got a responsible member (on create, or when the responsible changed). */
  'task.assigned': {
    tenantId: string;
    planId: string;
    taskId: string;
    title: string;
    dueDate: string | null;
    responsibleMemberId: string;
    /** The responsible member's account; null while they have not accepted their invitation. */
    responsibleAccountId: string | null;
    assignedByAccountId: string;
  };
  /** A journal entry mentioned members by name (@Name); only members who may read the journal. */
  'journal.mention': {
    tenantId: string;
    planId: string;
    entryId: string;
    authorName: string;
    authorAccountId: string;
    mentionedAccountIds: string[];
  };
  /** A comment on a goal or a task: those it mentions and the task's responsible are told. */
  'comment.created': {
    tenantId: string;
    planId: string;
    commentId: string;
    targetType: 'goal' | 'task';
    targetId: string;
    authorName: string;
    authorAccountId: string;
    /** Members the body mentions (whether they may be told is decided when telling them). */
    mentionedMemberIds: string[];
  };
  /**
   * A coordinator was made the plan's coordinator by someone else (koordinerende enhet, or the
   * creator of the plan naming them): the new coordinator is told.
   */
  'plan.coordinator.appointed': {
    tenantId: string;
    planId: string;
    personName: string;
    coordinatorAccountId: string;
    previousCoordinatorAccountId: string | null;
    appointedBy: { accountId: string; name: string };
  };
  /** One SMS (sms_messages row) to submit to the gateway; deferred past quiet hours by re-adding it with `availableAt`. */
  'sms.send': { smsId: string };
  /** A staff account was picked from the directory into a plan's group: they are told (the plan is in "Mine planer"). */
  'plan.member.added': {
    tenantId: string;
    planId: string;
    planTitle: string;
    personName: string;
    memberId: string;
    accountId: string;
    role: string;
    addedBy: { accountId: string; name: string };
  };
}

export type OutboxName = keyof OutboxMessageMap;

/** What a handler may leave for after its transaction committed (e.g. sending e-mail). */
export type AfterOutboxCommit = (() => void) | undefined;

export type OutboxHandler<K extends OutboxName> = (
  tx: EntityManager,
  payload: OutboxMessageMap[K],
  message: { id: string; createdAt: Date },
) => Promise<AfterOutboxCommit>;

const MAX_ATTEMPTS = 10;

interface OutboxRow {
  id: string;
  name: OutboxName;
  payload: unknown;
  created_at: Date;
}

@Injectable()
export class Outbox implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Outbox');
  private readonly handlers = new Map<OutboxName, OutboxHandler<never>>();
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** Writes a message inside the caller's transaction; `availableAt` holds it back until then. */
  async add<K extends OutboxName>(tx: EntityManager, name: K, payload: OutboxMessageMap[K], availableAt?: Date): Promise<void> {
    await tx.query('INSERT INTO outbox (name, payload, available_at) VALUES ($1, $2, COALESCE($3, now()))', [
      name,
      JSON.stringify(payload),
      availableAt ?? null,
    ]);
  }

  /** The one handler of a kind of message (registered at module init). */
  handle<K extends OutboxName>(name: K, handler: OutboxHandler<K>): void {
    this.handlers.set(name, handler as OutboxHandler<never>);
  }

  /** After a local commit that wrote to the outbox: carry it out now rather than at the next tick. */
  wake(): void {
    if (this.stopped) return;
    setImmediate(() => void this.drain());
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.drain(), this.config.OUTBOX_POLL_MS);
    this.timer.unref();
    // What a node that stopped (or this one, before a crash) left undone.
    this.wake();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.draining;
  }

  /** Carries out every ready message; one drain at a time per node (a wake during one runs it again). */
  drain(): Promise<void> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = (async () => {
      try {
        do {
          this.again = false;
          while (!this.stopped && (await this.dispatchOne()));
        } while (this.again && !this.stopped);
      } catch (error) {
        this.logger.warn(`outbox: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        this.draining = null;
      }
    })();
    return this.draining;
  }

  /** Claims one ready message and carries it out; false when there is none left. */
  private async dispatchOne(): Promise<boolean> {
    let claimed: OutboxRow | undefined;
    let after: AfterOutboxCommit;
    try {
      await this.db.transaction(async (tx) => {
        const rows = (await tx.query(
          `SELECT id, name, payload, created_at FROM outbox WHERE failed_at IS NULL AND available_at <= now()
            ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`,
        )) as OutboxRow[];
        claimed = rows[0];
        if (!claimed) return;
        const handler = this.handlers.get(claimed.name);
        if (!handler) throw new Error(`no handler for outbox message ${claimed.name}`);
        after = await handler(tx, claimed.payload as never, { id: claimed.id, createdAt: claimed.created_at });
        await tx.query('DELETE FROM outbox WHERE id = $1', [claimed.id]);
      });
    } catch (error) {
      if (!claimed) throw error;
      await this.failed(claimed, error);
      return true;
    }
    if (!claimed) return false;
    try {
      after?.();
    } catch (error) {
      this.logger.error(`after outbox message ${claimed.id}: ${String(error)}`);
    }
    return true;
  }

  /** Retried after 5 s, 10 s, 20 s … (at most an hour); kept with its error after MAX_ATTEMPTS. */
  private async failed(row: OutboxRow, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    this.logger.error(`outbox message ${row.id} (${row.name}) failed: ${message}`);
    await this.db.query(
      `UPDATE outbox SET attempts = attempts + 1, last_error = $2,
              available_at = now() + make_interval(secs => least(3600, 5 * 2 ^ attempts)),
              failed_at = CASE WHEN attempts + 1 >= $3 THEN now() END
        WHERE id = $1`,
      [row.id, message.slice(0, 2000), MAX_ATTEMPTS],
    );
  }
}
