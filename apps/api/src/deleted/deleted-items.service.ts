/**
 * What was deleted from a plan and can be restored ("papirkurven"): goals, tasks, meetings and
 * journal entries marked deleted, newest deletion first. Reading it is reading plan content
 * (plan.read, audited); whether the caller may restore each item follows the matrix (and, for
 * journal entries, authorship), the same rule the restore itself applies.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { planRoleMay, type DeletableType, type DeletedItemView, type Page, type PlanAction } from '#contracts';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { PlanAccessService } from '../plans/plan-access.service';
import type { PageDto } from '../plans/dto/plan.dto';

const WRITE_ACTION: Record<DeletableType, PlanAction> = {
  goal: 'goal.write',
  task: 'task.write',
  meeting: 'meeting.write',
  journal: 'journal.write',
};

/** A journal entry's "title": its first words. */
const EXCERPT = 60;

@Injectable()
export class DeletedItemsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: PlanAccessService,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, planId: string, page: PageDto): Promise<Page<DeletedItemView>> {
    const { member } = await this.access.authorize(actor, planId, 'plan.read');
    const rows = (await this.db.query(
      `WITH deleted AS (
         SELECT 'goal' AS entity_type, id, title, deleted_at, deleted_by, NULL::uuid AS author FROM goals WHERE plan_id = $1 AND deleted_at IS NOT NULL
         UNION ALL
         SELECT 'task', id, title, deleted_at, deleted_by, NULL FROM tasks WHERE plan_id = $1 AND deleted_at IS NOT NULL
         UNION ALL
         SELECT 'meeting', id, title, deleted_at, deleted_by, NULL FROM meetings WHERE plan_id = $1 AND deleted_at IS NOT NULL
         UNION ALL
         SELECT 'journal', id, left(regexp_replace(body, '\\s+', ' ', 'g'), ${EXCERPT}), deleted_at, deleted_by, author_account_id
           FROM journal_entries WHERE plan_id = $1 AND deleted_at IS NOT NULL
       )
       SELECT d.entity_type, d.id, d.title, d.deleted_at, d.deleted_by, d.author, coalesce(a.name, '') AS deleted_by_name,
              (SELECT max(e.revision) FROM plan_events e
                WHERE e.plan_id = $1 AND e.entity_type = d.entity_type AND e.entity_id = d.id AND e.action = 'deleted') AS revision,
              count(*) OVER ()::int AS total
         FROM deleted d LEFT JOIN accounts a ON a.id = d.deleted_by
        ORDER BY d.deleted_at DESC, d.id
        LIMIT $2 OFFSET $3`,
      [planId, page.limit, page.offset],
    )) as {
      entity_type: DeletableType;
      id: string;
      title: string;
      deleted_at: Date;
      deleted_by: string | null;
      author: string | null;
      deleted_by_name: string;
      revision: number | null;
      total: number;
    }[];
    await this.audit.record(
      {
        tenantId: actor.tenantId,
        actorAccountId: actor.accountId,
        planId,
        action: 'plan.deleted.read',
        targetType: 'plan',
        targetId: planId,
        details: { count: rows.length, offset: page.offset },
      },
      actor,
    );
    return {
      items: rows.map((r) => ({
        entityType: r.entity_type,
        id: r.id,
        title: r.title,
        deletedAt: r.deleted_at.toISOString(),
        deletedBy: { accountId: r.deleted_by, name: r.deleted_by_name },
        revision: r.revision,
        mayRestore: planRoleMay(member.role, WRITE_ACTION[r.entity_type]) && (r.entity_type !== 'journal' || r.author === actor.accountId),
      })),
      total: rows[0]?.total ?? 0,
      limit: page.limit,
      offset: page.offset,
    };
  }
}
