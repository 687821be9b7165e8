import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tenants, accounts, refresh tokens and the append-only audit trail. */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tenants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        slug text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        name text NOT NULL,
        phone text,
        role text NOT NULL CHECK (role IN ('systemkoordinator','coordinator','professional','citizen')),
        password_hash text,
        disabled_at timestamptz,
        failed_logins int NOT NULL DEFAULT 0,
        locked_until timestamptz,
        locale text NOT NULL DEFAULT 'nb' CHECK (locale IN ('nb','en')),
        oidc_issuer text,
        oidc_subject text,
        pid text UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (oidc_issuer, oidc_subject)
      );
      CREATE INDEX accounts_tenant_role ON accounts (tenant_id, role);
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        rotated_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX refresh_tokens_account ON refresh_tokens (account_id);
      CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
      CREATE TABLE audit_entries (
        id bigserial PRIMARY KEY,
        tenant_id uuid,
        actor_account_id uuid,
        plan_id uuid,
        action text NOT NULL,
        target_type text,
        target_id text,
        ip text,
        user_agent text,
        details jsonb,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX audit_entries_plan_at ON audit_entries (plan_id, at);
      CREATE INDEX audit_entries_tenant_at ON audit_entries (tenant_id, at);
      CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit_entries is append-only'; END $$;
      CREATE TRIGGER audit_entries_no_change BEFORE UPDATE OR DELETE ON audit_entries
        FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE audit_entries; DROP FUNCTION audit_entries_append_only(); DROP TABLE refresh_tokens; DROP TABLE accounts; DROP TABLE tenants;`,
    );
  }
}
