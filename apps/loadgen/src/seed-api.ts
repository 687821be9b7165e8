/**
 * Bench data for the api, written straight into its tables with SQL (seeding 100,000 plans over
 * HTTP would take longer than the bench). This is the one module of the load generator that knows
 * the api's schema (apps/api/src/database/migrations/): when the schema changes, change it here.
 *
 * Tokens are minted with the api's JWT_SECRET in the shape AuthService signs ({sub, tid, role}),
 * so that thousands of clients need no password logins (argon2id is slow on purpose).
 */
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { signHs256 } from './jwt';
import { withClient } from './processes';
import type { ClientSpec, PlanLayout, SeededPlans } from './types';

export interface ApiTenant {
  tenantId: string;
  secret: string;
}

export async function seedApiTenant(databaseUrl: string, secret: string): Promise<ApiTenant> {
  return withClient(databaseUrl, async (db) => {
    const slug = `benchvik-${Date.now().toString(36)}`;
    // The bench's clients log in with tokens it signs itself (level low), as the demo tenants allow;
    // the assurance check still runs on every read, at its usual cost.
    const lowForEveryRole = JSON.stringify({ systemkoordinator: 'low', coordinator: 'low', professional: 'low', citizen: 'low' });
    const { rows } = await db.query<{ id: string }>('INSERT INTO tenants (name, slug, assurance_policy) VALUES ($1, $2, $3) RETURNING id', [
      'Benchvik kommune',
      slug,
      lowForEveryRole,
    ]);
    return { tenantId: rows[0].id, secret };
  });
}

function token(t: ApiTenant, accountId: string, role: string): string {
  // As the api issues after a password login in a tenant that asks no more of the role (above).
  return signHs256({ sub: accountId, tid: t.tenantId, role, sid: randomUUID(), amr: 'password', loa: 'low', need: 'low' }, t.secret);
}

interface Accounts {
  ids: string[];
  emails: string[];
  names: string[];
  roles: string[];
}

async function insertAccounts(db: Client, t: ApiTenant, a: Accounts): Promise<void> {
  await db.query(
    `INSERT INTO accounts (id, tenant_id, email, name, role)
     SELECT id, $1, email, name, role FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[]) AS t(id, email, name, role)`,
    [t.tenantId, a.ids, a.emails, a.names, a.roles],
  );
}

/**
 * P plans, each with E editors and V viewers as active members with consent in force: the first
 * editor is the plan's coordinator, the other editors professionals, the viewers relatives. Each
 * editor gets a goal of its own. Also a `person` member (no account) and the plan consent.
 */
export async function seedApiPlans(
  databaseUrl: string,
  t: ApiTenant,
  layout: PlanLayout,
  label: string,
  firstClientId = 1,
): Promise<SeededPlans> {
  const accounts: Accounts = { ids: [], emails: [], names: [], roles: [] };
  const plans: string[] = [];
  const members = {
    ids: [] as string[],
    plans: [] as string[],
    accounts: [] as (string | null)[],
    names: [] as string[],
    roles: [] as string[],
  };
  const consents = { plans: [] as string[], members: [] as (string | null)[], kinds: [] as string[] };
  const goals = { ids: [] as string[], plans: [] as string[], positions: [] as number[] };
  const clients: ClientSpec[] = [];
  let clientId = firstClientId;
  const run = Date.now().toString(36);
  for (let p = 0; p < layout.plans; p++) {
    const planId = randomUUID();
    plans.push(planId);
    consents.plans.push(planId);
    consents.members.push(null);
    consents.kinds.push('plan');
    members.ids.push(randomUUID());
    members.plans.push(planId);
    members.accounts.push(null);
    members.names.push(`Person ${label} ${p}`);
    members.roles.push('person');
    for (let i = 0; i < layout.editors + layout.viewers; i++) {
      const editor = i < layout.editors;
      const accountId = randomUUID();
      const tenantRole = editor ? (i === 0 ? 'coordinator' : 'professional') : 'citizen';
      const planRole = editor ? (i === 0 ? 'coordinator' : 'professional') : 'relative';
      const name = `${editor ? 'Redaktør' : 'Leser'} ${label} ${p}.${i}`;
      accounts.ids.push(accountId);
      accounts.emails.push(`bench-${label}-${run}-${p}-${i}@bench.example`);
      accounts.names.push(name);
      accounts.roles.push(tenantRole);
      const memberId = randomUUID();
      members.ids.push(memberId);
      members.plans.push(planId);
      members.accounts.push(accountId);
      members.names.push(name);
      members.roles.push(planRole);
      if (planRole !== 'coordinator') {
        consents.plans.push(planId);
        consents.members.push(memberId);
        consents.kinds.push('member_access');
      }
      let goalId: string | null = null;
      if (editor) {
        goalId = randomUUID();
        goals.ids.push(goalId);
        goals.plans.push(planId);
        goals.positions.push(i);
      }
      clients.push({ id: clientId++, planId, token: token(t, accountId, tenantRole), goalId });
    }
  }
  await withClient(databaseUrl, async (db) => {
    await db.query('BEGIN');
    await insertAccounts(db, t, accounts);
    await db.query(
      `INSERT INTO plans (id, tenant_id, person_name, title, status) SELECT id, $1, 'Person', $3, 'active' FROM unnest($2::uuid[]) AS id`,
      [t.tenantId, plans, `Benchplan ${label}`],
    );
    await db.query(
      `INSERT INTO plan_members (id, plan_id, account_id, name, role, status)
       SELECT id, plan, account, name, role, 'active' FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[]) AS t(id, plan, account, name, role)`,
      [members.ids, members.plans, members.accounts, members.names, members.roles],
    );
    await db.query(
      `INSERT INTO consents (plan_id, kind, member_id, given_by_name)
       SELECT plan, kind, member, 'Person' FROM unnest($1::uuid[], $2::text[], $3::uuid[]) AS t(plan, kind, member)`,
      [consents.plans, consents.kinds, consents.members],
    );
    await db.query(
      `INSERT INTO goals (id, plan_id, title, position) SELECT id, plan, 'Mål', pos FROM unnest($1::uuid[], $2::uuid[], $3::int[]) AS t(id, plan, pos)`,
      [goals.ids, goals.plans, goals.positions],
    );
    await db.query('COMMIT');
  });
  return { clients, planIds: plans };
}

export interface PlanLoadTarget {
  planId: string;
  /** The plan coordinator's access token. */
  token: string;
  backgroundPlans: number;
}

/**
 * `background` ordinary plans (two members, plan consent, 3 goals, 5 tasks, 3 events each, spread
 * over 200 coordinators), then one large plan: 30 goals, 200 tasks, 8 members, 3 meetings and 100
 * events. Returns the large plan and its coordinator's token.
 */
export async function seedApiPlanLoad(databaseUrl: string, t: ApiTenant, background: number): Promise<PlanLoadTarget> {
  return withClient(databaseUrl, async (db) => {
    const coordinators: Accounts = { ids: [], emails: [], names: [], roles: [] };
    const run = Date.now().toString(36);
    for (let i = 0; i < 200; i++) {
      coordinators.ids.push(randomUUID());
      coordinators.emails.push(`koordinator-${run}-${i}@bench.example`);
      coordinators.names.push(`Koordinator ${i}`);
      coordinators.roles.push('coordinator');
    }
    await insertAccounts(db, t, coordinators);
    await db.query(`CREATE TEMP TABLE bg_plans (id uuid PRIMARY KEY, n int NOT NULL)`);
    await db.query(`INSERT INTO bg_plans (id, n) SELECT gen_random_uuid(), g FROM generate_series(1, $1) g`, [background]);
    await db.query(
      `INSERT INTO plans (id, tenant_id, person_name, title, status, revision)
       SELECT id, $1, 'Person ' || n, 'Bakgrunnsplan ' || n, 'active', 3 FROM bg_plans`,
      [t.tenantId],
    );
    await db.query(
      `INSERT INTO plan_members (plan_id, account_id, name, role, status)
       SELECT id, ($1::uuid[])[1 + n % 200], 'Koordinator', 'coordinator', 'active' FROM bg_plans
       UNION ALL SELECT id, NULL, 'Person ' || n, 'person', 'active' FROM bg_plans`,
      [coordinators.ids],
    );
    await db.query(`INSERT INTO consents (plan_id, kind, given_by_name) SELECT id, 'plan', 'Person' FROM bg_plans`);
    await db.query(
      `INSERT INTO goals (plan_id, title, position) SELECT id, 'Mål ' || i, i FROM bg_plans CROSS JOIN generate_series(0, 2) i`,
    );
    await db.query(
      `INSERT INTO tasks (plan_id, title, position) SELECT id, 'Tiltak ' || i, i FROM bg_plans CROSS JOIN generate_series(0, 4) i`,
    );
    await db.query(
      `INSERT INTO plan_events (plan_id, revision, actor_account_id, actor_name, entity_type, entity_id, action, patch)
       SELECT id, r, ($1::uuid[])[1 + n % 200], 'Koordinator', 'plan', id, 'updated', '{"title":"x"}'::jsonb
       FROM bg_plans CROSS JOIN generate_series(1, 3) r`,
      [coordinators.ids],
    );

    // The large plan.
    const planId = randomUUID();
    const people: Accounts = { ids: [], emails: [], names: [], roles: [] };
    const planRoles = ['coordinator', 'professional', 'professional', 'professional', 'professional', 'relative', 'relative'];
    planRoles.forEach((role, i) => {
      people.ids.push(randomUUID());
      people.emails.push(`storplan-${run}-${i}@bench.example`);
      people.names.push(`Medlem ${i}`);
      people.roles.push(role === 'relative' ? 'citizen' : role);
    });
    await insertAccounts(db, t, people);
    await db.query(
      `INSERT INTO plans (id, tenant_id, person_name, title, status, what_matters, resources, needs, revision)
       VALUES ($1, $2, 'Emma Storplan', 'Emmas plan', 'active', $3, $3, $3, 100)`,
      [planId, t.tenantId, 'Å bo i egen leilighet og ha en jobb å gå til. '.repeat(8)],
    );
    const memberIds = planRoles.map(() => randomUUID());
    await db.query(
      `INSERT INTO plan_members (id, plan_id, account_id, name, role, status, service, organisation)
       SELECT id, $1, account, name, role, 'active', 'Tjeneste', 'Benchvik kommune' FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[]) AS t(id, account, name, role)`,
      [planId, memberIds, people.ids, people.names, planRoles],
    );
    await db.query(`INSERT INTO plan_members (plan_id, name, role, status) VALUES ($1, 'Emma Storplan', 'person', 'active')`, [planId]);
    await db.query(`INSERT INTO consents (plan_id, kind, given_by_name) VALUES ($1, 'plan', 'Emma Storplan')`, [planId]);
    await db.query(
      `INSERT INTO consents (plan_id, kind, member_id, given_by_name) SELECT $1, 'member_access', m, 'Emma Storplan' FROM unnest($2::uuid[]) m`,
      [planId, memberIds.slice(1)],
    );
    const { rows: goalRows } = await db.query<{ id: string }>(
      `INSERT INTO goals (plan_id, title, description, life_area, status, position)
       SELECT $1, 'Mål nummer ' || i, 'Beskrivelse av målet, med noen setninger om hvordan det skal nås. ' || i, 'bolig', 'in_progress', i
       FROM generate_series(0, 29) i RETURNING id`,
      [planId],
    );
    await db.query(
      `INSERT INTO tasks (plan_id, goal_id, title, how, scope, responsible_member_id, status, position, start_date, due_date)
       SELECT $1, ($2::uuid[])[1 + i % 30], 'Tiltak nummer ' || i, 'Slik gjøres det: ukentlige samtaler og oppfølging.', '2 t/uke',
              ($3::uuid[])[1 + i % 7], 'planned', i, date '2026-01-01', date '2026-06-30'
       FROM generate_series(0, 199) i`,
      [planId, goalRows.map((g) => g.id), memberIds],
    );
    await db.query(
      `INSERT INTO meetings (plan_id, title, starts_at, location, minutes)
       SELECT $1, 'Ansvarsgruppemøte ' || i, now() + (i || ' weeks')::interval, 'Rådhuset', 'Referat ' || i FROM generate_series(1, 3) i`,
      [planId],
    );
    await db.query(
      `INSERT INTO plan_events (plan_id, revision, actor_account_id, actor_name, entity_type, entity_id, action, patch)
       SELECT $1, r, $2, 'Medlem 0', 'plan', $1, 'updated', '{"title":"Emmas plan"}'::jsonb FROM generate_series(1, 100) r`,
      [planId, people.ids[0]],
    );
    await db.query('ANALYZE');
    return { planId, token: token(t, people.ids[0], 'coordinator'), backgroundPlans: background };
  });
}

export async function apiPlanRevisions(databaseUrl: string, planIds: string[]): Promise<Map<string, number>> {
  return withClient(databaseUrl, async (db) => {
    const { rows } = await db.query<{ id: string; revision: number }>('SELECT id, revision FROM plans WHERE id = ANY($1::uuid[])', [
      planIds,
    ]);
    return new Map(rows.map((r) => [r.id, r.revision]));
  });
}
