/** Tasks (tiltak) in a plan, changed only through the plan's write path. */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import type { ChangeResult, TaskView } from '#contracts';
import type { Actor } from '../auth/actor';
import { PlanContentRows } from '../database/sql';
import { BadRequest, NotFound } from '../errors/domain-error';
import { Outbox } from '../events/outbox.service';
import { Goal } from '../goals/goal.entity';
import type { ReorderDto } from '../goals/dto/goal.dto';
import { PlanMember } from '../members/plan-member.entity';
import { applyFieldPatch } from '../plans/field-conflicts';
import { toTaskView } from '../plans/plan-views';
import { PlanWriter } from '../plans/plan-writer.service';
import type { CreateTaskDto, UpdateTaskDto } from './dto/task.dto';
import { Task } from './task.entity';

@Injectable()
export class TasksService {
  private readonly rows: PlanContentRows<Task>;

  constructor(
    private readonly writer: PlanWriter,
    private readonly outbox: Outbox,
    @InjectDataSource() db: DataSource,
  ) {
    this.rows = new PlanContentRows(db, Task);
  }

  create(actor: Actor, planId: string, dto: CreateTaskDto): Promise<ChangeResult<TaskView>> {
    const { clientMutationId, ...fields } = dto;
    return this.writer.change(actor, planId, { action: 'task.write', entityType: 'task', clientMutationId }, async ({ tx, revision }) => {
      const { view, afterCommit } = await this.addTask(tx, actor, planId, revision, fields);
      const { fieldRevisions: _ignored, ...patch } = view;
      return { entityId: view.id, op: 'created', patch, result: view, afterCommit };
    });
  }

  /**
   * Inserts a task inside a change that is already running (its transaction and revision), e.g. a
   * meeting decision that becomes a task. The caller has authorized 'task.write'; `afterCommit`
   * tells the responsible member after the caller's transaction commits.
   */
  async addTask(
    tx: EntityManager,
    actor: Actor,
    planId: string,
    revision: number,
    fields: Omit<CreateTaskDto, 'clientMutationId'>,
  ): Promise<{ view: TaskView; afterCommit?: () => void }> {
    await this.checkReferences(tx, planId, fields);
    const repo = tx.getRepository(Task);
    const [{ next }] = (await tx.query(
      'SELECT coalesce(max(position) + 1, 0)::int AS next FROM tasks WHERE plan_id = $1 AND deleted_at IS NULL',
      [planId],
    )) as { next: number }[];
    const stamp = Object.fromEntries(Object.keys(fields).map((k) => [k, { rev: revision, by: actor.accountId }]));
    const task = await repo.save(
      repo.create({
        planId,
        title: fields.title,
        goalId: fields.goalId ?? null,
        how: fields.how ?? '',
        scope: fields.scope ?? '',
        responsibleMemberId: fields.responsibleMemberId ?? null,
        startDate: fields.startDate ?? null,
        dueDate: fields.dueDate ?? null,
        status: fields.status ?? 'planned',
        position: next,
        fieldRevisions: stamp,
      }),
    );
    return { view: toTaskView(task), afterCommit: await this.assignedNotice(tx, actor, task) };
  }

  update(actor: Actor, planId: string, taskId: string, dto: UpdateTaskDto): Promise<ChangeResult> {
    const { baseRevision, clientMutationId, ...patch } = dto;
    // The task is read with the membership. A change of its goal or responsible member reads
    // those and may queue a notice in the transaction; any other is decided without a lock
    // (PlanWriter's lock-free path, two round trips).
    const read = this.rows.readLive(planId, taskId);
    const lockFree = patch.goalId === undefined && patch.responsibleMemberId === undefined;
    return this.writer.change(
      actor,
      planId,
      { action: 'task.write', entityType: 'task', clientMutationId, read, lockFree },
      async ({ tx, revision, content: task }) => {
        if (!task) throw new NotFound('Task');
        await this.checkReferences(tx, planId, patch);
        const out = applyFieldPatch(task, task.fieldRevisions, patch, baseRevision, revision, actor.accountId);
        // Written by the write path in the statement that records the revision (one round trip fewer).
        const write = Object.keys(out.applied).length
          ? this.rows.updateLater(taskId, { ...out.applied, fieldRevisions: out.fieldRevisions })
          : null;
        const afterCommit = out.applied.responsibleMemberId ? await this.assignedNotice(tx, actor, { ...task, ...out.applied }) : undefined;
        return { entityId: taskId, op: 'updated', patch: out.applied, conflicts: out.conflicts, afterCommit, write };
      },
    );
  }

  /** Soft: the task leaves the plan but stays in the history, and can be restored. */
  remove(actor: Actor, planId: string, taskId: string, clientMutationId?: string): Promise<ChangeResult> {
    return this.writer.change(actor, planId, { action: 'task.write', entityType: 'task', clientMutationId }, async ({ tx }) => {
      const task = await this.rows.findLive(tx, planId, taskId);
      if (!task) throw new NotFound('Task');
      await this.rows.update(tx, taskId, { deletedAt: new Date(), deletedBy: actor.accountId });
      return { entityId: taskId, op: 'deleted', patch: { deleted: true, deletedBy: actor.accountId } };
    });
  }

  /** Brings a deleted task back; if its goal has been deleted meanwhile, it comes back without a goal. */
  restore(actor: Actor, planId: string, taskId: string, clientMutationId?: string): Promise<ChangeResult<TaskView>> {
    return this.writer.change(actor, planId, { action: 'task.write', entityType: 'task', clientMutationId }, async ({ tx }) => {
      const task = await tx.getRepository(Task).findOneBy({ id: taskId, planId, deletedAt: Not(IsNull()) });
      if (!task) throw new NotFound('Deleted task');
      const goalGone = task.goalId !== null && !(await tx.getRepository(Goal).existsBy({ id: task.goalId, planId, deletedAt: IsNull() }));
      const restored: Task = { ...task, goalId: goalGone ? null : task.goalId, deletedAt: null, deletedBy: null };
      await this.rows.update(tx, taskId, { deletedAt: null, deletedBy: null, ...(goalGone ? { goalId: null } : {}) });
      const view = toTaskView(restored);
      const { fieldRevisions: _ignored, ...patch } = view;
      return { entityId: taskId, op: 'restored', patch, result: view };
    });
  }

  reorder(actor: Actor, planId: string, dto: ReorderDto): Promise<ChangeResult> {
    return this.writer.change(
      actor,
      planId,
      { action: 'task.write', entityType: 'task', clientMutationId: dto.clientMutationId },
      async ({ tx }) => {
        const tasks = await tx.getRepository(Task).findBy({ planId, deletedAt: IsNull() });
        const known = new Set(tasks.map((t) => t.id));
        if (dto.ids.length !== known.size || !dto.ids.every((id) => known.has(id)))
          throw new BadRequest('Give every task of the plan exactly once');
        await this.rows.setPositions(tx, planId, dto.ids);
        return { entityId: planId, op: 'reordered', patch: { order: dto.ids } };
      },
    );
  }

  /** 'task.assigned' into the outbox, when the task has a responsible member (notifications handle it). */
  private async assignedNotice(tx: EntityManager, actor: Actor, task: Task): Promise<(() => void) | undefined> {
    const memberId = task.responsibleMemberId;
    if (!memberId) return undefined;
    const member = await tx.getRepository(PlanMember).findOneBy({ id: memberId });
    const payload = {
      tenantId: actor.tenantId,
      planId: task.planId,
      taskId: task.id,
      title: task.title,
      dueDate: task.dueDate,
      responsibleMemberId: memberId,
      responsibleAccountId: member?.accountId ?? null,
      assignedByAccountId: actor.accountId,
    };
    await this.outbox.add(tx, 'task.assigned', payload);
    return () => this.outbox.wake();
  }

  /** A task may only point at a goal and a responsible member of the same plan. */
  private async checkReferences(
    tx: EntityManager,
    planId: string,
    fields: { goalId?: string | null; responsibleMemberId?: string | null },
  ): Promise<void> {
    if (fields.goalId && !(await tx.getRepository(Goal).existsBy({ id: fields.goalId, planId, deletedAt: IsNull() })))
      throw new NotFound('Goal');
    if (
      fields.responsibleMemberId &&
      !(await tx.getRepository(PlanMember).existsBy({ id: fields.responsibleMemberId, planId, status: Not('removed') }))
    ) {
      throw new NotFound('Member');
    }
  }
}
