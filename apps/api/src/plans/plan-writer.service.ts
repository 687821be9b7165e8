/**
 * The write path: every change to plan content, from REST or a socket, goes through `change`.
 * 1. authorize (PlanAccessService), 2. the caller validated its DTO, 3. one transaction: lock the
 * plan row, replay an already applied client mutation, apply, take the next gapless revision,
 * append the plan event and the audit entry, 4. after commit, emit the event in-process.
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
import { AuditService } from '../audit/audit.service';
import { Conflict, DomainError, Forbidden } from '../errors/domain-error';
import { DomainEvents } from '../events/domain-events';
import type { PlanMember } from '../members/plan-member.entity';
import { MetricsService, type PlanEditOutcome } from '../metrics/metrics.service';
import type { RawConflict } from './field-conflicts';
import { PlanAccessService } from './plan-access.service';
import { PlanEvent } from './plan-event.entity';
import type { Plan } from './plan.entity';

export interface ChangeSpec {
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
}

export interface ChangeContext {
  tx: EntityManager;
  plan: Plan;
  /** The actor's membership; null only when accepting an invitation. */
  member: PlanMember | null;
  actor: Actor;
  /** The revision this change will take if it changes anything. */
  revision: number;
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
}

@Injectable()
export class PlanWriter {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: PlanAccessService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    private readonly metrics: MetricsService,
  ) {}

  async change<T>(
    actor: Actor,
    planId: string,
    spec: ChangeSpec,
    apply: (ctx: ChangeContext) => Promise<ChangeOutcome<T>>,
  ): Promise<ChangeResult<T>> {
    const timer = this.metrics.planEditDuration.startTimer();
    const count = (outcome: PlanEditOutcome) => this.metrics.planEdits.inc({ entity_type: spec.entityType, outcome });
    const transaction = this.db.transaction(async (tx) => {
      const { plan, member } = await this.authorize(tx, actor, planId, spec.action);
      if (spec.clientMutationId) {
        const earlier = await tx
          .getRepository(PlanEvent)
          .findOneBy({ planId, actorAccountId: actor.accountId, clientMutationId: spec.clientMutationId });
        if (earlier) return { result: { revision: earlier.revision, entityId: earlier.entityId, replayed: true } as ChangeResult<T> };
      }
      if (plan.status === 'closed' && !spec.allowOnClosedPlan) throw new Conflict('The plan is closed; reopen it to change it');
      const revision = plan.revision + 1;
      const outcome = await apply({ tx, plan, member, actor, revision });
      const conflicts = await this.describeConflicts(tx, outcome.conflicts ?? []);
      if (Object.keys(outcome.patch).length === 0) {
        // Nothing applied: nothing is written, no revision is taken.
        if (conflicts.length) throw new Conflict('Someone else changed this while you were editing', { conflicts, revision: null });
        return { result: { revision: plan.revision, entityId: outcome.entityId, entity: outcome.result } };
      }
      const now = new Date();
      await tx.query('UPDATE plans SET revision = $2, updated_at = $3, last_activity_at = $3 WHERE id = $1', [planId, revision, now]);
      const event = tx.getRepository(PlanEvent).create({
        planId,
        revision,
        actorAccountId: actor.accountId,
        actorName: actor.name,
        entityType: spec.entityType,
        entityId: outcome.entityId,
        action: outcome.op,
        patch: outcome.patch,
        clientMutationId: spec.clientMutationId ?? null,
        at: now,
      });
      await insertPlanEvent(tx, event);
      await this.audit.record(
        {
          tenantId: actor.tenantId,
          actorAccountId: actor.accountId,
          planId,
          action: `${spec.entityType}.${outcome.op}`,
          targetType: spec.entityType,
          targetId: outcome.entityId,
          details: { revision, fields: Object.keys(outcome.patch) },
        },
        actor,
        tx,
      );
      return {
        result: { revision, entityId: outcome.entityId, entity: outcome.result },
        event,
        conflicts,
        afterCommit: outcome.afterCommit,
      };
    });
    const committed = await transaction.catch((error: unknown) => {
      count(error instanceof Conflict ? 'conflict' : error instanceof DomainError ? 'refused' : 'error');
      throw error;
    });
    if (committed.event) timer();
    count(committed.event ? 'committed' : committed.result.replayed ? 'replayed' : 'unchanged');
    if (committed.event) this.events.emit('plan.event', { tenantId: actor.tenantId, event: toEventView(committed.event) });
    committed.afterCommit?.();
    if (committed.conflicts?.length) {
      throw new Conflict('Some of your changes were not saved: someone else changed them while you were editing', {
        conflicts: committed.conflicts,
        revision: committed.result.revision,
      });
    }
    return committed.result;
  }

  private async authorize(
    tx: EntityManager,
    actor: Actor,
    planId: string,
    action: ChangeSpec['action'],
  ): Promise<{ plan: Plan; member: PlanMember | null }> {
    if (typeof action === 'string' && action !== 'invitation') return this.access.authorize(actor, planId, action, tx, true);
    if (typeof action === 'object' && !tenantRoleMay(actor.role, action.tenantAction)) throw new Forbidden();
    const plan = await this.access.lockPlan(tx, planId, actor.tenantId);
    return { plan, member: await this.access.activeMember(tx, planId, actor.accountId) };
  }

  private async describeConflicts(tx: EntityManager, raw: RawConflict[]): Promise<FieldConflict[]> {
    if (!raw.length) return [];
    const ids = [...new Set(raw.map((c) => c.changedBy))];
    const rows = (await tx.query('SELECT id, name FROM accounts WHERE id = ANY($1)', [ids])) as { id: string; name: string }[];
    const names = new Map(rows.map((r) => [r.id, r.name]));
    return raw.map((c) => ({ ...c, changedBy: { accountId: c.changedBy, name: names.get(c.changedBy) ?? '' } }));
  }
}

export async function insertPlanEvent(tx: EntityManager, e: PlanEvent): Promise<void> {
  await tx.query(
    `INSERT INTO plan_events (plan_id, revision, actor_account_id, actor_name, entity_type, entity_id, action, patch, client_mutation_id, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
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
    ],
  );
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
