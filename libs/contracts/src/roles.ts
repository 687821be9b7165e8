/** Tenant-level roles: what an account is in its municipality (kommune). */
export const TENANT_ROLES = ['systemkoordinator', 'coordinator', 'professional', 'citizen'] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];

/**
 * Roles inside one plan (the ansvarsgruppe and beyond).
 * person: whom the plan is for; guardian: foresatt/verge acting for the person;
 * coordinator: the one responsible (exactly one active at a time); relative: pårørende;
 * professional: a tjenesteyter such as fysioterapi, NAV, PPT or the school.
 */
export const PLAN_ROLES = ['person', 'guardian', 'coordinator', 'relative', 'professional'] as const;
export type PlanRole = (typeof PLAN_ROLES)[number];
