import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14, items 5 and 6: SMS as a channel (docs/sms.md) and meeting attendance (RSVP).
 * - sms_preferences: per account, kind '*' is SMS on/off and other kinds their own choice;
 * - sms_stops: numbers that answered STOPP (per number, whichever account has it);
 * - sms_messages: every SMS, its idempotency key and status; the send itself is an outbox
 *   message ('sms.send') carried out by any node;
 * - meeting_rsvps: a member's answer to a meeting (confirmed / declined; no row is "not answered").
 * The phone number is the existing accounts.phone (free text until now): SMS normalizes it to E.164.
 */
export class SmsAttendance1764000001500 implements MigrationInterface {
  name = 'SmsAttendance1764000001500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sms_preferences (
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        kind text NOT NULL,
        enabled boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, kind)
      );

      CREATE TABLE sms_stops (
        phone text PRIMARY KEY CHECK (phone ~ '^\\+[1-9][0-9]{6,14}$'),
        stopped_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE sms_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        idempotency_key text NOT NULL UNIQUE,
        tenant_id uuid REFERENCES tenants(id) ON DELETE CASCADE,
        account_id uuid REFERENCES accounts(id) ON DELETE SET NULL,
        notification_id uuid REFERENCES notifications(id) ON DELETE SET NULL,
        kind text NOT NULL,
        to_number text NOT NULL CHECK (to_number ~ '^\\+[1-9][0-9]{6,14}$'),
        body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 160),
        plan_id uuid REFERENCES plans(id) ON DELETE CASCADE,
        meeting_id uuid REFERENCES meetings(id) ON DELETE CASCADE,
        member_id uuid REFERENCES plan_members(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','deferred','sent','cancelled','failed')),
        quiet_exempt boolean NOT NULL DEFAULT false,
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        gateway_message_id text,
        not_before timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      );
      CREATE INDEX sms_messages_replies ON sms_messages (to_number, sent_at DESC) WHERE status = 'sent';

      CREATE TABLE meeting_rsvps (
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES plan_members(id) ON DELETE CASCADE,
        plan_id uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        response text NOT NULL CHECK (response IN ('confirmed','declined')),
        via text NOT NULL CHECK (via IN ('app','sms')),
        answered_by uuid REFERENCES accounts(id),
        answered_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (meeting_id, member_id)
      );
      CREATE INDEX meeting_rsvps_plan ON meeting_rsvps (plan_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE meeting_rsvps, sms_messages, sms_stops, sms_preferences;`);
  }
}
