import { withAdmin } from './postgres';

export default async function globalTeardown(): Promise<void> {
  const pg = globalThis.__FELLESPLAN_TEST_PG__;
  if (!pg) return;
  const template = process.env.FELLESPLAN_TEST_TEMPLATE;
  await withAdmin(pg.adminUrl, async (c) => {
    const { rows } = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $2 OR datname = $1`, [
      template,
      `fp\\_test\\_${process.env.FELLESPLAN_TEST_RUN}\\_%`,
    ]);
    for (const r of rows) await c.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
  }).catch(() => undefined);
  await pg.stop();
}
