/** Jest global setup: one PostgreSQL for the run and a migrated, seeded template database. */
import { existsSync } from 'node:fs';
import { API_MAIN, startApiProcess } from './api-process';
import { databaseUrl, startTestPostgres, withAdmin, type TestPostgres } from './postgres';

declare global {
  var __FELLESPLAN_TEST_PG__: TestPostgres | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run 'npm run build' first (npm test does)`);
  const pg = await startTestPostgres();
  globalThis.__FELLESPLAN_TEST_PG__ = pg;
  const template = `fp_template_${process.pid}`;
  await withAdmin(pg.adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${template}`);
  });
  await startApiProcess(databaseUrl(pg.adminUrl, template), { SEED_DEMO: 'true' }, ['--migrate-only']);
  process.env.FELLESPLAN_TEST_ADMIN_URL = pg.adminUrl;
  process.env.FELLESPLAN_TEST_TEMPLATE = template;
  process.env.FELLESPLAN_TEST_RUN = String(process.pid);
}
