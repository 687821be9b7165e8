import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts without cross-tenant tells (issue 11):
 * - an e-mail is unique within a municipality, not across them: a professional may work for two,
 *   and creating an account must not reveal that another municipality has one for the address;
 * - lockout after failed logins is kept per login e-mail (as a digest), whether or not an account
 *   has it, so that a locked address answers the same for known and unknown ones;
 * - staff accounts carry their service and organisation for the municipality's directory.
 */
export class AccountsPerTenant1764000000500 implements MigrationInterface {
  name = 'AccountsPerTenant1764000000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE accounts DROP CONSTRAINT accounts_email_key;
      ALTER TABLE accounts ADD CONSTRAINT accounts_tenant_email_key UNIQUE (tenant_id, email);
      CREATE INDEX accounts_email ON accounts (email);
      ALTER TABLE accounts ADD COLUMN service text, ADD COLUMN organisation text;
      ALTER TABLE accounts DROP COLUMN failed_logins, DROP COLUMN locked_until;
      CREATE TABLE login_lockouts (
        email_digest text PRIMARY KEY,
        failures int NOT NULL DEFAULT 0,
        locked_until timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE login_lockouts;
      ALTER TABLE accounts ADD COLUMN failed_logins int NOT NULL DEFAULT 0, ADD COLUMN locked_until timestamptz;
      ALTER TABLE accounts DROP COLUMN service, DROP COLUMN organisation;
      DROP INDEX accounts_email;
      ALTER TABLE accounts DROP CONSTRAINT accounts_tenant_email_key;
      ALTER TABLE accounts ADD CONSTRAINT accounts_email_key UNIQUE (email);
    `);
  }
}
