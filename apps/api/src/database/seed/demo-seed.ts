/** Seeds the fictional demo municipalities on first start; does nothing if they are there. */
import { DataSource, EntityManager } from 'typeorm';
import type { AssurancePolicy } from '#contracts';
import { hashPassword } from '../../auth/password';
import { DEMO_PASSWORD, DEMO_TENANTS } from './demo-accounts';
import { seedDemoPlans } from './demo-plans';

/** A later seeding step (e.g. demo plans) gets the ids of what the foundation made. */
export type SeedStep = (tx: EntityManager, ids: DemoIds) => Promise<void>;
export interface DemoIds {
  tenants: Record<string, string>;
  /** `${tenantSlug}/${key}` → account id */
  accounts: Record<string, string>;
}

/**
 * Demo only: the fictional demo tenants log in with passwords (no ID-porten or HelseID here), so
 * every role may read plan content at the lowest level. A real tenant gets the strict default
 * (STRICT_ASSURANCE_POLICY in libs/contracts, the column default in the database); see docs/oidc.md.
 */
const DEMO_ASSURANCE_POLICY: AssurancePolicy = { systemkoordinator: 'low', coordinator: 'low', professional: 'low', citizen: 'low' };

/** Seeding steps after the foundation, in order (demo plans and the like). */
const steps: SeedStep[] = [seedDemoPlans];

export async function seedDemo(db: DataSource): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7324002)');
    const [{ count }] = (await tx.query('SELECT count(*)::int AS count FROM tenants WHERE slug = $1', [DEMO_TENANTS[0].slug])) as {
      count: number;
    }[];
    if (count > 0) return false;
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const ids: DemoIds = { tenants: {}, accounts: {} };
    for (const tenant of DEMO_TENANTS) {
      const [row] = (await tx.query('INSERT INTO tenants (name, slug, assurance_policy) VALUES ($1, $2, $3) RETURNING id', [
        tenant.name,
        tenant.slug,
        JSON.stringify(DEMO_ASSURANCE_POLICY),
      ])) as { id: string }[];
      ids.tenants[tenant.slug] = row.id;
      for (const a of tenant.accounts) {
        const [acc] = (await tx.query(
          `INSERT INTO accounts (tenant_id, email, name, role, phone, password_hash, pid, service, organisation)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id`,
          [
            row.id,
            a.email,
            a.name,
            a.role,
            a.phone,
            passwordHash,
            a.pid ?? null,
            a.service ?? null,
            a.role === 'citizen' ? null : tenant.name,
          ],
        )) as { id: string }[];
        ids.accounts[`${tenant.slug}/${a.key}`] = acc.id;
      }
    }
    for (const step of steps) await step(tx, ids);
    return true;
  });
}
