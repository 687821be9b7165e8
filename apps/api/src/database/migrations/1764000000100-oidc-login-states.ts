import type { MigrationInterface, QueryRunner } from 'typeorm';

/** OpenID Connect logins in progress: state, nonce and PKCE verifier, kept server-side for a few minutes. */
export class OidcLoginStates1764000000100 implements MigrationInterface {
  name = 'OidcLoginStates1764000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE oidc_login_states (
        state_hash text PRIMARY KEY,
        browser_hash text NOT NULL,
        code_verifier text NOT NULL,
        nonce text NOT NULL,
        return_to text NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX oidc_login_states_expires ON oidc_login_states (expires_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE oidc_login_states;`);
  }
}
