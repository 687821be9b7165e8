/** Goals (mål) in a plan, changed only through the plan's write path. */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, Not } from 'typeorm';
import type { ChangeResult, GoalView } from '#contracts';
import type { Actor } from '../auth/actor';
import { PlanContentRows } from '../database/sql';
import { BadRequest, NotFound } from '../errors/domain-error';
import { applyFieldPatch } from '../plans/field-conflicts';
import { idsIn, lastEventPatch } from '../plans/plan-history';
import { toGoalView } from '../plans/plan-views';
import { PlanWriter } from '../plans/plan-writer.service';
import type { ReorderDto } from './dto/goal.dto';
import { CreateGoalDto, UpdateGoalDto } from './dto/goal.dto';
import { Goal } from './goal.entity';

@Injectable()
export class GoalsService {
  private readonly rows: PlanContentRows<Goal>;

  constructor(
    private readonly writer: PlanWriter,
    @InjectDataSource() db: DataSource,
  ) {
    this.rows = new PlanContentRows(db, Goal);
  }

  create(actor: Actor, planId: string, dto: CreateGoalDto): Promise<ChangeResult<GoalView>> {
    const { clientMutationId, ...fields } = dto;
    return this.writer.change(actor, planId, { action: 'goal.write', entityType: 'goal', clientMutationId }, async ({ tx, revision }) => {
      const repo = tx.getRepository(Goal);
      const [{ next }] = (await tx.query(
        'SELECT coalesce(max(position) + 1, 0)::int AS next FROM goals WHERE plan_id = $1 AND deleted_at IS NULL',
        [planId],
      )) as { next: number }[];
      const stamp = Object.fromEntries(Object.keys(fields).map((k) => [k, { rev: revision, by: actor.accountId }]));
      const goal = await repo.save(
        repo.create({
          planId,
          title: fields.title,
          description: fields.description ?? '',
          lifeArea: fields.lifeArea ?? 'annet',
          status: fields.status ?? 'not_started',
          targetDate: fields.targetDate ?? null,
          position: next,
          fieldRevisions: stamp,
        }),
      );
      const view = toGoalView(goal);
      const { fieldRevisions: _ignored, ...patch } = view;
      return { entityId: goal.id, op: 'created', patch, result: view };
    });
  }

  update(actor: Actor, planId: string, goalId: string, dto: UpdateGoalDto): Promise<ChangeResult> {
    const { baseRevision, clientMutationId, ...patch } = dto;
    // The goal is read with the membership, and the change decided without a lock: it reads and
    // writes nothing but the goal (PlanWriter's lock-free path, two round trips).
    const read = this.rows.readLive(planId, goalId);
    return this.writer.change(
      actor,
      planId,
      { action: 'goal.write', entityType: 'goal', clientMutationId, read, lockFree: true },
      async ({ revision, content: goal }) => {
        if (!goal) throw new NotFound('Goal');
        const out = applyFieldPatch(goal, goal.fieldRevisions, patch, baseRevision, revision, actor.accountId);
        // Written by the write path in the statement that records the revision (one round trip fewer).
        const write = Object.keys(out.applied).length
          ? this.rows.updateLater(goalId, { ...out.applied, fieldRevisions: out.fieldRevisions })
          : null;
        return { entityId: goalId, op: 'updated', patch: out.applied, conflicts: out.conflicts, write };
      },
    );
  }

  /** Soft: the goal leaves the plan but stays in the history; its live tasks are unlinked (and relinked on restore). */
  remove(actor: Actor, planId: string, goalId: string, clientMutationId?: string): Promise<ChangeResult> {
    return this.writer.change(actor, planId, { action: 'goal.write', entityType: 'goal', clientMutationId }, async ({ tx }) => {
      const goal = await this.rows.findLive(tx, planId, goalId);
      if (!goal) throw new NotFound('Goal');
      await this.rows.update(tx, goalId, { deletedAt: new Date(), deletedBy: actor.accountId });
      // The goal's tasks stay in the plan, no longer linked to a goal.
      const unlinked = (await tx.query(
        'UPDATE tasks SET goal_id = NULL WHERE goal_id = $1 AND plan_id = $2 AND deleted_at IS NULL RETURNING id',
        [goalId, planId],
      )) as [{ id: string }[], number];
      const unlinkedTaskIds = unlinked[0].map((t) => t.id);
      return { entityId: goalId, op: 'deleted', patch: { deleted: true, deletedBy: actor.accountId, unlinkedTaskIds } };
    });
  }

  /** Brings a deleted goal back where it was, with the tasks its delete unlinked (those still live and unlinked). */
  restore(actor: Actor, planId: string, goalId: string, clientMutationId?: string): Promise<ChangeResult<GoalView>> {
    return this.writer.change(actor, planId, { action: 'goal.write', entityType: 'goal', clientMutationId }, async ({ tx }) => {
      const goal = await tx.getRepository(Goal).findOneBy({ id: goalId, planId, deletedAt: Not(IsNull()) });
      if (!goal) throw new NotFound('Deleted goal');
      await this.rows.update(tx, goalId, { deletedAt: null, deletedBy: null });
      const wasLinked = idsIn(await lastEventPatch(tx, planId, 'goal', goalId, 'deleted'), 'unlinkedTaskIds');
      const relinked = wasLinked.length
        ? (
            (await tx.query(
              'UPDATE tasks SET goal_id = $1 WHERE id = ANY($2::uuid[]) AND plan_id = $3 AND goal_id IS NULL AND deleted_at IS NULL RETURNING id',
              [goalId, wasLinked, planId],
            )) as [{ id: string }[], number]
          )[0].map((t) => t.id)
        : [];
      const view = toGoalView(goal);
      const { fieldRevisions: _ignored, ...patch } = view;
      return { entityId: goalId, op: 'restored', patch: { ...patch, relinkedTaskIds: relinked }, result: view };
    });
  }

  reorder(actor: Actor, planId: string, dto: ReorderDto): Promise<ChangeResult> {
    return this.writer.change(
      actor,
      planId,
      { action: 'goal.write', entityType: 'goal', clientMutationId: dto.clientMutationId },
      async ({ tx }) => {
        const goals = await tx.getRepository(Goal).findBy({ planId, deletedAt: IsNull() });
        const known = new Set(goals.map((g) => g.id));
        if (dto.ids.length !== known.size || !dto.ids.every((id) => known.has(id)))
          throw new BadRequest('Give every goal of the plan exactly once');
        await this.rows.setPositions(tx, planId, dto.ids);
        return { entityId: planId, op: 'reordered', patch: { order: dto.ids } };
      },
    );
  }
}
