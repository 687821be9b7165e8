/**
 * Who in a plan may be told about its content: active members with an account (or an e-mail)
 * whose role may read the plan, with the person's consent in force where the role needs it.
 * A member without consent learns nothing from a notification either.
 */
import type { EntityManager } from 'typeorm';
import { PLAN_PERMISSIONS, PLAN_ROLES, planRoleMay, type PlanRole } from '#contracts';

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

/**
 * Every active member with an account (or an e-mail) whose role may read meetings, with whether
 * they may be told content: the person's consent in force where their role needs it. For what
 * everyone is told about (a closed meeting), content or not.
 */
export async function planMembersToTell(manager: EntityManager, planId: string): Promise<(PlanRecipient & { hasConsent: boolean })[]> {
  const readers = PLAN_ROLES.filter((r) => planRoleMay(r, 'meeting.read'));
  const rows = (await manager.query(
    `SELECT m.id, m.account_id, coalesce(a.email, m.email) AS email, coalesce(a.name, m.name) AS name, m.role,
            (NOT (m.role = ANY($3)) OR EXISTS (
              SELECT 1 FROM consents c WHERE c.member_id = m.id AND c.kind = 'member_access' AND c.revoked_at IS NULL)) AS has_consent
       FROM plan_members m
       LEFT JOIN accounts a ON a.id = m.account_id AND a.disabled_at IS NULL
      WHERE m.plan_id = $1 AND m.status = 'active' AND m.role = ANY($2)
      ORDER BY m.created_at, m.id`,
    [planId, readers, ROLES_NEEDING_CONSENT],
  )) as { id: string; account_id: string | null; email: string | null; name: string; role: PlanRole; has_consent: boolean }[];
  return rows
    .filter((r) => r.account_id || r.email)
    .map((r) => ({ memberId: r.id, accountId: r.account_id, email: r.email, name: r.name, role: r.role, hasConsent: r.has_consent }));
}
