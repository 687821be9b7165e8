/**
 * Meldinger om behov for IP/koordinator: any professional reports that someone needs an
 * individual plan or a coordinator (their duty to report); koordinerende enhet triages the queue
 * and appoints a coordinator. A reporter sees their own reports; the systemkoordinator sees all
 * in their tenant; nobody sees another tenant's.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  NEED_TRANSITIONS,
  OPEN_NEED_STATUSES,
  tenantRoleMay,
  type NeedAppointmentResult,
  type NeedStatus,
  type NeedView,
  type Page,
} from '#contracts';
import { AccountsService } from '../accounts/accounts.service';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { BadRequest, Conflict, NotFound } from '../errors/domain-error';
import { NotificationsService, type CreatedNotification } from '../notifications/notifications.service';
import { CoordinatorsService } from '../training/coordinators.service';
import type { AppointCoordinatorDto, ListNeedsQueryDto, ReportNeedDto, TriageNeedDto } from './dto/need.dto';
import { Need } from './need.entity';

interface NeedRow {
  id: string;
  person_name: string;
  person_contact: string | null;
  kind: NeedView['kind'];
  description: string;
  reporter_account_id: string;
  reporter_name: string;
  reporter_service: string;
  status: NeedStatus;
  triage_note: string | null;
  triaged_by: string | null;
  triaged_by_name: string | null;
  triaged_at: Date | null;
  coordinator_account_id: string | null;
  coordinator_name: string | null;
  plan_id: string | null;
  created_at: Date;
  updated_at: Date;
  total?: number;
}

const SELECT_NEEDS = `
  SELECT n.*, r.name AS reporter_name, t.name AS triaged_by_name, c.name AS coordinator_name
    FROM needs n
    JOIN accounts r ON r.id = n.reporter_account_id
    LEFT JOIN accounts t ON t.id = n.triaged_by
    LEFT JOIN accounts c ON c.id = n.coordinator_account_id`;

function toNeedView(r: NeedRow): NeedView {
  return {
    id: r.id,
    personName: r.person_name,
    personContact: r.person_contact,
    kind: r.kind,
    description: r.description,
    reporter: { accountId: r.reporter_account_id, name: r.reporter_name, service: r.reporter_service },
    status: r.status,
    triageNote: r.triage_note,
    triagedBy: r.triaged_by ? { accountId: r.triaged_by, name: r.triaged_by_name ?? '' } : null,
    triagedAt: r.triaged_at?.toISOString() ?? null,
    coordinator: r.coordinator_account_id ? { accountId: r.coordinator_account_id, name: r.coordinator_name ?? '' } : null,
    planId: r.plan_id,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

@Injectable()
export class NeedsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly accounts: AccountsService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly coordinators: CoordinatorsService,
  ) {}

  async report(actor: Actor, dto: ReportNeedDto): Promise<NeedView> {
    this.accounts.requireTenantAction(actor, 'needs.report');
    const { id, created } = await this.db.transaction(async (tx) => {
      const repo = tx.getRepository(Need);
      const need = await repo.save(
        repo.create({
          tenantId: actor.tenantId,
          personName: dto.personName.trim(),
          personContact: dto.personContact?.trim() || null,
          kind: dto.kind,
          description: dto.description,
          reporterAccountId: actor.accountId,
          reporterService: dto.reporterService.trim(),
          status: 'new',
        }),
      );
      await this.audit.record(
        { tenantId: actor.tenantId, actorAccountId: actor.accountId, action: 'need.report', targetType: 'need', targetId: need.id },
        actor,
        tx,
      );
      // Koordinerende enhet is told at once: the reporter's duty is done when it is received.
      const triagers = (await tx.query(
        `SELECT id FROM accounts WHERE tenant_id = $1 AND role = 'systemkoordinator' AND disabled_at IS NULL AND id <> $2`,
        [actor.tenantId, actor.accountId],
      )) as { id: string }[];
      const created: CreatedNotification[] = [];
      for (const t of triagers) {
        const c = await this.notifications.create(tx, {
          tenantId: actor.tenantId,
          recipient: { accountId: t.id },
          kind: 'need_reported',
          params: { reporterName: actor.name, reporterService: need.reporterService, personName: need.personName, needKind: need.kind },
          link: `/koordinerende-enhet/meldinger/${need.id}`,
          dedupeKey: `need_reported:${need.id}:${t.id}`,
        });
        if (c) created.push(c);
      }
      return { id: need.id, created };
    });
    this.notifications.deliverSoon(created);
    return this.view(this.db.manager, actor.tenantId, id);
  }

  async list(actor: Actor, query: ListNeedsQueryDto): Promise<Page<NeedView>> {
    const triager = tenantRoleMay(actor.role, 'needs.triage');
    if (!triager) this.accounts.requireTenantAction(actor, 'needs.report');
    const onlyMine = !triager || query.mine === true;
    const statuses = query.status === 'open' ? [...OPEN_NEED_STATUSES] : query.status ? [query.status] : null;
    const rows = (await this.db.query(
      `${SELECT_NEEDS.replace('SELECT n.*', 'SELECT n.*, count(*) OVER ()::int AS total')}
        WHERE n.tenant_id = $1 AND ($2::uuid IS NULL OR n.reporter_account_id = $2) AND ($3::text[] IS NULL OR n.status = ANY($3))
        ORDER BY n.created_at ${statuses && statuses.every((s) => OPEN_NEED_STATUSES.includes(s)) ? 'ASC' : 'DESC'}, n.id
        LIMIT $4 OFFSET $5`,
      [actor.tenantId, onlyMine ? actor.accountId : null, statuses, query.limit, query.offset],
    )) as NeedRow[];
    const total = rows[0]?.total ?? (query.offset > 0 ? await this.count(actor.tenantId, onlyMine ? actor.accountId : null, statuses) : 0);
    return { items: rows.map(toNeedView), total, limit: query.limit, offset: query.offset };
  }

  async get(actor: Actor, id: string): Promise<NeedView> {
    const need = await this.findVisible(actor, id);
    await this.audit.record(
      { tenantId: actor.tenantId, actorAccountId: actor.accountId, action: 'need.read', targetType: 'need', targetId: id },
      actor,
    );
    return need;
  }

  async triage(actor: Actor, id: string, dto: TriageNeedDto): Promise<NeedView> {
    this.accounts.requireTenantAction(actor, 'needs.triage');
    await this.db.transaction(async (tx) => {
      const need = await this.lock(tx, actor.tenantId, id);
      if (dto.status === need.status && dto.note === undefined) return;
      if (dto.status !== need.status && !NEED_TRANSITIONS[need.status].includes(dto.status)) {
        throw new Conflict(
          dto.status === 'coordinator_appointed'
            ? 'Appoint a coordinator to set this status (POST /api/needs/:id/appoint)'
            : `A need that is ${need.status} cannot become ${dto.status}`,
        );
      }
      if (dto.status === 'declined' && !dto.note?.trim()) throw new BadRequest('Say why the need is declined (note)');
      if (dto.planId) {
        if (dto.status !== 'plan_started') throw new BadRequest('planId goes with status plan_started');
        const [plan] = (await tx.query(`SELECT id FROM plans WHERE id = $1 AND tenant_id = $2`, [dto.planId, actor.tenantId])) as unknown[];
        if (!plan) throw new NotFound('Plan');
      }
      await tx.query(
        `UPDATE needs SET status = $2, triage_note = coalesce($3, triage_note), plan_id = coalesce($4, plan_id),
                triaged_by = $5, triaged_at = now(), updated_at = now() WHERE id = $1`,
        [id, dto.status, dto.note?.trim() ?? null, dto.planId ?? null, actor.accountId],
      );
      await this.audit.record(
        {
          tenantId: actor.tenantId,
          actorAccountId: actor.accountId,
          action: 'need.triage',
          targetType: 'need',
          targetId: id,
          details: { from: need.status, to: dto.status },
        },
        actor,
        tx,
      );
    });
    return this.view(this.db.manager, actor.tenantId, id);
  }

  /** Appoints a coordinator to a reported need; warns (never refuses) on training and caseload. */
  async appoint(actor: Actor, id: string, dto: AppointCoordinatorDto): Promise<NeedAppointmentResult> {
    this.accounts.requireTenantAction(actor, 'coordinators.appoint');
    const created = await this.db.transaction(async (tx) => {
      const need = await this.lock(tx, actor.tenantId, id);
      if (need.status === 'declined') throw new Conflict('The need was declined; take it back into review first');
      if (need.status === 'plan_started') throw new Conflict('A plan was started for this need: appoint the coordinator to the plan');
      const [coordinator] = (await tx.query(`SELECT id, role, disabled_at FROM accounts WHERE id = $1 AND tenant_id = $2`, [
        dto.coordinatorAccountId,
        actor.tenantId,
      ])) as { id: string; role: string; disabled_at: Date | null }[];
      if (!coordinator || coordinator.disabled_at) throw new NotFound('Coordinator account');
      if (coordinator.role !== 'coordinator' && coordinator.role !== 'systemkoordinator') {
        throw new BadRequest('The coordinator must have the coordinator role');
      }
      await tx.query(
        `UPDATE needs SET status = 'coordinator_appointed', coordinator_account_id = $2, triage_note = coalesce($3, triage_note),
                triaged_by = $4, triaged_at = now(), updated_at = now() WHERE id = $1`,
        [id, coordinator.id, dto.note?.trim() || null, actor.accountId],
      );
      await this.audit.record(
        {
          tenantId: actor.tenantId,
          actorAccountId: actor.accountId,
          action: 'need.appoint',
          targetType: 'need',
          targetId: id,
          details: { coordinatorAccountId: coordinator.id },
        },
        actor,
        tx,
      );
      if (coordinator.id === actor.accountId) return null;
      return this.notifications.create(tx, {
        tenantId: actor.tenantId,
        recipient: { accountId: coordinator.id },
        kind: 'coordinator_appointed',
        params: { appointedBy: actor.name, personName: need.personName },
        link: `/koordinerende-enhet/meldinger/${id}`,
        dedupeKey: `coordinator_appointed:need:${id}:${coordinator.id}`,
      });
    });
    if (created) this.notifications.deliverSoon([created]);
    const warnings = await this.coordinators.appointmentWarnings(actor.tenantId, dto.coordinatorAccountId);
    return { need: await this.view(this.db.manager, actor.tenantId, id), warnings };
  }

  /** Open needs (new, in review) for the overview: counts by status and the oldest few. */
  async openSummary(
    tenantId: string,
    limit: number,
  ): Promise<{ total: number; byStatus: Record<'new' | 'in_review', number>; oldest: NeedView[] }> {
    const counts = (await this.db.query(
      `SELECT status, count(*)::int AS n FROM needs WHERE tenant_id = $1 AND status = ANY($2) GROUP BY status`,
      [tenantId, [...OPEN_NEED_STATUSES]],
    )) as { status: 'new' | 'in_review'; n: number }[];
    const byStatus = { new: 0, in_review: 0 };
    for (const c of counts) byStatus[c.status] = c.n;
    const oldest = (await this.db.query(
      `${SELECT_NEEDS} WHERE n.tenant_id = $1 AND n.status = ANY($2) ORDER BY n.created_at, n.id LIMIT $3`,
      [tenantId, [...OPEN_NEED_STATUSES], limit],
    )) as NeedRow[];
    return { total: byStatus.new + byStatus.in_review, byStatus, oldest: oldest.map(toNeedView) };
  }

  private async findVisible(actor: Actor, id: string): Promise<NeedView> {
    const need = await this.view(this.db.manager, actor.tenantId, id);
    // The reporter and the appointed coordinator see the need; anyone else without triage rights learns nothing.
    const involved = need.reporter.accountId === actor.accountId || need.coordinator?.accountId === actor.accountId;
    if (!tenantRoleMay(actor.role, 'needs.triage') && !involved) throw new NotFound('Need');
    return need;
  }

  private async lock(tx: EntityManager, tenantId: string, id: string): Promise<Need> {
    const need = await tx
      .getRepository(Need)
      .createQueryBuilder('n')
      .where('n.id = :id AND n.tenant_id = :tenantId', { id, tenantId })
      .setLock('pessimistic_write')
      .getOne();
    if (!need) throw new NotFound('Need');
    return need;
  }

  private async view(manager: EntityManager, tenantId: string, id: string): Promise<NeedView> {
    const [row] = (await manager.query(`${SELECT_NEEDS} WHERE n.id = $1 AND n.tenant_id = $2`, [id, tenantId])) as NeedRow[];
    if (!row) throw new NotFound('Need');
    return toNeedView(row);
  }

  private async count(tenantId: string, reporterId: string | null, statuses: string[] | null): Promise<number> {
    const [{ n }] = (await this.db.query(
      `SELECT count(*)::int AS n FROM needs WHERE tenant_id = $1 AND ($2::uuid IS NULL OR reporter_account_id = $2) AND ($3::text[] IS NULL OR status = ANY($3))`,
      [tenantId, reporterId, statuses],
    )) as { n: number }[];
    return n;
  }
}
