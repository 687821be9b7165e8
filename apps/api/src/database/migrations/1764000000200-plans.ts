import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The individual plan and everything in it: members (the ansvarsgruppe), consent, goals, tasks
 * (tiltak), meetings, journal, and the gapless per-plan change log (plan_events).
 */
export class Plans1764000000200 implements MigrationInterface {
  name = 'Plans1764000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        person_account_id uuid REFERENCES accounts(id),
        person_name text NOT NULL,
        title text NOT NULL,
        what_matters text NOT NULL DEFAULT '',
        resources text NOT NULL DEFAULT '',
        needs text NOT NULL DEFAULT '',
        cooperation text NOT NULL DEFAULT '',
        period_start date,
        period_end date,
        next_evaluation date,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','active','closed')),
        revision int NOT NULL DEFAULT 0,
        field_revisions jsonb NOT NULL DEFAULT '{}',
        created_by uuid REFERENCES accounts(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        last_activity_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz
      );
      CREATE INDEX plans_tenant_status ON plans (tenant_id, status);

      CREATE TABLE plan_members (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        account_id uuid REFERENCES accounts(id),
        name text NOT NULL,
        email text,
        phone text,
        role text NOT NULL CHECK (role IN ('person','guardian','coordinator','relative','professional')),
        service text,
        organisation text,
        contribution text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'invited' CHECK (status IN ('invited','active','removed')),
        invite_token_hash text UNIQUE,
        invite_expires_at timestamptz,
        invited_by uuid REFERENCES accounts(id),
        field_revisions jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        removed_at timestamptz
      );
      CREATE INDEX plan_members_plan ON plan_members (plan_id);
      CREATE INDEX plan_members_account ON plan_members (account_id) WHERE status = 'active';
      CREATE UNIQUE INDEX plan_members_one_per_account ON plan_members (plan_id, account_id) WHERE status <> 'removed' AND account_id IS NOT NULL;
      CREATE UNIQUE INDEX plan_members_one_coordinator ON plan_members (plan_id) WHERE role = 'coordinator' AND status = 'active';

      CREATE TABLE consents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('plan','member_access')),
        member_id uuid REFERENCES plan_members(id),
        given_by_account_id uuid REFERENCES accounts(id),
        given_by_name text NOT NULL,
        given_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_by_account_id uuid REFERENCES accounts(id),
        note text NOT NULL DEFAULT '',
        CHECK ((kind = 'member_access') = (member_id IS NOT NULL))
      );
      CREATE INDEX consents_plan ON consents (plan_id);
      CREATE INDEX consents_member_active ON consents (member_id) WHERE revoked_at IS NULL;

      CREATE TABLE goals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        life_area text NOT NULL DEFAULT 'annet',
        status text NOT NULL DEFAULT 'not_started',
        target_date date,
        position int NOT NULL DEFAULT 0,
        field_revisions jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      );
      CREATE INDEX goals_plan ON goals (plan_id, position) WHERE deleted_at IS NULL;

      CREATE TABLE tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        goal_id uuid REFERENCES goals(id),
        title text NOT NULL,
        how text NOT NULL DEFAULT '',
        scope text NOT NULL DEFAULT '',
        responsible_member_id uuid REFERENCES plan_members(id),
        start_date date,
        due_date date,
        status text NOT NULL DEFAULT 'planned',
        position int NOT NULL DEFAULT 0,
        field_revisions jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      );
      CREATE INDEX tasks_plan ON tasks (plan_id, position) WHERE deleted_at IS NULL;
      CREATE INDEX tasks_responsible_open ON tasks (responsible_member_id) WHERE deleted_at IS NULL AND status IN ('planned','in_progress');

      CREATE TABLE meetings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        title text NOT NULL DEFAULT 'Ansvarsgruppemøte',
        starts_at timestamptz NOT NULL,
        ends_at timestamptz,
        location text NOT NULL DEFAULT '',
        video_url text,
        agenda jsonb NOT NULL DEFAULT '[]',
        attendees jsonb NOT NULL DEFAULT '[]',
        minutes text NOT NULL DEFAULT '',
        decisions jsonb NOT NULL DEFAULT '[]',
        status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','held','cancelled')),
        sequence int NOT NULL DEFAULT 0,
        field_revisions jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      );
      CREATE INDEX meetings_plan_starts ON meetings (plan_id, starts_at) WHERE deleted_at IS NULL;

      CREATE TABLE journal_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        target_type text NOT NULL DEFAULT 'plan' CHECK (target_type IN ('plan','goal','task','meeting')),
        target_id uuid,
        parent_id uuid REFERENCES journal_entries(id),
        author_account_id uuid NOT NULL REFERENCES accounts(id),
        author_name text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      );
      CREATE INDEX journal_entries_plan ON journal_entries (plan_id, created_at);

      CREATE TABLE plan_events (
        plan_id uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        revision int NOT NULL,
        actor_account_id uuid NOT NULL,
        actor_name text NOT NULL,
        entity_type text NOT NULL,
        entity_id uuid NOT NULL,
        action text NOT NULL,
        patch jsonb NOT NULL,
        client_mutation_id text,
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (plan_id, revision)
      );
      CREATE UNIQUE INDEX plan_events_mutation ON plan_events (plan_id, actor_account_id, client_mutation_id) WHERE client_mutation_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE plan_events, journal_entries, meetings, tasks, goals, consents, plan_members, plans;`);
  }
}
