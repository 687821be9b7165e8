import type { PlanRole, TenantRole } from './roles';

/**
 * What a member may do inside one plan. The server enforces exactly this table, in one place;
 * docs/permissions.md explains it and the authorization test is generated from it.
 */
export const PLAN_ACTIONS = [
  'plan.read', // the plan's content: what matters, goals, tasks, members, meetings
  'plan.update', // the person's own words, resources, needs, period, evaluation date
  'plan.close',
  'goal.write',
  'task.write',
  'member.invite',
  'member.manage', // change role, remove
  'consent.read',
  'consent.manage', // give and revoke consent
  'meeting.read',
  'meeting.write', // create, agenda, attendees, minutes, decisions
  'meeting.close', // approve the minutes and close a meeting (then read-only), reopen it for a correction
  'journal.read',
  'journal.write',
  'comment.write', // comment on a goal or a task (reading comments is reading the item: plan.read)
  'accessLog.read', // who has looked at the plan
  'plan.export', // the plan as a PDF to print or keep (normal and large text)
  'plan.exportFhir', // the plan as an HL7 FHIR R4 bundle, for other systems (data portability)
  'archive.read', // the archive copies (PDF/A + metadata) made when the plan was closed or evaluated
] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

export interface PlanRolePermissions {
  /** Whether the member needs the person's consent in force to see anything at all. */
  requiresConsent: boolean;
  actions: readonly PlanAction[];
}

const READ: readonly PlanAction[] = ['plan.read', 'meeting.read', 'journal.read', 'plan.export'];

/** The person owns the plan: decides who takes part, gives consent, sees who has looked. */
const OWNER: PlanRolePermissions = {
  requiresConsent: false,
  actions: [
    ...READ,
    'plan.update',
    'plan.close',
    'goal.write',
    'task.write',
    'member.invite',
    'member.manage',
    'consent.read',
    'consent.manage',
    'meeting.write',
    'journal.write',
    'comment.write',
    'accessLog.read',
    'plan.exportFhir',
    'archive.read',
  ],
};

export const PLAN_PERMISSIONS: Readonly<Record<PlanRole, PlanRolePermissions>> = {
  person: OWNER,
  // Foresatt/verge acts for the person, with the same rights.
  guardian: OWNER,
  // The coordinator keeps the work going; consent is the person's to give, not the coordinator's.
  coordinator: {
    requiresConsent: false,
    actions: [
      ...READ,
      'plan.update',
      'plan.close',
      'goal.write',
      'task.write',
      'member.invite',
      'member.manage',
      'consent.read',
      'meeting.write',
      'meeting.close',
      'journal.write',
      'comment.write',
      'accessLog.read',
      'plan.exportFhir',
      'archive.read',
    ],
  },
  // Pårørende take part only as far as the person wishes: consent first, then their own part.
  relative: {
    requiresConsent: true,
    actions: [...READ, 'task.write', 'journal.write', 'comment.write'],
  },
  // Tjenesteytere: consent first, then goals, tasks, meetings and notes.
  professional: {
    requiresConsent: true,
    actions: [...READ, 'goal.write', 'task.write', 'meeting.write', 'journal.write', 'comment.write', 'plan.exportFhir'],
  },
};

export function planRoleMay(role: PlanRole, action: PlanAction): boolean {
  return PLAN_PERMISSIONS[role].actions.includes(action);
}

/**
 * Which plan roles a member may hand out: invite someone into, move someone into or out of, and
 * remove someone from (with `member.invite` / `member.manage`). Nobody hands out a role beyond
 * this list, and a plan role never raises a tenant role (PLAN_ROLE_ADMISSION).
 *
 * Guardian (foresatt/verge) is a legal status: only the person gives it inside the plan;
 * otherwise koordinerende enhet records a verified guardianship (`guardianship.record`).
 */
export const PLAN_ROLE_GRANTS: Readonly<Record<PlanRole, readonly PlanRole[]>> = {
  person: ['guardian', 'coordinator', 'relative', 'professional'],
  guardian: ['coordinator', 'relative', 'professional'],
  coordinator: ['person', 'coordinator', 'relative', 'professional'],
  relative: [],
  professional: [],
};

export function planRoleMayGrant(role: PlanRole, target: PlanRole): boolean {
  return PLAN_ROLE_GRANTS[role].includes(target);
}

/**
 * How an account comes to hold a plan role. `directory`: an existing, active account of the
 * plan's municipality holding one of `tenantRoles`, picked from the directory
 * (GET /api/directory/staff); an e-mail invitation is refused. `invitation`: by a one-time link
 * to an e-mail address; accepting it uses the address's account in the municipality, or creates a
 * citizen account. Only `accounts.manage` creates staff accounts.
 */
export const PLAN_ROLE_ADMISSION: Readonly<
  Record<PlanRole, { by: 'invitation' } | { by: 'directory'; tenantRoles: readonly TenantRole[] }>
> = {
  person: { by: 'invitation' },
  guardian: { by: 'invitation' },
  relative: { by: 'invitation' },
  professional: { by: 'directory', tenantRoles: ['professional', 'coordinator', 'systemkoordinator'] },
  coordinator: { by: 'directory', tenantRoles: ['coordinator', 'systemkoordinator'] },
};

/** Whether an account with this tenant role may hold the plan role. */
export function tenantRoleMayHold(tenantRole: TenantRole, planRole: PlanRole): boolean {
  const admission = PLAN_ROLE_ADMISSION[planRole];
  return admission.by === 'invitation' || admission.tenantRoles.includes(tenantRole);
}

/** The tenant role of an account created by accepting an invitation: never more than a citizen. */
export const INVITED_ACCOUNT_ROLE: TenantRole = 'citizen';

/** What an account may do in its own tenant, whatever plans it is in. */
export const TENANT_ACTIONS = [
  'accounts.manage', // create, disable, set tenant roles
  'plans.create', // start a plan for a citizen
  'overview.read', // koordinerende enhet: plan metadata, never content
  'needs.report', // melding om behov for IP/koordinator
  'needs.triage',
  'coordinators.appoint',
  'training.manage',
  'guardianship.record', // koordinerende enhet records a verified guardianship (foresatt/verge) in a plan
  'directory.read', // search the municipality's staff directory without being in a plan
] as const;
export type TenantAction = (typeof TENANT_ACTIONS)[number];

export const TENANT_PERMISSIONS: Readonly<Record<TenantRole, readonly TenantAction[]>> = {
  systemkoordinator: [
    'accounts.manage',
    'plans.create',
    'overview.read',
    'needs.report',
    'needs.triage',
    'coordinators.appoint',
    'training.manage',
    'guardianship.record',
    'directory.read',
  ],
  coordinator: ['plans.create', 'needs.report'],
  professional: ['needs.report'],
  citizen: [],
};

export function tenantRoleMay(role: TenantRole, action: TenantAction): boolean {
  return TENANT_PERMISSIONS[role].includes(action);
}
