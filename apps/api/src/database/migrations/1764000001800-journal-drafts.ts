import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15: the journal note a plan's members write together (shared text 'journal_draft'). Its
 * Yjs document lives in shared_texts like every shared text; this row is the draft's "column",
 * the merged text written through the write path when typing settles, emptied when it is posted.
 */
export class JournalDrafts1764000001800 implements MigrationInterface {
  name = 'JournalDrafts1764000001800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE journal_drafts (
        plan_id uuid PRIMARY KEY REFERENCES plans(id) ON DELETE CASCADE,
        body text NOT NULL DEFAULT '' CHECK (length(body) <= 10000),
        updated_by uuid REFERENCES accounts(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE journal_drafts`);
  }
}
