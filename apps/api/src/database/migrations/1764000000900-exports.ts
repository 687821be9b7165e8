import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exports (docs/exports.md): how a consent was given (digital, oral, paper), and the archive
 * copies of a plan: the PDF/A-2 bytes with their hash and metadata, made when the plan is closed
 * or evaluated. A copy is a record: the table refuses UPDATE and DELETE, and one copy per plan,
 * revision and reason makes producing it again (a retry, the start-up sweep) a no-op.
 */
export class Exports1764000000900 implements MigrationInterface {
  name = 'Exports1764000000900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE consents ADD COLUMN form text NOT NULL DEFAULT 'digital' CHECK (form IN ('digital','oral','paper'));

      CREATE TABLE plan_archive_copies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        plan_id uuid NOT NULL REFERENCES plans(id),
        revision int NOT NULL,
        reason text NOT NULL CHECK (reason IN ('closed','evaluated')),
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by_account_id uuid REFERENCES accounts(id),
        file_name text NOT NULL,
        pdf bytea NOT NULL,
        pdf_sha256 text NOT NULL CHECK (pdf_sha256 ~ '^[0-9a-f]{64}$'),
        metadata jsonb NOT NULL,
        UNIQUE (plan_id, revision, reason)
      );
      CREATE INDEX plan_archive_copies_plan ON plan_archive_copies (plan_id, created_at DESC);

      CREATE FUNCTION plan_archive_copies_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'plan archive copies are never changed or deleted' USING ERRCODE = 'restrict_violation';
      END $$;
      CREATE TRIGGER plan_archive_copies_immutable BEFORE UPDATE OR DELETE ON plan_archive_copies
        FOR EACH ROW EXECUTE FUNCTION plan_archive_copies_immutable();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE plan_archive_copies;
      DROP FUNCTION plan_archive_copies_immutable();
      ALTER TABLE consents DROP COLUMN form;
    `);
  }
}
