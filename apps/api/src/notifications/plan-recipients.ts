/**
 * Who in a plan may be told about its content: active members with an account (or an e-mail)
 * whose role may read the plan, with the person's consent in force where the role needs it.
 * A member without consent learns nothing from a notification either.
 */
import type { EntityManager } from 'typeorm';
import { PLAN_PERMISSIONS, PLAN_ROLES, type PlanRole } from '#contracts';

export interface PlanRecipient {
  memberId: string;
  accountId: string | null;
  email: string | null;
  name: string;
  role: PlanRole;
}

const ROLES_NEEDING_CONSENT = PLAN_ROLES.filter((r) => PLAN_PERMISSIONS[r].requiresConsent);

export async function planRecipients(
  manager: EntityManager,
  planId: string,
  filter: { memberIds?: string[]; roles?: PlanRole[] } = {},
): Promise<PlanRecipient[]> {
  const rows = (await manager.query(
    `SELECT m.id, m.account_id, coalesce(a.email, m.email) AS email, coalesce(a.name, m.name) AS name, m.role
       FROM plan_members m
       LEFT JOIN accounts a ON a.id = m.account_id AND a.disabled_at IS NULL
      WHERE m.plan_id = $1 AND m.status = 'active'
        AND ($2::uuid[] IS NULL OR m.id = ANY($2))
        AND ($3::text[] IS NULL OR m.role = ANY($3))
        AND (NOT (m.role = ANY($4)) OR EXISTS (
              SELECT 1 FROM consents c WHERE c.member_id = m.id AND c.kind = 'member_access' AND c.revoked_at IS NULL))`,
    [planId, filter.memberIds ?? null, filter.roles ?? null, ROLES_NEEDING_CONSENT],
  )) as { id: string; account_id: string | null; email: string | null; name: string; role: PlanRole }[];
  return rows
    .filter((r) => r.account_id || r.email)
    .map((r) => ({ memberId: r.id, accountId: r.account_id, email: r.email, name: r.name, role: r.role }));
}
