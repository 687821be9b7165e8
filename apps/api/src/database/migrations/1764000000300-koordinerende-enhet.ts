import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Koordinerende enhet: reported needs (melding om behov), coordinator training, notifications
 * with their e-mail outbox and preferences, and the ledger of sent reminders that makes each
 * reminder go out once, whichever api node runs the job and however often.
 */
export class KoordinerendeEnhet1764000000300 implements MigrationInterface {
  name = 'KoordinerendeEnhet1764000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE needs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        person_name text NOT NULL,
        person_contact text,
        kind text NOT NULL CHECK (kind IN ('individual_plan','coordinator','both')),
        description text NOT NULL,
        reporter_account_id uuid NOT NULL REFERENCES accounts(id),
        reporter_service text NOT NULL,
        status text NOT NULL DEFAULT 'new'
          CHECK (status IN ('new','in_review','plan_started','coordinator_appointed','declined')),
        triage_note text,
        triaged_by uuid REFERENCES accounts(id),
        triaged_at timestamptz,
        coordinator_account_id uuid REFERENCES accounts(id),
        plan_id uuid REFERENCES plans(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX needs_tenant_status ON needs (tenant_id, status, created_at);
      CREATE INDEX needs_reporter ON needs (reporter_account_id, created_at);

      CREATE TABLE courses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        validity_months int CHECK (validity_months > 0),
        required_for_coordinators boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        archived_at timestamptz
      );
      CREATE UNIQUE INDEX courses_tenant_title ON courses (tenant_id, lower(title)) WHERE archived_at IS NULL;

      CREATE TABLE course_completions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        course_id uuid NOT NULL REFERENCES courses(id),
        account_id uuid NOT NULL REFERENCES accounts(id),
        completed_on date NOT NULL,
        expires_on date,
        recorded_by uuid REFERENCES accounts(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (course_id, account_id, completed_on)
      );
      CREATE INDEX course_completions_account ON course_completions (account_id, course_id, completed_on DESC);

      -- One row per notification: the in-app list, and the e-mail outbox (email_status).
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        account_id uuid REFERENCES accounts(id) ON DELETE CASCADE,
        email text,
        locale text NOT NULL DEFAULT 'nb',
        kind text NOT NULL,
        title text NOT NULL,
        body text NOT NULL DEFAULT '',
        link text,
        plan_id uuid REFERENCES plans(id) ON DELETE CASCADE,
        data jsonb NOT NULL DEFAULT '{}',
        ics text,
        dedupe_key text UNIQUE,
        email_status text NOT NULL CHECK (email_status IN ('pending','digest','sent','off','none','failed')),
        email_attempts int NOT NULL DEFAULT 0,
        emailed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        CHECK (account_id IS NOT NULL OR email IS NOT NULL)
      );
      CREATE INDEX notifications_account ON notifications (account_id, created_at DESC) WHERE account_id IS NOT NULL;
      CREATE INDEX notifications_unread ON notifications (account_id) WHERE read_at IS NULL;
      CREATE INDEX notifications_outbox ON notifications (created_at) WHERE email_status = 'pending';
      CREATE INDEX notifications_digest ON notifications (account_id) WHERE email_status = 'digest';

      -- kind '*' is the account's default for every kind without its own row.
      CREATE TABLE notification_preferences (
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        kind text NOT NULL,
        delivery text NOT NULL CHECK (delivery IN ('immediate','digest','off')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, kind)
      );

      -- A reminder is made only by the transaction that inserts its key here first.
      CREATE TABLE sent_reminders (
        kind text NOT NULL,
        target_id uuid NOT NULL,
        recipient text NOT NULL,
        due_on date NOT NULL,
        notification_id uuid REFERENCES notifications(id) ON DELETE SET NULL,
        sent_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, target_id, recipient, due_on)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sent_reminders, notification_preferences, notifications, course_completions, courses, needs;`);
  }
}
