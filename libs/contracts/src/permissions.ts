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
  'journal.read',
  'journal.write',
  'comment.write', // comment on a goal or a task (reading comments is reading the item: plan.read)
  'accessLog.read', // who has looked at the plan
] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

export interface PlanRolePermissions {
  /** Whether the member needs the person's consent in force to see anything at all. */
  requiresConsent: boolean;
  actions: readonly PlanAction[];
}

const READ: readonly PlanAction[] = ['plan.read', 'meeting.read', 'journal.read'];

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
      'journal.write',
      'comment.write',
      'accessLog.read',
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
    actions: [...READ, 'goal.write', 'task.write', 'meeting.write', 'journal.write', 'comment.write'],
  },
};

export function planRoleMay(role: PlanRole, action: PlanAction): boolean {
  return PLAN_PERMISSIONS[role].actions.includes(action);
}

/** What an account may do in its own tenant, whatever plans it is in. */
export const TENANT_ACTIONS = [
  'accounts.manage', // create, disable, set tenant roles
  'plans.create', // start a plan for a citizen
  'overview.read', // koordinerende enhet: plan metadata, never content
  'needs.report', // melding om behov for IP/koordinator
  'needs.triage',
  'coordinators.appoint',
  'training.manage',
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
  ],
  coordinator: ['plans.create', 'needs.report'],
  professional: ['needs.report'],
  citizen: [],
};

export function tenantRoleMay(role: TenantRole, action: TenantAction): boolean {
  return TENANT_PERMISSIONS[role].includes(action);
}
