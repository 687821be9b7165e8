/**
 * The write path: every change to plan content, from REST or a socket, goes through `change`.
 * The caller has validated its DTO; then one transaction: lock the plan row, authorize against
 * what is committed once we hold it (PlanAccessService), replay an already applied client
 * mutation, apply, take the next gapless revision, and write the plan bump, the plan event and
 * the audit entry in one statement; after commit, emit the event in-process. The statements are
 * prepared (database/sql.ts): this is the hot path of every edit.
 *
 * The transaction is begun and committed on the pooled connection itself, not through TypeORM's
 * `transaction()` (its START TRANSACTION and COMMIT go through the query logger and the subscriber
 * broadcaster: cpu and garbage on every edit). The EntityManager handed to the change is bound to
 * the same connection and told that a transaction is open, so TypeORM work inside it (repository
 * saves) joins this transaction instead of opening its own. An update names the row it changes
 * (`ChangeSpec.read`), and that row is read in the statement that reads the membership after the
 * lock (one round trip fewer).
 *
 * A field edit of a goal or task (`ChangeSpec.lockFree`) takes neither lock nor transaction: one
 * statement reads, one autocommitted statement writes everything only if the plan is still at
 * the revision read, and the change is decided again if it is not (`changeLockFree`). Revisions
 * stay gapless and serialized by the plan row, and access is as strict: whatever changes access
 * (removal, role, consent, closing) takes a revision, so it sends a racing edit back to be
 * authorized again.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  tenantRoleMay,
  type ChangeResult,
  type EntityType,
  type FieldConflict,
  type PlanAction,
  type PlanEventView,
  type TenantAction,
} from '#contracts';
import type { Actor } from '../auth/actor';
import { auditInsert, auditInsertFrom, auditParams, type AuditRecord } from '../audit/audit.service';
import type { PoolClient } from 'pg';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner.js';
import { run, sql, type ContentRead, type ContentWrite, type Statement } from '../database/sql';
import { Conflict, DomainError, Forbidden } from '../errors/domain-error';
import { DomainEvents } from '../events/domain-events';
import type { PlanMember } from '../members/plan-member.entity';
import { MetricsService, type PlanEditOutcome } from '../metrics/metrics.service';
import type { RawConflict } from './field-conflicts';
import { PlanAccessService, type ChangeAccess, type MemberCore, type PlanCore } from './plan-access.service';
import type { PlanEvent } from './plan-event.entity';
import type { Plan } from './plan.entity';

export interface ChangeSpec<C = never> {
  /**
   * The permission the change needs (libs/contracts permissions matrix). 'invitation' is only
   * for accepting a one-time invitation, where the token is the authorization; a tenant action
   * (koordinerende enhet appointing a coordinator) is authorized by the actor's tenant role.
   */
  action: PlanAction | 'invitation' | { tenantAction: TenantAction };
  entityType: EntityType;
  clientMutationId?: string;
  /** Closed plans are read-only, except for what reopens or manages them. */
  allowOnClosedPlan?: boolean;
  /**
   * A row of the plan's content the change reads (the goal or task an update changes), read after
   * the lock together with the membership (one round trip); given to the change as `content`.
   */
  read?: ContentRead<C>;
  /**
   * With `read`: decide the change without a lock or a transaction (PlanWriter.changeLockFree),
   * and write it only if the plan's revision is still the one read. Only for a change whose
   * `apply` reads nothing but `content`, writes only through `ChangeOutcome.write` and has no
   * `afterCommit` work that must be atomic with it: `ctx.tx` throws.
   */
  lockFree?: boolean;
}

/** Whether the change named a content row (`ChangeSpec.read`): then only the core of the plan and the membership is read. */
type Lean<C> = [C] extends [never] ? false : true;

export interface ChangeContext<C = never> {
  /** The change's transaction; for a lock-free change (`ChangeSpec.lockFree`) none: using it throws. */
  tx: EntityManager;
  /** The locked plan; only its core columns for a change that names its content row (`ChangeSpec.read`). */
  plan: Lean<C> extends true ? PlanCore : Plan;
  /** The actor's membership (the core of it with `read`); null only when accepting an invitation. */
  member: (Lean<C> extends true ? MemberCore : PlanMember) | null;
  actor: Actor;
  /** The revision this change will take if it changes anything. */
  revision: number;
  /** The row `ChangeSpec.read` names, as committed once the plan is locked; null when there is none (or it is deleted). */
  content: C | null;
}

export interface ChangeOutcome<T> {
  entityId: string;
  /** created, updated, deleted, reordered, ... */
  op: string;
  /** What changed; empty means nothing changed (no revision is taken). */
  patch: Record<string, unknown>;
  result?: T;
  conflicts?: RawConflict[];
  /** Runs after commit (e.g. tell realtime to take someone out of the room). */
  afterCommit?: () => void;
  /**
   * The change's own write, left for the write path to send in the statement that records the
   * revision, event and audit entry (one round trip fewer: PlanContentRows.updateLater). Only with
   * a non-empty patch; when nothing is recorded it is not written either.
   */
  write?: ContentWrite | null;
}

@Injectable()
export class PlanWriter {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: PlanAccessService,
    private readonly events: DomainEvents,
    private readonly metrics: MetricsService,
  ) {}

  async change<T, C = never>(
    actor: Actor,
    planId: string,
    spec: ChangeSpec<C>,
    apply: (ctx: ChangeContext<C>) => Promise<ChangeOutcome<T>>,
  ): Promise<ChangeResult<T>> {
    const timer = this.metrics.planEditDuration.startTimer();
    const count = (outcome: PlanEditOutcome) => this.metrics.planEdits.inc({ entity_type: spec.entityType, outcome });
    if (typeof spec.action === 'object' && !tenantRoleMay(actor.role, spec.action.tenantAction)) {
      count('refused');
      throw new Forbidden();
    }
    const transaction = (spec.lockFree && spec.read ? this.changeLockFree(actor, planId, spec, apply) : Promise.resolve(null)).then(
      (done) =>
        done ??
        this.inTransaction(async (tx) => {
          const access = await this.access.lockForChange(tx, actor, planId, spec.clientMutationId ?? null, spec.read);
          const decided = await this.decide(actor, planId, spec, apply, access, tx, tx);
          if ('done' in decided) return decided.done;
          const { write, params } = decided;
          if (write) await run(tx, recordChangeWith(write), [...params, ...write.params]);
          else await run(tx, RECORD_CHANGE, params);
          return decided.committed;
        }),
    );
    const committed = await transaction.catch((error: unknown) => {
      count(error instanceof Conflict ? 'conflict' : error instanceof DomainError ? 'refused' : 'error');
      throw error;
    });
    if (committed.event) timer();
    count(committed.event ? 'committed' : committed.result.replayed ? 'replayed' : 'unchanged');
    if (committed.event) this.events.emit('plan.event', { tenantId: actor.tenantId, event: toEventView(committed.event) });
    committed.afterCommit?.();
    if (committed.conflicts?.length) {
      if (committed.conflictEntityId)
        this.tellOtherWriters(actor, planId, spec.entityType, committed.conflictEntityId, committed.conflicts);
      throw new Conflict('Some of your changes were not saved: someone else changed them while you were editing', {
        conflicts: committed.conflicts,
        revision: committed.result.revision,
      });
    }
    return committed.result;
  }

  /**
   * What a change comes to once its plan, membership and content are read (`access`): authorized,
   * replayed, or applied; `done` when there is nothing to write, else the record to write (the
   * event's and audit entry's parameters, and the change's own write).
   */
  private async decide<T, C>(
    actor: Actor,
    planId: string,
    spec: ChangeSpec<C>,
    apply: (ctx: ChangeContext<C>) => Promise<ChangeOutcome<T>>,
    access: ChangeAccess,
    tx: EntityManager,
    reader: EntityManager,
  ): Promise<{ done: Committed<T> } | { committed: Committed<T>; params: unknown[]; write: ContentWrite | null }> {
    const member = this.authorize(access, spec.action);
    const plan = access.plan;
    if (access.replay) return { done: { result: { ...access.replay, replayed: true } as ChangeResult<T> } };
    if (plan.status === 'closed' && !spec.allowOnClosedPlan) throw new Conflict('The plan is closed; reopen it to change it');
    const revision = plan.revision + 1;
    // The shape of plan and member follows `spec.read` (lockForChange), as ChangeContext<C> says.
    const ctx = { tx, plan, member, actor, revision, content: access.content as C | null } as ChangeContext<C>;
    const outcome = await apply(ctx);
    const conflicts = await this.describeConflicts(reader, outcome.conflicts ?? []);
    if (Object.keys(outcome.patch).length === 0) {
      // Nothing applied: nothing is written, no revision is taken.
      if (conflicts.length) this.tellOtherWriters(actor, planId, spec.entityType, outcome.entityId, conflicts);
      if (conflicts.length) throw new Conflict('Someone else changed this while you were editing', { conflicts, revision: null });
      return { done: { result: { revision: plan.revision, entityId: outcome.entityId, entity: outcome.result } } };
    }
    const event: PlanEvent = {
      planId,
      revision,
      actorAccountId: actor.accountId,
      actorName: actor.name,
      entityType: spec.entityType,
      entityId: outcome.entityId,
      action: outcome.op,
      patch: outcome.patch,
      clientMutationId: spec.clientMutationId ?? null,
      at: new Date(),
    };
    const audit: AuditRecord = {
      tenantId: actor.tenantId,
      actorAccountId: actor.accountId,
      planId,
      action: `${spec.entityType}.${outcome.op}`,
      targetType: spec.entityType,
      targetId: outcome.entityId,
      details: { revision, fields: Object.keys(outcome.patch) },
    };
    return {
      committed: {
        result: { revision, entityId: outcome.entityId, entity: outcome.result },
        event,
        conflicts,
        conflictEntityId: outcome.entityId,
        afterCommit: outcome.afterCommit,
      },
      params: [...planEventParams(event), ...auditParams(audit, actor)],
      write: outcome.write ?? null,
    };
  }

  /**
   * A change without a lock or a transaction (`ChangeSpec.lockFree`): one statement reads the
   * plan, membership, consent, replay and the content row (one snapshot); one statement writes the
   * content, the plan's new revision, the event and the audit entry, each only if the plan is
   * still at the revision read (an autocommitted statement: all of it or nothing). If another
   * change took a revision in between (an edit, a revocation, a removal, closing the plan), nothing
   * is written and the change is read and decided again on what is committed now. Two round trips
   * instead of five (BEGIN, lock, read, write, COMMIT), and no pooled connection is held while the
   * change is decided. Null when it lost the race LOCK_FREE_ATTEMPTS times: the caller then takes
   * the lock.
   */
  private async changeLockFree<T, C>(
    actor: Actor,
    planId: string,
    spec: ChangeSpec<C>,
    apply: (ctx: ChangeContext<C>) => Promise<ChangeOutcome<T>>,
  ): Promise<Committed<T> | null> {
    for (let attempt = 0; attempt < LOCK_FREE_ATTEMPTS; attempt++) {
      const access = await this.access.readForChange(actor, planId, spec.clientMutationId ?? null, spec.read!);
      const decided = await this.decide(actor, planId, spec, apply, access, NO_TRANSACTION, this.db.manager);
      if ('done' in decided) return decided.done;
      const { write, params } = decided;
      if (!write) throw new Error(`A lock-free change (${spec.entityType}) must write its content through ChangeOutcome.write`);
      const recorded = await run(this.db.manager, guardedRecordWith(write), [...params, ...write.params]);
      if (recorded.length) return decided.committed;
    }
    return null;
  }

  /**
   * Runs `body` in one transaction on one pooled connection: BEGIN and COMMIT (or ROLLBACK) sent
   * on the connection directly; `body` gets an EntityManager on that connection that knows it is
   * inside a transaction (TypeORM then neither begins nor commits one of its own).
   */
  private async inTransaction<R>(body: (tx: EntityManager) => Promise<R>): Promise<R> {
    const runner = this.db.createQueryRunner() as PostgresQueryRunner;
    let client: PoolClient;
    try {
      client = (await runner.connect()) as PoolClient;
    } catch (error) {
      await runner.release();
      throw error;
    }
    try {
      await client.query(BEGIN);
      markInTransaction(runner, true);
      const result = await body(runner.manager);
      await client.query(COMMIT);
      return result;
    } catch (error) {
      // Also ends a transaction that failed, or that never began (as TypeORM's own rollback, errors here are not the caller's).
      // A connection that cannot even roll back may still be inside the transaction: it is closed, so
      // the pool drops it on release (pg-pool discards an ending client) instead of lending it out again.
      await client.query(ROLLBACK).catch(() => void client.end().catch(() => undefined));
      throw error;
    } finally {
      markInTransaction(runner, false);
      await runner.release();
    }
  }

  /** The actor's membership if the change is allowed (null only for an invitation or a tenant action). */
  private authorize(access: ChangeAccess, action: ChangeSpec['action']): ChangeAccess['member'] {
    if (typeof action === 'string' && action !== 'invitation') return this.access.check(access.member, access.hasConsent, action);
    return access.member;
  }

  /** The writer whose change an edit met hears of it too (plan:conflict), not only the one whose edit came back. */
  private tellOtherWriters(actor: Actor, planId: string, entityType: EntityType, entityId: string, conflicts: FieldConflict[]): void {
    for (const c of conflicts) {
      if (c.changedBy.accountId === actor.accountId) continue;
      this.events.emit('plan.conflict', {
        tenantId: actor.tenantId,
        toAccountIds: [c.changedBy.accountId],
        notice: {
          planId,
          entityType,
          entityId,
          field: c.field,
          by: { accountId: actor.accountId, name: actor.name },
          theirValue: c.yourValue,
          yourValue: c.currentValue,
          changedAtRevision: c.changedAtRevision,
        },
      });
    }
  }

  private async describeConflicts(tx: EntityManager, raw: RawConflict[]): Promise<FieldConflict[]> {
    if (!raw.length) return [];
    const ids = [...new Set(raw.map((c) => c.changedBy))];
    const rows = (await tx.query('SELECT id, name FROM accounts WHERE id = ANY($1)', [ids])) as { id: string; name: string }[];
    const names = new Map(rows.map((r) => [r.id, r.name]));
    return raw.map((c) => ({ ...c, changedBy: { accountId: c.changedBy, name: names.get(c.changedBy) ?? '' } }));
  }
}

/** What a committed (or replayed, or unchanged) change hands back to `change`. */
interface Committed<T> {
  result: ChangeResult<T>;
  event?: PlanEvent;
  conflicts?: FieldConflict[];
  conflictEntityId?: string;
  afterCommit?: () => void;
}

/** How often a lock-free change reads and decides again after losing its revision, before it takes the lock. */
const LOCK_FREE_ATTEMPTS = 4;

/** The `tx` a lock-free change's `apply` is given: it has no transaction, so any use of it is a bug, and fails loudly. */
const NO_TRANSACTION = new Proxy({} as EntityManager, {
  get(_target, property) {
    throw new Error(`A lock-free change (ChangeSpec.lockFree) has no transaction: ctx.tx.${String(property)} was used`);
  },
});

const BEGIN = 'BEGIN';
const COMMIT = 'COMMIT';
const ROLLBACK = 'ROLLBACK';

/** What TypeORM's own startTransaction/commitTransaction set, so that work through the runner joins our transaction. */
function markInTransaction(runner: PostgresQueryRunner, open: boolean): void {
  runner.isTransactionActive = open;
  (runner as unknown as { transactionDepth: number }).transactionDepth = open ? 1 : 0;
}

const EVENT_COLUMNS = '(plan_id, revision, actor_account_id, actor_name, entity_type, entity_id, action, patch, client_mutation_id, at)';

function planEventParams(e: PlanEvent): unknown[] {
  return [
    e.planId,
    e.revision,
    e.actorAccountId,
    e.actorName,
    e.entityType,
    e.entityId,
    e.action,
    JSON.stringify(e.patch),
    e.clientMutationId,
    e.at,
  ];
}

const INSERT_EVENT = sql(`INSERT INTO plan_events ${EVENT_COLUMNS} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`);

/**
 * One statement for what every change writes besides its content: the plan's new revision, the
 * event and the audit entry (one round trip, one plan; the statement's parts see the same snapshot).
 */
const RECORD_CHANGE = sql(
  `WITH bump AS (UPDATE plans SET revision = $2, updated_at = $10, last_activity_at = $10 WHERE id = $1),
        event AS (INSERT INTO plan_events ${EVENT_COLUMNS} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10))
   ${auditInsert(11)}`,
);

const recordsWith = new Map<string, Statement>();

/** RECORD_CHANGE with the change's own write in the same statement (its parameters after the audit entry's). */
function recordChangeWith(write: ContentWrite): Statement {
  let statement = recordsWith.get(write.key);
  if (!statement) {
    statement = sql(
      `WITH content AS (${write.text(21)}),
            bump AS (UPDATE plans SET revision = $2, updated_at = $10, last_activity_at = $10 WHERE id = $1),
            event AS (INSERT INTO plan_events ${EVENT_COLUMNS} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10))
       ${auditInsert(11)}`,
    );
    recordsWith.set(write.key, statement);
  }
  return statement;
}

const guardedRecords = new Map<string, Statement>();

/**
 * The lock-free path's one write (PlanWriter.changeLockFree): the plan takes revision $2 only if
 * it is still at $2 - 1, and the content write, the event and the audit entry happen only if it
 * did (each reads `bump`). Under a concurrent change the UPDATE waits for that row and re-checks
 * the revision on the committed row, so two changes never take one revision. No row back:
 * nothing was written.
 */
function guardedRecordWith(write: ContentWrite): Statement {
  let statement = guardedRecords.get(write.key);
  if (!statement) {
    statement = sql(
      `WITH bump AS (UPDATE plans SET revision = $2, updated_at = $10, last_activity_at = $10 WHERE id = $1 AND revision = $2 - 1 RETURNING id),
            content AS (${write.text(21, 'EXISTS (SELECT 1 FROM bump)')}),
            event AS (INSERT INTO plan_events ${EVENT_COLUMNS}
                      SELECT $1::uuid, $2::int, $3::uuid, $4::text, $5::text, $6::uuid, $7::text, $8::jsonb, $9::text, $10::timestamptz FROM bump)
       ${auditInsertFrom(11, 'bump')}`,
    );
    guardedRecords.set(write.key, statement);
  }
  return statement;
}

export async function insertPlanEvent(tx: EntityManager, e: PlanEvent): Promise<void> {
  await run(tx, INSERT_EVENT, planEventParams(e));
}

export function toEventView(e: PlanEvent): PlanEventView {
  return {
    planId: e.planId,
    revision: e.revision,
    actor: { accountId: e.actorAccountId, name: e.actorName },
    entityType: e.entityType,
    entityId: e.entityId,
    action: e.action,
    patch: e.patch,
    clientMutationId: e.clientMutationId,
    at: e.at.toISOString(),
  };
}
