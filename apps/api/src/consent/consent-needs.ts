/**
 * What a plan still needs of consent, for the coordinator's eyes (plan page, home cards): consent
 * to the plan, the relatives and professionals who wait, and whether anyone who can give consent
 * can log in at all (if not, the way forward is consent recorded from paper). Metadata only.
 */
import type { EntityManager } from 'typeorm';
import { PLAN_PERMISSIONS, PLAN_ROLES, planRoleMay, type ConsentNeeds, type PersonReach } from '#contracts';

/** Roles that need the person's consent to see the plan, and roles that give it. */
export const ROLES_NEEDING_CONSENT = PLAN_ROLES.filter((r) => PLAN_PERMISSIONS[r].requiresConsent);
export const ROLES_GIVING_CONSENT = PLAN_ROLES.filter((r) => planRoleMay(r, 'consent.manage'));

export async function consentNeedsOf(manager: Pick<EntityManager, 'query'>, planIds: string[]): Promise<Map<string, ConsentNeeds>> {
  if (!planIds.length) return new Map();
  const rows = (await manager.query(
    `SELECT p.id,
            EXISTS (SELECT 1 FROM consents c WHERE c.plan_id = p.id AND c.kind = 'plan' AND c.revoked_at IS NULL) AS plan_consent,
            (SELECT count(*)::int FROM plan_members m
              WHERE m.plan_id = p.id AND m.status = 'active' AND m.role = ANY($2)
                AND NOT EXISTS (SELECT 1 FROM consents c WHERE c.member_id = m.id AND c.kind = 'member_access' AND c.revoked_at IS NULL)
            ) AS waiting,
            CASE
              WHEN EXISTS (SELECT 1 FROM plan_members m JOIN accounts a ON a.id = m.account_id AND a.disabled_at IS NULL
                            WHERE m.plan_id = p.id AND m.status = 'active' AND m.role = ANY($3)) THEN 'account'
              WHEN EXISTS (SELECT 1 FROM plan_members m
                            WHERE m.plan_id = p.id AND m.status = 'invited' AND m.role = ANY($3) AND (m.email IS NOT NULL OR m.phone IS NOT NULL)) THEN 'invited'
              ELSE 'none'
            END AS person_reach
       FROM plans p WHERE p.id = ANY($1)`,
    [planIds, ROLES_NEEDING_CONSENT, ROLES_GIVING_CONSENT],
  )) as { id: string; plan_consent: boolean; waiting: number; person_reach: PersonReach }[];
  return new Map(rows.map((r) => [r.id, { planConsent: r.plan_consent, waiting: r.waiting, personReach: r.person_reach }]));
}

/** Whether anything is missing: no consent to the plan, or someone waits. */
export function consentMissing(needs: ConsentNeeds): boolean {
  return !needs.planConsent || needs.waiting > 0;
}
