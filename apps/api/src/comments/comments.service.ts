/**
 * Comments: a thread on each goal and task. Reading is reading the item (plan.read, audited);
 * writing needs 'comment.write' and goes through the plan's write path, so each comment is a plan
 * event (entity 'comment') that reaches the plan's room live. An author deletes (softly) and
 * restores their own comment. Who is told about a comment (the members it mentions, the task's
 * responsible) goes to the outbox in the same transaction ('comment.created'), handled by
 * notifications/plan-notifications.listener.ts.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import type { ChangeResult, CommentCountsView, CommentTargetType, CommentView, Page } from '#contracts';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { Forbidden, NotFound } from '../errors/domain-error';
import { Outbox } from '../events/outbox.service';
import { findMentions } from '../journal/mentions';
import { PlanAccessService } from '../plans/plan-access.service';
import type { PageDto } from '../plans/dto/plan.dto';
import { PlanWriter } from '../plans/plan-writer.service';
import { Comment } from './comment.entity';
import type { CreateCommentDto } from './dto/comment.dto';

const TARGET_TABLES: Record<CommentTargetType, string> = { goal: 'goals', task: 'tasks' };
const TARGET_NAMES: Record<CommentTargetType, string> = { goal: 'Goal', task: 'Task' };

export function toCommentView(c: Comment): CommentView {
  return {
    id: c.id,
    targetType: c.targetType,
    targetId: c.targetId,
    author: { accountId: c.authorAccountId, name: c.authorName },
    body: c.body,
    mentionedMemberIds: c.mentionedMemberIds,
    createdAt: c.createdAt.toISOString(),
  };
}

export interface CommentTarget {
  type: CommentTargetType;
  id: string;
}

@Injectable()
export class CommentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: PlanAccessService,
    private readonly writer: PlanWriter,
    private readonly audit: AuditService,
    private readonly outbox: Outbox,
  ) {}

  /** Oldest first: a thread reads top down. */
  async list(actor: Actor, planId: string, target: CommentTarget, page: PageDto): Promise<Page<CommentView>> {
    await this.access.authorize(actor, planId, 'plan.read');
    await this.requireTarget(this.db.manager, planId, target);
    const [rows, total] = await this.db
      .getRepository(Comment)
      .createQueryBuilder('c')
      .where('c.plan_id = :planId AND c.target_type = :type AND c.target_id = :id AND c.deleted_at IS NULL', {
        planId,
        type: target.type,
        id: target.id,
      })
      .orderBy('c.created_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .take(page.limit)
      .skip(page.offset)
      .getManyAndCount();
    await this.audit.record(
      {
        tenantId: actor.tenantId,
        actorAccountId: actor.accountId,
        planId,
        action: 'comment.read',
        targetType: target.type,
        targetId: target.id,
        details: { count: rows.length, offset: page.offset },
      },
      actor,
    );
    return { items: rows.map(toCommentView), total, limit: page.limit, offset: page.offset };
  }

  /** The size of each live goal's and task's thread (those with comments only). */
  async counts(actor: Actor, planId: string): Promise<CommentCountsView> {
    await this.access.authorize(actor, planId, 'plan.read');
    const rows = (await this.db.query(
      `SELECT c.target_type, c.target_id, count(*)::int AS count, max(c.created_at) AS last_at
         FROM comments c
        WHERE c.plan_id = $1 AND c.deleted_at IS NULL
          AND (EXISTS (SELECT 1 FROM goals g WHERE c.target_type = 'goal' AND g.id = c.target_id AND g.deleted_at IS NULL)
            OR EXISTS (SELECT 1 FROM tasks t WHERE c.target_type = 'task' AND t.id = c.target_id AND t.deleted_at IS NULL))
        GROUP BY c.target_type, c.target_id
        ORDER BY c.target_type, c.target_id`,
      [planId],
    )) as { target_type: CommentTargetType; target_id: string; count: number; last_at: Date }[];
    await this.audit.record(
      {
        tenantId: actor.tenantId,
        actorAccountId: actor.accountId,
        planId,
        action: 'comment.counts.read',
        targetType: 'plan',
        targetId: planId,
      },
      actor,
    );
    return {
      items: rows.map((r) => ({
        targetType: r.target_type,
        targetId: r.target_id,
        count: r.count,
        lastCommentAt: r.last_at.toISOString(),
      })),
    };
  }

  create(actor: Actor, planId: string, target: CommentTarget, dto: CreateCommentDto): Promise<ChangeResult<CommentView>> {
    return this.writer.change(
      actor,
      planId,
      { action: 'comment.write', entityType: 'comment', clientMutationId: dto.clientMutationId },
      async ({ tx }) => {
        await this.requireTarget(tx, planId, target);
        const repo = tx.getRepository(Comment);
        const comment = await repo.save(
          repo.create({
            planId,
            targetType: target.type,
            targetId: target.id,
            authorAccountId: actor.accountId,
            authorName: actor.name,
            body: dto.body,
            mentionedMemberIds: await this.mentionedMembers(tx, planId, dto.body),
          }),
        );
        const view = toCommentView(comment);
        // Told in the comment's own transaction (the outbox), so a node dying after commit loses no notification.
        const tellsSomeone = comment.mentionedMemberIds.length > 0 || target.type === 'task';
        if (tellsSomeone) {
          await this.outbox.add(tx, 'comment.created', {
            tenantId: actor.tenantId,
            planId,
            commentId: comment.id,
            targetType: target.type,
            targetId: target.id,
            authorName: actor.name,
            authorAccountId: actor.accountId,
            mentionedMemberIds: comment.mentionedMemberIds,
          });
        }
        return {
          entityId: comment.id,
          op: 'created',
          patch: { ...view },
          result: view,
          afterCommit: tellsSomeone ? () => this.outbox.wake() : undefined,
        };
      },
    );
  }

  remove(actor: Actor, planId: string, target: CommentTarget, commentId: string, clientMutationId?: string): Promise<ChangeResult> {
    return this.writer.change(actor, planId, { action: 'comment.write', entityType: 'comment', clientMutationId }, async ({ tx }) => {
      const comment = await this.ownComment(tx, planId, target, commentId, false, actor);
      await tx.getRepository(Comment).update({ id: comment.id }, { deletedAt: new Date(), deletedBy: actor.accountId });
      return {
        entityId: comment.id,
        op: 'deleted',
        patch: { deleted: true, deletedBy: actor.accountId, targetType: comment.targetType, targetId: comment.targetId },
      };
    });
  }

  restore(
    actor: Actor,
    planId: string,
    target: CommentTarget,
    commentId: string,
    clientMutationId?: string,
  ): Promise<ChangeResult<CommentView>> {
    return this.writer.change(actor, planId, { action: 'comment.write', entityType: 'comment', clientMutationId }, async ({ tx }) => {
      await this.requireTarget(tx, planId, target);
      const comment = await this.ownComment(tx, planId, target, commentId, true, actor);
      await tx.getRepository(Comment).update({ id: comment.id }, { deletedAt: null, deletedBy: null });
      const view = toCommentView(comment);
      return { entityId: comment.id, op: 'restored', patch: { ...view }, result: view };
    });
  }

  /** The caller's own comment on this target (deleted or not, as asked); someone else's is 403. */
  private async ownComment(
    tx: EntityManager,
    planId: string,
    target: CommentTarget,
    commentId: string,
    deleted: boolean,
    actor: Actor,
  ): Promise<Comment> {
    const comment = await tx.getRepository(Comment).findOneBy({
      id: commentId,
      planId,
      targetType: target.type,
      targetId: target.id,
      deletedAt: deleted ? Not(IsNull()) : IsNull(),
    });
    if (!comment) throw new NotFound(deleted ? 'Deleted comment' : 'Comment');
    if (comment.authorAccountId !== actor.accountId) throw new Forbidden('Only the author may delete or restore a comment');
    return comment;
  }

  /** The goal or task must be in this plan and not deleted. */
  private async requireTarget(manager: EntityManager, planId: string, target: CommentTarget): Promise<void> {
    const [{ found }] = (await manager.query(
      `SELECT EXISTS (SELECT 1 FROM ${TARGET_TABLES[target.type]} WHERE id = $1 AND plan_id = $2 AND deleted_at IS NULL) AS found`,
      [target.id, planId],
    )) as { found: boolean }[];
    if (!found) throw new NotFound(TARGET_NAMES[target.type]);
  }

  /** Members of the plan the body mentions (whether they may be told is decided when telling them). */
  private async mentionedMembers(tx: EntityManager, planId: string, body: string): Promise<string[]> {
    if (!body.includes('@')) return [];
    const rows = (await tx.query(`SELECT id, name FROM plan_members WHERE plan_id = $1 AND status = 'active' ORDER BY created_at, id`, [
      planId,
    ])) as { id: string; name: string }[];
    return findMentions(body, rows);
  }
}
