/**
 * The one place that decides whether an account may do something in a plan: active membership,
 * the role's permission in the matrix (libs/contracts), the same tenant, and consent in force
 * where the role needs it. Deny by default; a plan in another tenant is simply not found.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PLAN_PERMISSIONS, planRoleMay, type PlanAction } from '#contracts';
import type { Actor } from '../auth/actor';
import { Consent } from '../consent/consent.entity';
import { ConsentRequired, Forbidden, NotFound } from '../errors/domain-error';
import { PlanMember } from '../members/plan-member.entity';
import { Plan } from './plan.entity';

export interface PlanAccess {
  plan: Plan;
  member: PlanMember;
}

@Injectable()
export class PlanAccessService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Inside a write transaction pass `lock: true` to lock the plan row (serializes revisions). */
  async authorize(
    actor: Actor,
    planId: string,
    action: PlanAction,
    manager: EntityManager = this.db.manager,
    lock = false,
  ): Promise<PlanAccess> {
    const qb = manager
      .getRepository(Plan)
      .createQueryBuilder('p')
      .where('p.id = :planId AND p.tenant_id = :tenantId', { planId, tenantId: actor.tenantId });
    if (lock) qb.setLock('pessimistic_write');
    const plan = await qb.getOne();
    if (!plan) throw new NotFound('Plan');
    const member = await this.activeMember(manager, planId, actor.accountId);
    // A non-member learns nothing about the plan, not even that it exists.
    if (!member) throw new NotFound('Plan');
    if (!planRoleMay(member.role, action)) throw new Forbidden(`Your role in this plan (${member.role}) may not do this (${action})`);
    if (PLAN_PERMISSIONS[member.role].requiresConsent && !(await this.hasConsent(manager, member.id))) throw new ConsentRequired();
    return { plan, member };
  }

  /** Locks the plan row for a change that carries its own authorization (an invitation token). */
  async lockPlan(manager: EntityManager, planId: string, tenantId: string): Promise<Plan> {
    const plan = await manager
      .getRepository(Plan)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.id = :planId AND p.tenant_id = :tenantId', { planId, tenantId })
      .getOne();
    if (!plan) throw new NotFound('Plan');
    return plan;
  }

  /** Whether the actor may do the action, without throwing (for shaping a response). */
  may(access: PlanAccess, action: PlanAction): boolean {
    return planRoleMay(access.member.role, action);
  }

  async activeMember(manager: EntityManager, planId: string, accountId: string): Promise<PlanMember | null> {
    return manager.getRepository(PlanMember).findOneBy({ planId, accountId, status: 'active' });
  }

  async hasConsent(manager: EntityManager, memberId: string): Promise<boolean> {
    return manager
      .getRepository(Consent)
      .createQueryBuilder('c')
      .where("c.member_id = :memberId AND c.kind = 'member_access' AND c.revoked_at IS NULL", { memberId })
      .getExists();
  }
}
