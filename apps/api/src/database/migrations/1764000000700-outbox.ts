import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox: work that must follow a commit (notifications of a plan change) is
 * written in the change's own transaction and carried out by a dispatcher on any node, at least
 * once (events/outbox.service.ts). A row is deleted in the transaction that does its work; one
 * that keeps failing is kept with its error (failed_at) for someone to look at.
 */
export class Outbox1764000000700 implements MigrationInterface {
  name = 'Outbox1764000000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        name text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        available_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        failed_at timestamptz
      );
      CREATE INDEX outbox_ready ON outbox (id) WHERE failed_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox;`);
  }
}
