import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15: shared text. Each free-text field edited together is a Yjs document: its updates are
 * appended as they come (one row each, stored before the ack), compacted in the background into
 * `snapshot`, and the merged text is written to the field's own column through the write path
 * when typing settles (`materialized_text` is what was last written there).
 */
export class SharedText1764000001700 implements MigrationInterface {
  name = 'SharedText1764000001700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE shared_texts (
        plan_id uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        doc_key text NOT NULL CHECK (length(doc_key) <= 200),
        snapshot bytea NOT NULL,
        materialized_text text NOT NULL,
        materialized_at timestamptz NOT NULL DEFAULT now(),
        compacted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (plan_id, doc_key)
      );
      CREATE TABLE shared_text_updates (
        id bigserial PRIMARY KEY,
        plan_id uuid NOT NULL,
        doc_key text NOT NULL,
        account_id uuid REFERENCES accounts(id),
        update bytea NOT NULL CHECK (octet_length(update) <= 65536),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        FOREIGN KEY (plan_id, doc_key) REFERENCES shared_texts (plan_id, doc_key) ON DELETE CASCADE
      );
      CREATE INDEX shared_text_updates_doc ON shared_text_updates (plan_id, doc_key, id);
      CREATE INDEX shared_text_updates_created ON shared_text_updates (created_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE shared_text_updates; DROP TABLE shared_texts;`);
  }
}
