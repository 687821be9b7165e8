import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A settle writes a shared text to its field through the write path (one commit) and then marks
 * it written in shared_texts (another). `settling_text` is the text a settle is writing, set
 * before the first commit and cleared by the second: a field that holds it was written by a
 * settle whose node died in between, not by someone else, and is not merged back into the
 * document (which would undo what was typed since).
 */
export class SharedTextSettling1764000001900 implements MigrationInterface {
  name = 'SharedTextSettling1764000001900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE shared_texts ADD COLUMN settling_text text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE shared_texts DROP COLUMN settling_text`);
  }
}
