/** What a plan still needs of consent, read from the plan as the coordinator sees it (no extra request). */
import { PLAN_PERMISSIONS, planRoleMay, type ConsentNeeds, type MemberView, type PersonReach, type PlanView } from '#contracts';

export function personReachOf(members: readonly MemberView[]): PersonReach {
  const givers = members.filter((m) => planRoleMay(m.role, 'consent.manage'));
  if (givers.some((m) => m.status === 'active' && m.accountId)) return 'account';
  if (givers.some((m) => m.status === 'invited' && (m.email || m.phone))) return 'invited';
  return 'none';
}

/** Null when the caller does not see consent (consent.read) or the plan is closed. */
export function needsOf(plan: PlanView): ConsentNeeds | null {
  if (!plan.consents || plan.status === 'closed') return null;
  return {
    planConsent: plan.consents.some((c) => c.kind === 'plan' && !c.revokedAt),
    waiting: plan.members.filter((m) => m.status === 'active' && PLAN_PERMISSIONS[m.role].requiresConsent && !m.hasConsent).length,
    personReach: personReachOf(plan.members),
  };
}

export const isMissing = (needs: ConsentNeeds | null): needs is ConsentNeeds => !!needs && (!needs.planConsent || needs.waiting > 0);
