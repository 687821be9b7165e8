/** Runs pending migrations under an advisory lock, so several api nodes may start at once. */
import { DataSource } from 'typeorm';
import { MIGRATIONS } from './migrations';

const MIGRATION_LOCK = 7_324_001;

export async function runMigrations(url: string): Promise<string[]> {
  const ds = new DataSource({ type: 'postgres', url, migrations: MIGRATIONS, migrationsTransactionMode: 'each', logging: ['error'] });
  await ds.initialize();
  const runner = ds.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const done = await ds.runMigrations();
    return done.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
    await ds.destroy();
  }
}
