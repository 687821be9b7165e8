/**
 * The ansvarsgruppe: inviting by one-time link, accepting, changing roles, removing. The person
 * (or guardian) and the coordinator decide who takes part; a removal takes effect at once.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Not } from 'typeorm';
import {
  planRoleMay,
  type ChangeResult,
  type InvitationView,
  type MemberView,
  type PlanRole,
  type TenantRole,
  type TokenPair,
} from '#contracts';
import { Account } from '../accounts/account.entity';
import type { Actor, Origin } from '../auth/actor';
import { AuthService } from '../auth/auth.service';
import { hashPassword } from '../auth/password';
import { AppConfig } from '../config/config';
import { AlreadyExists, BadRequest, DomainError, Forbidden, NotFound } from '../errors/domain-error';
import { DomainEvents } from '../events/domain-events';
import { Outbox } from '../events/outbox.service';
import { applyFieldPatch } from '../plans/field-conflicts';
import { toMemberView } from '../plans/plan-views';
import { PlanWriter } from '../plans/plan-writer.service';
import { Plan } from '../plans/plan.entity';
import type { AcceptInvitationDto, InviteMemberDto, UpdateMemberDto } from './dto/member.dto';
import { hashInvitationToken, invitationUrl, newInvitationToken } from './invitation-token';
import { PlanMember } from './plan-member.entity';

const TENANT_ROLE_FOR: Record<PlanRole, TenantRole> = {
  person: 'citizen',
  guardian: 'citizen',
  relative: 'citizen',
  professional: 'professional',
  coordinator: 'coordinator',
};

@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writer: PlanWriter,
    private readonly auth: AuthService,
    private readonly events: DomainEvents,
    private readonly outbox: Outbox,
    private readonly config: AppConfig,
  ) {}

  async invite(actor: Actor, planId: string, dto: InviteMemberDto): Promise<ChangeResult<MemberView> & { invitationUrl?: string }> {
    const email = dto.email.trim().toLowerCase();
    const invitation = newInvitationToken();
    let planTitle = '';
    const result = await this.writer.change(
      actor,
      planId,
      { action: 'member.invite', entityType: 'member', clientMutationId: dto.clientMutationId },
      async ({ tx, plan }) => {
        planTitle = plan.title;
        const members = tx.getRepository(PlanMember);
        if (await members.existsBy({ planId, email, status: Not('removed') }))
          throw new AlreadyExists('This person is already invited to or a member of the plan');
        if (dto.role === 'person' && (await members.existsBy({ planId, role: 'person', status: Not('removed') })))
          throw new BadRequest('The plan already has its person');
        if (dto.role === 'coordinator' && (await members.existsBy({ planId, role: 'coordinator', status: Not('removed') }))) {
          throw new BadRequest('The plan already has a coordinator; change roles instead');
        }
        const member = await members.save(
          members.create({
            planId,
            email,
            name: dto.name,
            role: dto.role,
            service: dto.service ?? null,
            organisation: dto.organisation ?? null,
            phone: dto.phone ?? null,
            contribution: dto.contribution ?? '',
            status: 'invited',
            inviteTokenHash: invitation.hash,
            inviteExpiresAt: invitation.expiresAt,
            invitedBy: actor.accountId,
            fieldRevisions: {},
          }),
        );
        const view = toMemberView(member, false);
        const { fieldRevisions: _f, ...patch } = view;
        return { entityId: member.id, op: 'invited', patch, result: view };
      },
    );
    if (result.replayed) return result;
    const url = invitationUrl(this.config.publicUrl, invitation.token);
    this.events.emit('plan.member.invited', {
      tenantId: actor.tenantId,
      planId,
      planTitle,
      memberId: result.entityId,
      email,
      name: dto.name,
      invitedByName: actor.name,
      invitationUrl: url,
    });
    return { ...result, invitationUrl: url };
  }

  async getInvitation(token: string): Promise<InvitationView> {
    const member = await this.validInvitation(token);
    const plan = await this.db.getRepository(Plan).findOneByOrFail({ id: member.planId });
    const inviter = member.invitedBy ? await this.db.getRepository(Account).findOneBy({ id: member.invitedBy }) : null;
    const accountExists = await this.db.getRepository(Account).existsBy({ email: member.email ?? '' });
    return {
      planTitle: plan.title,
      personName: plan.personName,
      name: member.name,
      email: member.email ?? '',
      role: member.role,
      invitedByName: inviter?.name ?? '',
      accountExists,
    };
  }

  /** The token is the authorization: a new account sets its password, an existing one proves it. */
  async acceptInvitation(token: string, dto: AcceptInvitationDto, origin: Origin): Promise<TokenPair & { planId: string }> {
    const member = await this.validInvitation(token);
    const plan = await this.db.getRepository(Plan).findOneByOrFail({ id: member.planId });
    const email = member.email ?? '';
    let account = await this.db.getRepository(Account).findOneBy({ email });
    let tokens: TokenPair;
    if (account) {
      if (account.tenantId !== plan.tenantId) throw new Forbidden('This e-mail belongs to an account in another municipality');
      tokens = await this.auth.login(email, dto.password, origin);
    } else {
      if (dto.password.length < 10) throw new BadRequest('Choose a password of at least 10 characters');
      const repo = this.db.getRepository(Account);
      account = await repo.save(
        repo.create({
          tenantId: plan.tenantId,
          email,
          name: dto.name ?? member.name,
          role: TENANT_ROLE_FOR[member.role],
          passwordHash: await hashPassword(dto.password),
        }),
      );
      tokens = await this.auth.loginVerified(account, 'invitation', origin);
    }
    const joined = account;
    const actor: Actor = { accountId: joined.id, tenantId: joined.tenantId, role: joined.role, name: joined.name, ...origin };
    await this.writer.change(actor, plan.id, { action: 'invitation', entityType: 'member' }, async ({ tx }) => {
      const row = await tx
        .getRepository(PlanMember)
        .createQueryBuilder('m')
        .setLock('pessimistic_write')
        .where('m.id = :id', { id: member.id })
        .getOne();
      if (!row || row.status !== 'invited' || row.inviteTokenHash !== hashInvitationToken(token))
        throw new DomainError('invitation_invalid', 410, 'This invitation has already been used');
      if (await tx.getRepository(PlanMember).existsBy({ planId: plan.id, accountId: joined.id, status: Not('removed') }))
        throw new AlreadyExists('You are already a member of this plan');
      await tx
        .getRepository(PlanMember)
        .update(
          { id: member.id },
          { accountId: joined.id, status: 'active', inviteTokenHash: null, inviteExpiresAt: null, name: joined.name },
        );
      if (member.role === 'person') await tx.getRepository(Plan).update({ id: plan.id }, { personAccountId: joined.id });
      return { entityId: member.id, op: 'joined', patch: { status: 'active', accountId: joined.id, name: joined.name } };
    });
    return { ...tokens, planId: plan.id };
  }

  update(actor: Actor, planId: string, memberId: string, dto: UpdateMemberDto): Promise<ChangeResult> {
    const { baseRevision, clientMutationId, ...patch } = dto;
    const managing =
      patch.role !== undefined || patch.name !== undefined || patch.service !== undefined || patch.organisation !== undefined;
    // Anyone may describe their own contribution and phone; the rest is member management.
    return this.writer.change(
      actor,
      planId,
      { action: 'plan.read', entityType: 'member', clientMutationId },
      async ({ tx, member: me, revision }) => {
        const members = tx.getRepository(PlanMember);
        const member = await members.findOneBy({ id: memberId, planId, status: Not('removed') });
        if (!member) throw new NotFound('Member');
        if ((managing || member.id !== me?.id) && !(me && planRoleMay(me.role, 'member.manage')))
          throw new Forbidden('Only the person, a guardian or the coordinator may change members');
        if (patch.role !== undefined && patch.role !== member.role && (member.role === 'person' || patch.role === 'person'))
          throw new BadRequest("The person's role cannot be changed");
        const out = applyFieldPatch(member, member.fieldRevisions, patch, baseRevision, revision, actor.accountId);
        if (out.applied.role === 'coordinator') {
          // Exactly one coordinator at a time: the previous one stays in the group as a professional.
          await members.update({ planId, role: 'coordinator', status: Not('removed'), id: Not(memberId) }, { role: 'professional' });
        }
        if (Object.keys(out.applied).length) await members.update({ id: memberId }, { ...out.applied, fieldRevisions: out.fieldRevisions });
        return { entityId: memberId, op: 'updated', patch: out.applied, conflicts: out.conflicts };
      },
    );
  }

  remove(actor: Actor, planId: string, memberId: string, clientMutationId?: string): Promise<ChangeResult> {
    return this.writer.change(
      actor,
      planId,
      { action: 'member.manage', entityType: 'member', clientMutationId, allowOnClosedPlan: true },
      async ({ tx }) => {
        const member = await tx.getRepository(PlanMember).findOneBy({ id: memberId, planId, status: Not('removed') });
        if (!member) throw new NotFound('Member');
        if (member.role === 'person') throw new BadRequest('The person cannot be removed from their own plan');
        await tx.getRepository(PlanMember).update({ id: memberId }, { status: 'removed', removedAt: new Date(), inviteTokenHash: null });
        const accountId = member.accountId;
        return {
          entityId: memberId,
          op: 'removed',
          patch: { status: 'removed' },
          afterCommit: accountId
            ? () => this.events.emit('plan.access.revoked', { planId, accountId, reason: 'member_removed' })
            : undefined,
        };
      },
    );
  }

  /**
   * Koordinerende enhet appoints the plan's coordinator (no plan membership needed: the tenant
   * role authorizes it). The previous coordinator stays in the group as a professional.
   */
  async appointCoordinator(
    actor: Actor,
    planId: string,
    coordinatorAccountId: string,
    clientMutationId?: string,
  ): Promise<ChangeResult & { coordinator: { accountId: string; name: string } }> {
    let coordinator: Account | null = null;
    const result = await this.writer.change(
      actor,
      planId,
      { action: { tenantAction: 'coordinators.appoint' }, entityType: 'member', clientMutationId },
      async ({ tx, plan }) => {
        coordinator = await tx.getRepository(Account).findOneBy({ id: coordinatorAccountId, tenantId: actor.tenantId });
        if (!coordinator || coordinator.disabledAt) throw new NotFound('Coordinator account');
        if (coordinator.role !== 'coordinator' && coordinator.role !== 'systemkoordinator')
          throw new BadRequest('The coordinator must have the coordinator role');
        const members = tx.getRepository(PlanMember);
        const previous = await members.findOneBy({ planId, role: 'coordinator', status: Not('removed') });
        if (previous?.accountId === coordinator.id) return { entityId: previous.id, op: 'appointed', patch: {} };
        if (previous) await members.update({ id: previous.id }, { role: 'professional' });
        const existing = await members.findOneBy({ planId, accountId: coordinator.id, status: Not('removed') });
        let memberId: string;
        if (existing) {
          if (existing.role === 'person') throw new BadRequest('The person cannot be their own coordinator');
          await members.update({ id: existing.id }, { role: 'coordinator', status: 'active' });
          memberId = existing.id;
        } else {
          const saved = await members.save(
            members.create({
              planId,
              accountId: coordinator.id,
              name: coordinator.name,
              email: coordinator.email,
              phone: coordinator.phone,
              role: 'coordinator',
              status: 'active',
              invitedBy: actor.accountId,
              fieldRevisions: {},
            }),
          );
          memberId = saved.id;
        }
        const appointed = { accountId: coordinator.id, name: coordinator.name };
        const event = {
          tenantId: actor.tenantId,
          planId,
          personName: plan.personName,
          coordinatorAccountId: coordinator.id,
          previousCoordinatorAccountId: previous?.accountId ?? null,
          appointedBy: { accountId: actor.accountId, name: actor.name },
        };
        await this.outbox.add(tx, 'plan.coordinator.appointed', event);
        return {
          entityId: memberId,
          op: 'appointed',
          patch: { role: 'coordinator', accountId: appointed.accountId, name: appointed.name, previousMemberId: previous?.id ?? null },
          afterCommit: () => this.outbox.wake(),
        };
      },
    );
    const chosen = coordinator as Account | null;
    return { ...result, coordinator: { accountId: coordinatorAccountId, name: chosen?.name ?? '' } };
  }

  private async validInvitation(token: string): Promise<PlanMember> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new DomainError('invitation_invalid', 404, 'This invitation link is not valid');
    const member = await this.db.getRepository(PlanMember).findOneBy({ inviteTokenHash: hashInvitationToken(token), status: 'invited' });
    if (!member || !member.inviteExpiresAt || member.inviteExpiresAt < new Date())
      throw new DomainError('invitation_invalid', 404, 'This invitation link is not valid or has expired');
    return member;
  }
}
