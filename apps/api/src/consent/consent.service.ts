/**
 * Consent (samtykke): the person or guardian gives it, to the plan and to each member seeing it,
 * and can revoke it at any time; a revoked member loses access on the next request and socket.
 */
import { Injectable } from '@nestjs/common';
import { IsNull, Not } from 'typeorm';
import type { ChangeResult, ConsentView } from '#contracts';
import type { Actor } from '../auth/actor';
import { BadRequest, NotFound } from '../errors/domain-error';
import { DomainEvents } from '../events/domain-events';
import { PlanMember } from '../members/plan-member.entity';
import { toConsentView } from '../plans/plan-views';
import { PlanWriter } from '../plans/plan-writer.service';
import { Plan } from '../plans/plan.entity';
import type { GiveConsentDto } from './dto/consent.dto';
import { Consent } from './consent.entity';

@Injectable()
export class ConsentService {
  constructor(
    private readonly writer: PlanWriter,
    private readonly events: DomainEvents,
  ) {}

  give(actor: Actor, planId: string, dto: GiveConsentDto): Promise<ChangeResult<ConsentView>> {
    return this.writer.change(
      actor,
      planId,
      { action: 'consent.manage', entityType: 'consent', clientMutationId: dto.clientMutationId },
      async ({ tx, plan }) => {
        const consents = tx.getRepository(Consent);
        if (dto.kind === 'member_access') {
          if (!dto.memberId || !(await tx.getRepository(PlanMember).existsBy({ id: dto.memberId, planId, status: Not('removed') })))
            throw new NotFound('Member');
        } else if (dto.memberId) {
          throw new BadRequest('Consent to the plan is not given to a member');
        }
        const existing = await consents.findOneBy({ planId, kind: dto.kind, memberId: dto.memberId ?? IsNull(), revokedAt: IsNull() });
        if (existing) return { entityId: existing.id, op: 'given', patch: {}, result: toConsentView(existing) };
        const consent = await consents.save(
          consents.create({
            planId,
            kind: dto.kind,
            memberId: dto.memberId ?? null,
            form: dto.form ?? 'digital',
            givenByAccountId: actor.accountId,
            givenByName: actor.name,
            note: dto.note ?? '',
          }),
        );
        // Consent to the plan makes a draft plan active.
        if (dto.kind === 'plan' && plan.status === 'draft') await tx.getRepository(Plan).update({ id: planId }, { status: 'active' });
        const view = toConsentView(consent);
        return {
          entityId: consent.id,
          op: 'given',
          patch: { ...view, ...(dto.kind === 'plan' && plan.status === 'draft' ? { planStatus: 'active' } : {}) },
          result: view,
        };
      },
    );
  }

  revoke(actor: Actor, planId: string, consentId: string, clientMutationId?: string): Promise<ChangeResult> {
    return this.writer.change(
      actor,
      planId,
      { action: 'consent.manage', entityType: 'consent', clientMutationId, allowOnClosedPlan: true },
      async ({ tx, plan }) => {
        const consent = await tx.getRepository(Consent).findOneBy({ id: consentId, planId });
        if (!consent) throw new NotFound('Consent');
        if (consent.revokedAt) return { entityId: consentId, op: 'revoked', patch: {} };
        const revokedAt = new Date();
        await tx.getRepository(Consent).update({ id: consentId }, { revokedAt, revokedByAccountId: actor.accountId });
        // Without consent to the plan it is no longer in force; it goes back to draft.
        if (consent.kind === 'plan' && plan.status === 'active') await tx.getRepository(Plan).update({ id: planId }, { status: 'draft' });
        const member = consent.memberId ? await tx.getRepository(PlanMember).findOneBy({ id: consent.memberId }) : null;
        const accountId = member?.accountId;
        return {
          entityId: consentId,
          op: 'revoked',
          patch: { revokedAt: revokedAt.toISOString(), memberId: consent.memberId },
          afterCommit:
            accountId && member?.role && ['relative', 'professional'].includes(member.role)
              ? () => this.events.emit('plan.access.revoked', { planId, accountId, reason: 'consent_revoked' })
              : undefined,
        };
      },
    );
  }
}
