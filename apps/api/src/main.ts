/**
 * Starts the api: config, database (embedded when no DATABASE_URL), migrations, demo seed, then
 * the Nest app. `--migrate-only` stops after migrations and seeding (used by the test harness).
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { inspect } from 'node:util';
import { DataSource } from 'typeorm';
import { createApp } from './app';
import { loadConfig } from './config/config';
import { EmbeddedStartError, startEmbeddedPostgres, type EmbeddedDatabase } from './database/embedded-postgres';
import { runMigrations } from './database/migrate';
import { DEMO_PASSWORD, DEMO_TENANTS } from './database/seed/demo-accounts';
import { seedDemo } from './database/seed/demo-seed';
import { createRootLogger } from './logging/logger';

async function main(): Promise<void> {
  const t0 = performance.now();
  const config = loadConfig();
  const logger = createRootLogger(config.LOG_LEVEL);
  let embedded: EmbeddedDatabase | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres(config.dataDir, config.EMBEDDED_PG_PORT);
    url = embedded.url;
    logger.info({ port: config.EMBEDDED_PG_PORT, dir: config.dataDir }, 'embedded PostgreSQL started');
  }
  const stopDatabase = async () => {
    if (embedded) await embedded.stop().catch((e: unknown) => logger.error({ err: e }, 'stopping PostgreSQL failed'));
  };

  try {
    const applied = await runMigrations(url);
    if (applied.length) logger.info({ migrations: applied }, 'migrations applied');
    if (config.shouldSeedDemo) {
      const ds = await new DataSource({ type: 'postgres', url }).initialize();
      const seeded = await seedDemo(ds).finally(() => ds.destroy());
      if (seeded) logger.info('demo data seeded');
    }
  } catch (error) {
    await stopDatabase();
    throw error;
  }
  if (process.argv.includes('--migrate-only')) {
    await stopDatabase();
    return;
  }

  const app = await createApp(config, url, logger).catch(async (error: unknown) => {
    await stopDatabase();
    throw error;
  });
  await app.listen(config.PORT, config.HOST ?? '0.0.0.0').catch(async (error: unknown) => {
    await app.close().catch(() => undefined);
    await stopDatabase();
    throw error;
  });
  const address = app.getHttpServer().address() as { port: number };
  logger.info(
    { port: address.port, startupMs: Math.round(performance.now() - t0) },
    `Fellesplan listening on http://localhost:${address.port}`,
  );
  if (config.shouldSeedDemo) printDemoLogins(address.port);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await app.close().catch((e: unknown) => logger.error({ err: e }, 'closing the app failed'));
    await stopDatabase();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

function printDemoLogins(port: number): void {
  const lines = [
    `\nFellesplan is running on http://localhost:${port}  (API docs: /api/docs)`,
    `Demo logins (fictional people), password: ${DEMO_PASSWORD}`,
  ];
  for (const tenant of DEMO_TENANTS) {
    lines.push(`  ${tenant.name}`);
    for (const a of tenant.accounts) lines.push(`    ${a.role.padEnd(18)} ${a.name.padEnd(16)} ${a.email}`);
  }
  process.stdout.write(lines.join('\n') + '\n\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`Fellesplan failed to start: ${describeFailure(error)}\n`);
  process.exit(1);
});

/** Every start failure says its cause, whatever was thrown. */
function describeFailure(error: unknown): string {
  // Said in full already: what is wrong and what to do.
  if (error instanceof EmbeddedStartError) return error.message;
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return `${inspect(error)} was thrown, not an Error (a bug: please report it with the log above)`;
}
