import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The table @socket.io/postgres-adapter (REALTIME_ADAPTER=postgres) parks messages in when they are
 * too large for a NOTIFY payload (8000 bytes); the adapter deletes rows older than 30 s itself.
 * Made here rather than by the adapter so that the api's database role needs no DDL rights.
 */
export class SocketIoAttachments1764000000400 implements MigrationInterface {
  name = 'SocketIoAttachments1764000000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE socket_io_attachments (
        id bigserial UNIQUE,
        created_at timestamptz DEFAULT now(),
        payload bytea
      );
      CREATE INDEX socket_io_attachments_created_at ON socket_io_attachments (created_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE socket_io_attachments;`);
  }
}
