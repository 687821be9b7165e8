/**
 * The coordinators of a tenant as koordinerende enhet follows them up: training status and
 * caseload (plans not closed where they are the active coordinator), and the warnings an
 * appointment gives. The caseload is read from the plans' tables as a read model: counts only.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppointmentWarning, CoordinatorRow, TenantRole } from '#contracts';
import { AccountsService } from '../accounts/accounts.service';
import type { Actor } from '../auth/actor';
import { NotFound } from '../errors/domain-error';
import { CoordinationConfig } from '../overview/coordination.config';
import { TrainingService } from './training.service';

@Injectable()
export class CoordinatorsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly training: TrainingService,
    private readonly coordination: CoordinationConfig,
    private readonly accounts: AccountsService,
  ) {}

  /** For the systemkoordinator (training.manage). */
  async listFor(actor: Actor, filter: { flagged?: boolean }): Promise<CoordinatorRow[]> {
    this.accounts.requireTenantAction(actor, 'training.manage');
    return this.list(actor.tenantId, filter);
  }

  /** Accounts with the coordinator role, and anyone else coordinating a plan now. */
  async list(tenantId: string, filter: { flagged?: boolean } = {}): Promise<CoordinatorRow[]> {
    const rows = (await this.db.query(
      `WITH load AS (
         SELECT m.account_id, count(DISTINCT p.id)::int AS plans
           FROM plan_members m JOIN plans p ON p.id = m.plan_id
          WHERE p.tenant_id = $1 AND p.status <> 'closed' AND m.role = 'coordinator' AND m.status = 'active' AND m.account_id IS NOT NULL
          GROUP BY m.account_id)
       SELECT a.id, a.name, a.email, a.role, coalesce(load.plans, 0) AS plans
         FROM accounts a LEFT JOIN load ON load.account_id = a.id
        WHERE a.tenant_id = $1 AND a.disabled_at IS NULL AND (a.role = 'coordinator' OR load.plans > 0)
        ORDER BY a.name, a.id`,
      [tenantId],
    )) as { id: string; name: string; email: string; role: TenantRole; plans: number }[];
    const status = await this.training.statusOf(
      tenantId,
      rows.map((r) => r.id),
    );
    const threshold = this.coordination.COORDINATOR_CASELOAD_WARNING;
    const all = rows.map((r) => ({
      accountId: r.id,
      name: r.name,
      email: r.email,
      role: r.role,
      activePlans: r.plans,
      caseloadHigh: r.plans >= threshold,
      training: status.get(r.id)!,
    }));
    return filter.flagged === undefined ? all : all.filter((c) => c.training.flagged === filter.flagged);
  }

  /** Before appointing: what the systemkoordinator should know about this account (coordinators.appoint). */
  async warningsFor(actor: Actor, accountId: string): Promise<AppointmentWarning[]> {
    this.accounts.requireTenantAction(actor, 'coordinators.appoint');
    const [account] = (await this.db.query(`SELECT id FROM accounts WHERE id = $1 AND tenant_id = $2`, [
      accountId,
      actor.tenantId,
    ])) as unknown[];
    if (!account) throw new NotFound('Account');
    return this.appointmentWarnings(actor.tenantId, accountId);
  }

  async activePlans(tenantId: string, accountId: string): Promise<number> {
    const [{ n }] = (await this.db.query(
      `SELECT count(DISTINCT p.id)::int AS n FROM plan_members m JOIN plans p ON p.id = m.plan_id
        WHERE p.tenant_id = $1 AND p.status <> 'closed' AND m.role = 'coordinator' AND m.status = 'active' AND m.account_id = $2`,
      [tenantId, accountId],
    )) as { n: number }[];
    return n;
  }

  /**
   * What the systemkoordinator should know before appointing: required training missing or
   * expired, and a caseload at or above the threshold. Warnings, not refusals: the person's
   * wish for a coordinator weighs heavily, and koordinerende enhet decides.
   */
  async appointmentWarnings(tenantId: string, accountId: string, extraPlans = 0): Promise<AppointmentWarning[]> {
    const warnings: AppointmentWarning[] = [];
    const status = (await this.training.statusOf(tenantId, [accountId])).get(accountId)!;
    const missing = status.courses.filter((c) => c.state === 'missing').map((c) => c.title);
    const expired = status.courses.filter((c) => c.state === 'expired').map((c) => c.title);
    if (missing.length) {
      warnings.push({ code: 'training_missing', message: `Has not completed required training: ${missing.join(', ')}`, courses: missing });
    }
    if (expired.length) {
      warnings.push({ code: 'training_expired', message: `Required training has expired: ${expired.join(', ')}`, courses: expired });
    }
    const activePlans = (await this.activePlans(tenantId, accountId)) + extraPlans;
    const threshold = this.coordination.COORDINATOR_CASELOAD_WARNING;
    if (activePlans >= threshold) {
      warnings.push({
        code: 'caseload_high',
        message: `Already coordinates ${activePlans} plans (warning at ${threshold})`,
        activePlans,
        threshold,
      });
    }
    return warnings;
  }
}
