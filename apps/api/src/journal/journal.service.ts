/**
 * The journal: progress notes and comments on the plan, a goal, a task or a meeting. Reading is
 * audited; writing goes through the plan's write path; an author may delete their own entry.
 * Mentioning a member (@Name) tells them after commit ('journal.mention'). The note being written
 * together (the plan's journal draft, shared text) is saved and posted here too.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import {
  PLAN_PERMISSIONS,
  planRoleMay,
  type ChangeResult,
  type JournalDraftView,
  type JournalEntryView,
  type JournalTargetType,
  type Page,
  type PlanRole,
} from '#contracts';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { BadRequest, Forbidden, NotFound } from '../errors/domain-error';
import { Outbox } from '../events/outbox.service';
import { PlanAccessService } from '../plans/plan-access.service';
import { PlanWriter, type ChangeOutcome } from '../plans/plan-writer.service';
import { JOURNAL_BODY_MAX, type CreateJournalEntryDto, type JournalQueryDto } from './dto/journal.dto';
import { JournalEntry } from './journal-entry.entity';
import { findMentions } from './mentions';

/** The table each kind of target lives in; every one of them has plan_id and deleted_at. */
const TARGET_TABLES: Record<Exclude<JournalTargetType, 'plan'>, string> = { goal: 'goals', task: 'tasks', meeting: 'meetings' };

export function toJournalEntryView(e: JournalEntry): JournalEntryView {
  return {
    id: e.id,
    targetType: e.targetType,
    targetId: e.targetId,
    parentId: e.parentId,
    author: { accountId: e.authorAccountId, name: e.authorName },
    body: e.body,
    createdAt: e.createdAt.toISOString(),
  };
}

@Injectable()
export class JournalService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: PlanAccessService,
    private readonly writer: PlanWriter,
    private readonly audit: AuditService,
    private readonly outbox: Outbox,
  ) {}

  /** Newest first; comments are listed with the rest and point at their entry (parentId). */
  async list(actor: Actor, planId: string, query: JournalQueryDto): Promise<Page<JournalEntryView>> {
    await this.access.authorize(actor, planId, 'journal.read');
    const qb = this.db
      .getRepository(JournalEntry)
      .createQueryBuilder('j')
      .where('j.plan_id = :planId AND j.deleted_at IS NULL', { planId })
      .orderBy('j.created_at', 'DESC')
      .addOrderBy('j.id', 'DESC')
      .take(query.limit)
      .skip(query.offset);
    if (query.targetType) qb.andWhere('j.target_type = :targetType', { targetType: query.targetType });
    if (query.targetId) qb.andWhere('j.target_id = :targetId', { targetId: query.targetId });
    const [rows, total] = await qb.getManyAndCount();
    await this.audit.record(
      {
        tenantId: actor.tenantId,
        actorAccountId: actor.accountId,
        planId,
        action: 'journal.read',
        targetType: query.targetType ?? 'plan',
        targetId: query.targetId ?? (query.targetType && query.targetType !== 'plan' ? null : planId),
        details: { count: rows.length, offset: query.offset },
      },
      actor,
    );
    return { items: rows.map(toJournalEntryView), total, limit: query.limit, offset: query.offset };
  }

  create(actor: Actor, planId: string, dto: CreateJournalEntryDto): Promise<ChangeResult<JournalEntryView>> {
    return this.writer.change(
      actor,
      planId,
      { action: 'journal.write', entityType: 'journal', clientMutationId: dto.clientMutationId },
      async ({ tx }) => this.insertEntry(tx, actor, planId, await this.resolveTarget(tx, planId, dto), dto.body),
    );
  }

  /** The note being written together, as last settled (the live text is the shared document's). Audited like reading the journal. */
  async getDraft(actor: Actor, planId: string): Promise<JournalDraftView> {
    await this.access.authorize(actor, planId, 'journal.read');
    const [row] = (await this.db.query(`SELECT body, updated_at FROM journal_drafts WHERE plan_id = $1`, [planId])) as {
      body: string;
      updated_at: Date;
    }[];
    await this.audit.record(
      {
        tenantId: actor.tenantId,
        actorAccountId: actor.accountId,
        planId,
        action: 'journal.read',
        targetType: 'journal_draft',
        targetId: planId,
        details: { draft: true },
      },
      actor,
    );
    return { body: row?.body ?? '', updatedAt: row ? row.updated_at.toISOString() : null };
  }

  /**
   * The note written together (shared text 'journal_draft', realtime/shared-text): its merged text
   * as typing settles, through the write path (one revision per burst, read with the journal).
   */
  saveDraft(actor: Actor, planId: string, body: string, base: { clientMutationId?: string }): Promise<ChangeResult<{ body: string }>> {
    if (body.length > JOURNAL_BODY_MAX) throw new BadRequest(`A journal note is at most ${JOURNAL_BODY_MAX} characters`);
    return this.writer.change(
      actor,
      planId,
      { action: 'journal.write', entityType: 'journal_draft', clientMutationId: base.clientMutationId },
      async ({ tx }) => {
        const [row] = (await tx.query(`SELECT body FROM journal_drafts WHERE plan_id = $1`, [planId])) as { body: string }[];
        if ((row?.body ?? '') === body) return { entityId: planId, op: 'updated', patch: {}, result: { body } };
        await tx.query(
          `INSERT INTO journal_drafts (plan_id, body, updated_by) VALUES ($1, $2, $3)
           ON CONFLICT (plan_id) DO UPDATE SET body = EXCLUDED.body, updated_by = EXCLUDED.updated_by, updated_at = now()`,
          [planId, body, actor.accountId],
        );
        return { entityId: planId, op: 'updated', patch: { body }, result: { body } };
      },
    );
  }

  /**
   * "Legg til i journalen": the draft's text (as the shared-text service read it from what is
   * stored) becomes an ordinary entry on the plan, written by the one who posts it, and the draft
   * is emptied in the same transaction (`alsoInTx` stores the shared document's emptying update).
   * A retry with the same client mutation id returns the first entry and runs nothing again.
   */
  postDraft(
    actor: Actor,
    planId: string,
    body: string,
    clientMutationId: string,
    alsoInTx: (tx: EntityManager) => Promise<void>,
  ): Promise<ChangeResult<JournalEntryView>> {
    return this.writer.change(actor, planId, { action: 'journal.write', entityType: 'journal', clientMutationId }, async ({ tx }) => {
      const text = body.trim();
      if (!text) throw new BadRequest('The note is empty: write something before adding it to the journal');
      if (text.length > JOURNAL_BODY_MAX) throw new BadRequest(`A journal note is at most ${JOURNAL_BODY_MAX} characters`);
      const outcome = await this.insertEntry(tx, actor, planId, { targetType: 'plan', targetId: null, parentId: null }, text);
      await tx.query(`UPDATE journal_drafts SET body = '', updated_by = $2, updated_at = now() WHERE plan_id = $1`, [
        planId,
        actor.accountId,
      ]);
      await alsoInTx(tx);
      return { ...outcome, patch: { ...outcome.patch, fromDraft: true } };
    });
  }

  private async insertEntry(
    tx: EntityManager,
    actor: Actor,
    planId: string,
    target: Pick<JournalEntry, 'targetType' | 'targetId' | 'parentId'>,
    body: string,
  ): Promise<ChangeOutcome<JournalEntryView>> {
    const repo = tx.getRepository(JournalEntry);
    const entry = await repo.save(
      repo.create({
        planId,
        ...target,
        authorAccountId: actor.accountId,
        authorName: actor.name,
        body,
      }),
    );
    const view = toJournalEntryView(entry);
    const mentioned = await this.mentionedAccounts(tx, planId, body, actor.accountId);
    const payload = {
      tenantId: actor.tenantId,
      planId,
      entryId: entry.id,
      authorName: actor.name,
      authorAccountId: actor.accountId,
      mentionedAccountIds: mentioned,
    };
    if (mentioned.length) await this.outbox.add(tx, 'journal.mention', payload);
    return {
      entityId: entry.id,
      op: 'created',
      patch: { ...view },
      result: view,
      afterCommit: mentioned.length ? () => this.outbox.wake() : undefined,
    };
  }

  /** Only the author deletes an entry (soft: it can be restored); its comments stay (they answer a deleted entry). */
  remove(actor: Actor, planId: string, entryId: string, clientMutationId?: string): Promise<ChangeResult> {
    return this.writer.change(actor, planId, { action: 'journal.write', entityType: 'journal', clientMutationId }, async ({ tx }) => {
      const entry = await tx.getRepository(JournalEntry).findOneBy({ id: entryId, planId, deletedAt: IsNull() });
      if (!entry) throw new NotFound('Journal entry');
      if (entry.authorAccountId !== actor.accountId) throw new Forbidden('Only the author may delete a journal entry');
      await tx.getRepository(JournalEntry).update({ id: entryId }, { deletedAt: new Date(), deletedBy: actor.accountId });
      return { entityId: entryId, op: 'deleted', patch: { deleted: true, deletedBy: actor.accountId } };
    });
  }

  /** Only the author restores their entry. */
  restore(actor: Actor, planId: string, entryId: string, clientMutationId?: string): Promise<ChangeResult<JournalEntryView>> {
    return this.writer.change(actor, planId, { action: 'journal.write', entityType: 'journal', clientMutationId }, async ({ tx }) => {
      const entry = await tx.getRepository(JournalEntry).findOneBy({ id: entryId, planId, deletedAt: Not(IsNull()) });
      if (!entry) throw new NotFound('Deleted journal entry');
      if (entry.authorAccountId !== actor.accountId) throw new Forbidden('Only the author may restore a journal entry');
      await tx.getRepository(JournalEntry).update({ id: entryId }, { deletedAt: null, deletedBy: null });
      const view = toJournalEntryView(entry);
      return { entityId: entryId, op: 'restored', patch: { ...view }, result: view };
    });
  }

  /**
   * Where the entry goes: the target must belong to this plan (else 404); a comment goes where
   * its entry is, and answers the first entry of a thread (one level deep).
   */
  private async resolveTarget(
    tx: EntityManager,
    planId: string,
    dto: CreateJournalEntryDto,
  ): Promise<Pick<JournalEntry, 'targetType' | 'targetId' | 'parentId'>> {
    if (dto.parentId) {
      const parent = await tx.getRepository(JournalEntry).findOneBy({ id: dto.parentId, planId, deletedAt: IsNull() });
      if (!parent) throw new NotFound('Journal entry');
      const sameTarget =
        (dto.targetType === undefined || dto.targetType === parent.targetType) &&
        (dto.targetId === undefined || dto.targetId === parent.targetId || (parent.targetType === 'plan' && dto.targetId === planId));
      if (!sameTarget) throw new BadRequest('A comment is about the same thing as the entry it answers');
      return { targetType: parent.targetType, targetId: parent.targetId, parentId: parent.parentId ?? parent.id };
    }
    const targetType = dto.targetType ?? 'plan';
    if (targetType === 'plan') {
      if (dto.targetId && dto.targetId !== planId) throw new NotFound('Plan');
      return { targetType, targetId: null, parentId: null };
    }
    if (!dto.targetId) throw new BadRequest(`Name the ${targetType} (targetId)`);
    const [{ found }] = (await tx.query(
      `SELECT EXISTS (SELECT 1 FROM ${TARGET_TABLES[targetType]} WHERE id = $1 AND plan_id = $2 AND deleted_at IS NULL) AS found`,
      [dto.targetId, planId],
    )) as { found: boolean }[];
    if (!found) throw new NotFound(targetType[0].toUpperCase() + targetType.slice(1));
    return { targetType, targetId: dto.targetId, parentId: null };
  }

  /** Members the body mentions who may read the journal now (consent in force where needed), not the author. */
  private async mentionedAccounts(tx: EntityManager, planId: string, body: string, authorAccountId: string): Promise<string[]> {
    if (!body.includes('@')) return [];
    const rows = (await tx.query(
      `SELECT m.id, m.account_id, m.name, m.role,
              EXISTS (SELECT 1 FROM consents c WHERE c.member_id = m.id AND c.kind = 'member_access' AND c.revoked_at IS NULL) AS consent
         FROM plan_members m WHERE m.plan_id = $1 AND m.status = 'active' AND m.account_id IS NOT NULL
        ORDER BY m.created_at, m.id`,
      [planId],
    )) as { id: string; account_id: string; name: string; role: PlanRole; consent: boolean }[];
    const ids = new Set(findMentions(body, rows));
    return rows
      .filter((r) => ids.has(r.id) && r.account_id !== authorAccountId)
      .filter((r) => planRoleMay(r.role, 'journal.read') && (!PLAN_PERMISSIONS[r.role].requiresConsent || r.consent))
      .map((r) => r.account_id);
  }
}
