import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13, item 5: a meeting closed with its minutes approved by the coordinator (then read-only
 * until reopened), who approved them, the next meeting set in the same step, and how many times
 * it was closed (a second close sends a corrected summary).
 */
export class MeetingClose1764000001400 implements MigrationInterface {
  name = 'MeetingClose1764000001400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE meetings
        ADD COLUMN closed_at timestamptz,
        ADD COLUMN closed_by uuid REFERENCES accounts(id),
        ADD COLUMN closed_by_name text,
        ADD COLUMN next_meeting_id uuid REFERENCES meetings(id),
        ADD COLUMN closings int NOT NULL DEFAULT 0 CHECK (closings >= 0),
        ADD CONSTRAINT meetings_closed_by CHECK ((closed_at IS NULL) = (closed_by IS NULL));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE meetings
        DROP CONSTRAINT meetings_closed_by,
        DROP COLUMN closings,
        DROP COLUMN next_meeting_id,
        DROP COLUMN closed_by_name,
        DROP COLUMN closed_by,
        DROP COLUMN closed_at;
    `);
  }
}
