import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12: who deleted an item (deletes are soft and can be restored), comments on goals and
 * tasks, and each member's "seen up to" marker for the home screen.
 */
export class SoftDeleteCommentsSeen1764000001100 implements MigrationInterface {
  name = 'SoftDeleteCommentsSeen1764000001100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE goals ADD COLUMN deleted_by uuid REFERENCES accounts(id);
      ALTER TABLE tasks ADD COLUMN deleted_by uuid REFERENCES accounts(id);
      ALTER TABLE meetings ADD COLUMN deleted_by uuid REFERENCES accounts(id);
      ALTER TABLE journal_entries ADD COLUMN deleted_by uuid REFERENCES accounts(id);
      CREATE INDEX goals_plan_deleted ON goals (plan_id, deleted_at) WHERE deleted_at IS NOT NULL;
      CREATE INDEX tasks_plan_deleted ON tasks (plan_id, deleted_at) WHERE deleted_at IS NOT NULL;
      CREATE INDEX meetings_plan_deleted ON meetings (plan_id, deleted_at) WHERE deleted_at IS NOT NULL;
      CREATE INDEX journal_entries_plan_deleted ON journal_entries (plan_id, deleted_at) WHERE deleted_at IS NOT NULL;

      CREATE TABLE comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        target_type text NOT NULL CHECK (target_type IN ('goal','task')),
        target_id uuid NOT NULL,
        author_account_id uuid NOT NULL REFERENCES accounts(id),
        author_name text NOT NULL,
        body text NOT NULL,
        mentioned_member_ids uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz,
        deleted_by uuid REFERENCES accounts(id)
      );
      CREATE INDEX comments_target ON comments (plan_id, target_type, target_id, created_at) WHERE deleted_at IS NULL;

      CREATE TABLE plan_member_seen (
        member_id uuid PRIMARY KEY REFERENCES plan_members(id) ON DELETE CASCADE,
        plan_id uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        revision int NOT NULL CHECK (revision >= 0),
        seen_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE plan_member_seen;
      DROP TABLE comments;
      DROP INDEX goals_plan_deleted, tasks_plan_deleted, meetings_plan_deleted, journal_entries_plan_deleted;
      ALTER TABLE goals DROP COLUMN deleted_by;
      ALTER TABLE tasks DROP COLUMN deleted_by;
      ALTER TABLE meetings DROP COLUMN deleted_by;
      ALTER TABLE journal_entries DROP COLUMN deleted_by;
    `);
  }
}
