import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14: evaluations (each goal's GAS rating and decision, who took part, the dates it set)
 * and the person's own ratings between them: drafts before a meeting and weekly check-ins.
 */
export class Evaluations1764000001600 implements MigrationInterface {
  name = 'Evaluations1764000001600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE evaluations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        plan_id uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        evaluated_on date NOT NULL,
        meeting_id uuid REFERENCES meetings(id),
        participants jsonb NOT NULL DEFAULT '[]',
        next_evaluation date,
        period_start date,
        period_end date,
        t_score numeric(4,1),
        completed_by uuid NOT NULL REFERENCES accounts(id),
        completed_by_name text NOT NULL,
        revision int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX evaluations_plan ON evaluations (plan_id, evaluated_on, created_at);
      CREATE INDEX evaluations_tenant_created ON evaluations (tenant_id, created_at);

      CREATE TABLE goal_ratings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        goal_id uuid NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('evaluation', 'draft', 'checkin')),
        rating smallint NOT NULL CHECK (rating BETWEEN -2 AND 2),
        comment text NOT NULL DEFAULT '',
        decision text CHECK (decision IN ('keep', 'change', 'reached', 'drop')),
        goal_title text NOT NULL,
        -- An evaluation's items keep the order they were rated in.
        position int NOT NULL DEFAULT 0,
        evaluation_id uuid REFERENCES evaluations(id) ON DELETE CASCADE,
        member_id uuid REFERENCES plan_members(id),
        rated_by uuid NOT NULL REFERENCES accounts(id),
        rated_by_name text NOT NULL,
        week date,
        used_in_evaluation_id uuid REFERENCES evaluations(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'evaluation') = (evaluation_id IS NOT NULL)),
        CHECK ((kind = 'evaluation') = (decision IS NOT NULL)),
        CHECK ((kind = 'checkin') = (week IS NOT NULL)),
        CHECK (kind = 'evaluation' OR member_id IS NOT NULL)
      );
      CREATE INDEX goal_ratings_plan ON goal_ratings (plan_id, created_at);
      -- Once per member, goal and week.
      CREATE UNIQUE INDEX goal_ratings_checkin_week ON goal_ratings (member_id, goal_id, week) WHERE kind = 'checkin';
      -- One draft waiting for the next evaluation per member and goal.
      CREATE UNIQUE INDEX goal_ratings_open_draft ON goal_ratings (member_id, goal_id) WHERE kind = 'draft' AND used_in_evaluation_id IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE goal_ratings; DROP TABLE evaluations;`);
  }
}
