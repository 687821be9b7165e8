/**
 * The ansvarsgruppe: inviting by one-time link, accepting, changing roles, removing. The person
 * (or guardian) and the coordinator decide who takes part; a removal takes effect at once.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import {
  INVITED_ACCOUNT_ROLE,
  PLAN_ROLE_ADMISSION,
  planRoleMay,
  planRoleMayGrant,
  tenantRoleMay,
  tenantRoleMayHold,
  type ChangeResult,
  type CitizenEntry,
  type DirectoryEntry,
  type InvitationView,
  type MemberView,
  type PlanRole,
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
import { PlanAccessService } from '../plans/plan-access.service';
import type {
  AcceptInvitationDto,
  CitizenQueryDto,
  DirectoryQueryDto,
  InviteMemberDto,
  InviteMembersDto,
  RecordGuardianshipDto,
  UpdateMemberDto,
} from './dto/member.dto';
import { hashInvitationToken, invitationUrl, newInvitationToken } from './invitation-token';
import { PlanMember } from './plan-member.entity';
import { SmsService } from '../sms/sms.service';
import type { InvitationSms } from '../sms/sms-templates';

/** Tenant roles the directory lists: the municipality's staff. */
const STAFF_ROLES = ['professional', 'coordinator', 'systemkoordinator'] as const;
/** Plan roles that are staff (picked from the directory, PLAN_ROLE_ADMISSION). */
const STAFF_PLAN_ROLES = (Object.keys(PLAN_ROLE_ADMISSION) as PlanRole[]).filter((r) => PLAN_ROLE_ADMISSION[r].by === 'directory');

/** The actor's membership may hand out this role (libs/contracts PLAN_ROLE_GRANTS); throws otherwise. */
function requireGrant(me: PlanMember | null, role: PlanRole): void {
  if (!me || !planRoleMayGrant(me.role, role))
    throw new Forbidden(`Your role in this plan (${me?.role ?? 'none'}) may not hand out the role ${role}`);
}

/** An added or invited member; for an invitation its link, and for one by phone only what became of the SMS. */
export type InviteResult = ChangeResult<MemberView> & { invitationUrl?: string; invitationSms?: InvitationSms };

@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writer: PlanWriter,
    private readonly auth: AuthService,
    private readonly events: DomainEvents,
    private readonly outbox: Outbox,
    private readonly config: AppConfig,
    private readonly access: PlanAccessService,
    private readonly sms: SmsService,
  ) {}

  /**
   * Adds someone to the plan with a role the actor's role may hand out. Staff roles take an
   * existing staff account of the municipality (`accountId`, from the directory); the others are
   * invited by e-mail, and accepting creates at most a citizen account.
   */
  async invite(actor: Actor, planId: string, dto: InviteMemberDto): Promise<InviteResult> {
    const admission = PLAN_ROLE_ADMISSION[dto.role];
    if (admission.by === 'directory' && (!dto.accountId || dto.email))
      throw new BadRequest(`A ${dto.role} is picked from the municipality's directory (accountId), not invited by e-mail`);
    if (admission.by === 'invitation' && ((!dto.email && !dto.phone) || !dto.name || dto.accountId))
      throw new BadRequest(`A ${dto.role} is invited by name and a way to reach them (email or phone)`);
    const email = dto.email?.trim().toLowerCase() || null;
    const invitation = newInvitationToken();
    let planTitle = '';
    const result = await this.writer.change(
      actor,
      planId,
      { action: 'member.invite', entityType: 'member', clientMutationId: dto.clientMutationId },
      async ({ tx, plan, member: me }) => {
        requireGrant(me, dto.role);
        planTitle = plan.title;
        const members = tx.getRepository(PlanMember);
        await this.requireRoleFree(tx, planId, dto.role);
        const fields = {
          planId,
          role: dto.role,
          phone: dto.phone ?? null,
          contribution: dto.contribution ?? '',
          invitedBy: actor.accountId,
          fieldRevisions: {},
        };
        let member: PlanMember;
        if (dto.accountId) {
          const account = await this.staffAccount(tx, actor.tenantId, dto.accountId, dto.role);
          if (await members.existsBy({ planId, accountId: account.id, status: Not('removed') }))
            throw new AlreadyExists('This person is already a member of the plan');
          member = await members.save(
            members.create({
              ...fields,
              accountId: account.id,
              email: account.email,
              name: account.name,
              phone: dto.phone ?? account.phone,
              service: dto.service ?? account.service,
              organisation: dto.organisation ?? account.organisation,
              status: 'active',
            }),
          );
          // Picked staff are members at once ("Mine planer"); they are told, in-app and by e-mail per their preferences.
          if (account.id !== actor.accountId)
            await this.outbox.add(tx, 'plan.member.added', {
              tenantId: actor.tenantId,
              planId,
              planTitle: plan.title,
              personName: plan.personName,
              memberId: member.id,
              accountId: account.id,
              role: dto.role,
              addedBy: { accountId: actor.accountId, name: actor.name },
            });
        } else {
          if (email && (await members.existsBy({ planId, email, status: Not('removed') })))
            throw new AlreadyExists('This person is already invited to or a member of the plan');
          if (!email && dto.phone && (await members.existsBy({ planId, phone: dto.phone, status: Not('removed') })))
            throw new AlreadyExists('Someone with this phone number is already invited to or a member of the plan');
          member = await members.save(
            members.create({
              ...fields,
              email,
              name: dto.name,
              service: dto.service ?? null,
              organisation: dto.organisation ?? null,
              status: 'invited',
              inviteTokenHash: invitation.hash,
              inviteExpiresAt: invitation.expiresAt,
            }),
          );
        }
        const view = toMemberView(member, false);
        const { fieldRevisions: _f, ...patch } = view;
        return {
          entityId: member.id,
          op: dto.accountId ? 'added' : 'invited',
          patch,
          result: view,
          afterCommit: dto.accountId ? () => this.outbox.wake() : undefined,
        };
      },
    );
    if (result.replayed || dto.accountId) return result;
    // By e-mail the link is sent; invited by phone only, it goes by SMS (outside quiet hours), and
    // the inviter has the link to pass on either way.
    if (!email) {
      const url = invitationUrl(this.config.publicUrl, invitation.token);
      const invitationSms = await this.sms.sendInvitation(dto.phone ?? '', url, 'nb', `invitation:${invitation.hash}`);
      return { ...result, invitationUrl: url, invitationSms };
    }
    return {
      ...result,
      invitationUrl: this.sendInvitation(actor, planId, planTitle, result.entityId, email, dto.name ?? '', invitation.token),
    };
  }

  /**
   * Several people added in one submit (the coordinator's "gather the group"): every row is
   * checked first — its shape, that the actor's role may hand out its role, that nobody is
   * in the plan or in the list twice — and only then are they added, each through the normal
   * write path (`invite`), in order. A refused list adds nobody.
   */
  async inviteMany(actor: Actor, planId: string, dto: InviteMembersDto): Promise<{ results: InviteResult[] }> {
    const { member: me } = await this.access.authorize(actor, planId, 'member.invite');
    const seen = new Set<string>();
    const problems: { field: string; errors: string[] }[] = [];
    const existing = await this.db.getRepository(PlanMember).find({ where: { planId, status: Not('removed') } });
    dto.members.forEach((row, i) => {
      const field = `members.${i}`;
      const admission = PLAN_ROLE_ADMISSION[row.role];
      if (!planRoleMayGrant(me.role, row.role))
        throw new Forbidden(`Your role in this plan (${me.role}) may not hand out the role ${row.role}`);
      if (row.role === 'person' || row.role === 'coordinator')
        problems.push({ field, errors: [`A ${row.role} is not added in a list: the plan has its one ${row.role}`] });
      if (admission.by === 'directory' && (!row.accountId || row.email))
        problems.push({ field, errors: [`A ${row.role} is picked from the municipality's directory (accountId)`] });
      if (admission.by === 'invitation' && ((!row.email && !row.phone) || !row.name || row.accountId))
        problems.push({ field, errors: [`A ${row.role} is invited by name and a way to reach them (email or phone)`] });
      const email = row.email?.trim().toLowerCase();
      const key = row.accountId ? `a:${row.accountId}` : email ? `e:${email}` : `p:${row.phone ?? ''}`;
      if (seen.has(key)) problems.push({ field, errors: ['The same person is in the list twice'] });
      seen.add(key);
      const already = existing.some((m) =>
        row.accountId ? m.accountId === row.accountId : email ? m.email === email : !!row.phone && !m.email && m.phone === row.phone,
      );
      if (already) problems.push({ field, errors: ['This person is already invited to or a member of the plan'] });
    });
    if (problems.length) throw new BadRequest(problems.map((p) => `${p.field}: ${p.errors.join('; ')}`).join(' · '), problems);
    const results: InviteResult[] = [];
    for (const row of dto.members) results.push(await this.invite(actor, planId, row));
    return { results };
  }

  /**
   * The municipality's citizens a plan can be started for, by part of the name: name and id only.
   * For those who may start plans (`plans.create`).
   */
  async searchCitizens(actor: Actor, query: CitizenQueryDto): Promise<CitizenEntry[]> {
    if (!tenantRoleMay(actor.role, 'plans.create')) throw new Forbidden('Only those who may start a plan search for its person');
    const like = `%${query.q.trim().replace(/[%_\\]/g, '\\$&')}%`;
    const rows = await this.db
      .getRepository(Account)
      .createQueryBuilder('a')
      .where("a.tenant_id = :tenantId AND a.role = 'citizen' AND a.disabled_at IS NULL AND a.name ILIKE :q", {
        tenantId: actor.tenantId,
        q: like,
      })
      .orderBy('a.name', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .limit(query.limit)
      .getMany();
    return rows.map((a) => ({ accountId: a.id, name: a.name }));
  }

  /**
   * Koordinerende enhet records a verified guardianship (foresatt/verge): the member with this
   * e-mail becomes the plan's guardian, or is invited as one. Audited (the write path) and a plan
   * event the person sees in the plan's history; nobody records themselves.
   */
  async recordGuardianship(actor: Actor, planId: string, dto: RecordGuardianshipDto): Promise<ChangeResult & { invitationUrl?: string }> {
    const email = dto.email.trim().toLowerCase();
    const invitation = newInvitationToken();
    let planTitle = '';
    let invited = false;
    const result = await this.writer.change(
      actor,
      planId,
      { action: { tenantAction: 'guardianship.record' }, entityType: 'member', clientMutationId: dto.clientMutationId },
      async ({ tx, plan }) => {
        planTitle = plan.title;
        const self = await tx.getRepository(Account).findOneBy({ id: actor.accountId });
        if (self?.email === email) throw new Forbidden('Nobody records themselves as guardian');
        const members = tx.getRepository(PlanMember);
        const existing = await members.findOneBy({ planId, email, status: Not('removed') });
        const recorded = { verification: dto.verification, recordedBy: actor.name };
        if (existing) {
          if (existing.accountId === actor.accountId) throw new Forbidden('Nobody records themselves as guardian');
          if (existing.role === 'person') throw new BadRequest('The person cannot be their own guardian');
          if (existing.role === 'coordinator')
            throw new BadRequest('The coordinator cannot be the guardian; appoint another coordinator first');
          await members.update({ id: existing.id }, { role: 'guardian' });
          return {
            entityId: existing.id,
            op: 'guardianship_recorded',
            patch: { role: 'guardian', previousRole: existing.role, ...recorded },
          };
        }
        invited = true;
        const member = await members.save(
          members.create({
            planId,
            email,
            name: dto.name,
            role: 'guardian',
            status: 'invited',
            inviteTokenHash: invitation.hash,
            inviteExpiresAt: invitation.expiresAt,
            invitedBy: actor.accountId,
            fieldRevisions: {},
          }),
        );
        const { fieldRevisions: _f, ...view } = toMemberView(member, false);
        return { entityId: member.id, op: 'guardianship_recorded', patch: { ...view, ...recorded } };
      },
    );
    if (result.replayed || !invited) return result;
    return { ...result, invitationUrl: this.sendInvitation(actor, planId, planTitle, result.entityId, email, dto.name, invitation.token) };
  }

  /**
   * The municipality's staff directory, to pick a plan's professionals and coordinator from:
   * metadata only (no e-mail, no phone). For members who may hand out a staff role in `planId`,
   * for koordinerende enhet (`directory.read`), and for those who start plans (`plans.create`,
   * gathering the group of the plan they are starting; adding anyone is still the plan's grants).
   */
  async searchDirectory(actor: Actor, query: DirectoryQueryDto): Promise<DirectoryEntry[]> {
    if (query.planId) {
      const { member } = await this.access.authorize(actor, query.planId, 'member.invite');
      if (!STAFF_PLAN_ROLES.some((role) => planRoleMayGrant(member.role, role)))
        throw new Forbidden('Your role in this plan may not add staff to it');
    } else if (!tenantRoleMay(actor.role, 'directory.read') && !tenantRoleMay(actor.role, 'plans.create')) {
      // Koordinerende enhet reads it; so do those who start plans, to gather a new plan's group before it exists.
      throw new Forbidden('Search the directory from a plan you may add staff to (planId)');
    }
    const qb = this.db
      .getRepository(Account)
      .createQueryBuilder('a')
      .where('a.tenant_id = :tenantId AND a.role IN (:...roles) AND a.disabled_at IS NULL', {
        tenantId: actor.tenantId,
        roles: STAFF_ROLES,
      })
      .orderBy('a.name', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .limit(query.limit);
    if (query.q) {
      const like = `%${query.q.replace(/[%_\\]/g, '\\$&')}%`;
      qb.andWhere('(a.name ILIKE :q OR a.service ILIKE :q OR a.organisation ILIKE :q)', { q: like });
    }
    const rows = await qb.getMany();
    return rows.map((a) => ({ accountId: a.id, name: a.name, service: a.service, organisation: a.organisation, tenantRole: a.role }));
  }

  private sendInvitation(
    actor: Actor,
    planId: string,
    planTitle: string,
    memberId: string,
    email: string,
    name: string,
    token: string,
  ): string {
    const url = invitationUrl(this.config.publicUrl, token);
    this.events.emit('plan.member.invited', {
      tenantId: actor.tenantId,
      planId,
      planTitle,
      memberId,
      email,
      name,
      invitedByName: actor.name,
      invitationUrl: url,
    });
    return url;
  }

  /** An active account of the tenant that may hold this staff role (PLAN_ROLE_ADMISSION). */
  private async staffAccount(tx: EntityManager, tenantId: string, accountId: string, role: PlanRole): Promise<Account> {
    const account = await tx.getRepository(Account).findOneBy({ id: accountId, tenantId, disabledAt: IsNull() });
    if (!account) throw new NotFound('Account');
    if (!tenantRoleMayHold(account.role, role))
      throw new BadRequest(`This account (${account.role}) cannot be ${role} in a plan: only the municipality's staff can`);
    return account;
  }

  private async requireRoleFree(tx: EntityManager, planId: string, role: PlanRole): Promise<void> {
    if (role !== 'person' && role !== 'coordinator') return;
    if (await tx.getRepository(PlanMember).existsBy({ planId, role, status: Not('removed') }))
      throw new BadRequest(
        role === 'person' ? 'The plan already has its person' : 'The plan already has a coordinator; change roles instead',
      );
  }

  async getInvitation(token: string): Promise<InvitationView> {
    const member = await this.validInvitation(token);
    const plan = await this.db.getRepository(Plan).findOneByOrFail({ id: member.planId });
    const inviter = member.invitedBy ? await this.db.getRepository(Account).findOneBy({ id: member.invitedBy }) : null;
    // Only this municipality's accounts count: whether another one has the address is not told.
    const accountExists = await this.db.getRepository(Account).existsBy({ email: member.email ?? '', tenantId: plan.tenantId });
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
    // Invited by phone only: the one accepting gives the e-mail their account is to have.
    const email = member.email ?? dto.email?.trim().toLowerCase() ?? '';
    if (!email) throw new BadRequest('You were invited by phone: give the e-mail your account is to have (email)');
    if (PLAN_ROLE_ADMISSION[member.role].by !== 'invitation')
      throw new DomainError('invitation_invalid', 410, 'Staff are added from the directory; ask for the plan to add you there');
    let account = await this.db.getRepository(Account).findOneBy({ email, tenantId: plan.tenantId });
    let tokens: TokenPair;
    if (account) {
      tokens = await this.auth.login(email, dto.password, origin, plan.tenantId);
    } else {
      if (dto.password.length < 10) throw new BadRequest('Choose a password of at least 10 characters');
      const repo = this.db.getRepository(Account);
      account = await repo.save(
        repo.create({
          tenantId: plan.tenantId,
          email,
          name: dto.name ?? member.name,
          role: INVITED_ACCOUNT_ROLE,
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
          { accountId: joined.id, status: 'active', inviteTokenHash: null, inviteExpiresAt: null, name: joined.name, email },
        );
      if (member.role === 'person') await tx.getRepository(Plan).update({ id: plan.id }, { personAccountId: joined.id });
      return { entityId: member.id, op: 'joined', patch: { status: 'active', accountId: joined.id, name: joined.name, email } };
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
        if (patch.role !== undefined && patch.role !== member.role) {
          if (member.role === 'person' || patch.role === 'person') throw new BadRequest("The person's role cannot be changed");
          // Moving someone between roles: both must be roles the actor may hand out; nobody changes their own.
          if (member.id === me?.id) throw new Forbidden('Nobody changes their own role in a plan');
          requireGrant(me, member.role);
          requireGrant(me, patch.role);
          if (PLAN_ROLE_ADMISSION[patch.role].by === 'directory') {
            if (!member.accountId) throw new BadRequest(`Only a staff account can be ${patch.role}; pick one from the directory`);
            await this.staffAccount(tx, actor.tenantId, member.accountId, patch.role);
          }
        }
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
      async ({ tx, member: me }) => {
        const member = await tx.getRepository(PlanMember).findOneBy({ id: memberId, planId, status: Not('removed') });
        if (!member) throw new NotFound('Member');
        if (member.role === 'person') throw new BadRequest('The person cannot be removed from their own plan');
        // Removing someone takes away their role: only a role the actor may hand out (a guardian is the person's to remove).
        if (member.id !== me?.id) requireGrant(me, member.role);
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
