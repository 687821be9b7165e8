import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13: a plan records that its person has no phone or e-mail (so consent is recorded on
 * paper or orally, not given in the app).
 */
export class PersonContact1764000001200 implements MigrationInterface {
  name = 'PersonContact1764000001200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE plans ADD COLUMN person_no_contact boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE plans DROP COLUMN person_no_contact`);
  }
}
