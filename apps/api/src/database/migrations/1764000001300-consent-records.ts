import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13: consent given orally or on paper, recorded by the coordinator (or the person or a
 * guardian): one record may cover the plan and several members, and may keep the scanned paper
 * (PDF, PNG or JPEG, at most 10 MB) in the database with its SHA-256.
 */
export class ConsentRecords1764000001300 implements MigrationInterface {
  name = 'ConsentRecords1764000001300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE consents
        ADD COLUMN record_id uuid,
        ADD COLUMN recorded_by_account_id uuid REFERENCES accounts(id),
        ADD COLUMN recorded_by_name text,
        ADD COLUMN recorded_at timestamptz,
        ADD CONSTRAINT consents_recorded CHECK ((record_id IS NULL) = (recorded_at IS NULL));
      CREATE INDEX consents_record ON consents (plan_id, record_id) WHERE record_id IS NOT NULL;

      CREATE TABLE consent_documents (
        record_id uuid PRIMARY KEY,
        plan_id uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        content_type text NOT NULL CHECK (content_type IN ('application/pdf','image/png','image/jpeg')),
        byte_size int NOT NULL CHECK (byte_size > 0 AND byte_size <= 10485760),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        data bytea NOT NULL CHECK (octet_length(data) = byte_size),
        uploaded_by_account_id uuid NOT NULL REFERENCES accounts(id),
        uploaded_by_name text NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX consent_documents_plan ON consent_documents (plan_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE consent_documents;
      ALTER TABLE consents DROP CONSTRAINT consents_recorded,
        DROP COLUMN recorded_at, DROP COLUMN recorded_by_name, DROP COLUMN recorded_by_account_id, DROP COLUMN record_id;
    `);
  }
}
