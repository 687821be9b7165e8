/**
 * The baseline's own tiny schema (in its own database) and its bench data. The baseline knows no
 * accounts: a client's token is taken as its actor id.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { ClientSpec, PlanLayout, SeededPlans } from './types';

export const BASELINE_SCHEMA = `
  CREATE TABLE IF NOT EXISTS plans (
    id uuid PRIMARY KEY,
    title text NOT NULL,
    revision int NOT NULL DEFAULT 0,
    updated_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE IF NOT EXISTS goals (
    id uuid PRIMARY KEY,
    plan_id uuid NOT NULL REFERENCES plans(id),
    title text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX IF NOT EXISTS goals_plan ON goals (plan_id);
  CREATE TABLE IF NOT EXISTS plan_events (
    plan_id uuid NOT NULL REFERENCES plans(id),
    revision int NOT NULL,
    actor text NOT NULL,
    entity_type text NOT NULL,
    entity_id uuid NOT NULL,
    action text NOT NULL,
    patch jsonb NOT NULL,
    client_mutation_id text,
    at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (plan_id, revision)
  );
`;

export async function migrateBaseline(databaseUrl: string): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(BASELINE_SCHEMA);
  } finally {
    await db.end();
  }
}

/** P plans, each with E editors (one goal each) and V viewers; ids start at `firstClientId`. */
export async function seedBaselinePlans(databaseUrl: string, layout: PlanLayout, firstClientId = 1): Promise<SeededPlans> {
  const planIds: string[] = [];
  const goalPlan: string[] = [];
  const goalIds: string[] = [];
  const clients: ClientSpec[] = [];
  let id = firstClientId;
  for (let p = 0; p < layout.plans; p++) {
    const planId = randomUUID();
    planIds.push(planId);
    for (let e = 0; e < layout.editors; e++) {
      const goalId = randomUUID();
      goalIds.push(goalId);
      goalPlan.push(planId);
      clients.push({ id: id++, planId, token: `baseline-actor-${p}-e${e}`, goalId });
    }
    for (let v = 0; v < layout.viewers; v++) clients.push({ id: id++, planId, token: `baseline-actor-${p}-v${v}`, goalId: null });
  }
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(`INSERT INTO plans (id, title) SELECT id, 'Plan' FROM unnest($1::uuid[]) AS id`, [planIds]);
    await db.query(`INSERT INTO goals (id, plan_id, title) SELECT g, p, 'Mål' FROM unnest($1::uuid[], $2::uuid[]) AS t(g, p)`, [
      goalIds,
      goalPlan,
    ]);
  } finally {
    await db.end();
  }
  return { clients, planIds };
}

export async function baselinePlanRevisions(databaseUrl: string, planIds: string[]): Promise<Map<string, number>> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ id: string; revision: number }>('SELECT id, revision FROM plans WHERE id = ANY($1::uuid[])', [
      planIds,
    ]);
    return new Map(rows.map((r) => [r.id, r.revision]));
  } finally {
    await db.end();
  }
}
