import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Getting in without friction (issue 17): forgotten-password links, passkeys (WebAuthn
 * credentials and their challenges), how each session was authenticated and its assurance
 * level, the per-tenant policy of what level reading plan content needs, and the account's
 * reading settings. (The staff directory's service and organisation came with 1764000000500.)
 */
export class SignIn1764000001000 implements MigrationInterface {
  name = 'SignIn1764000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE accounts
        -- Bumped when every session must end at once (password reset, "log out everywhere"):
        -- access tokens carry it, so those already handed out stop working too.
        ADD COLUMN session_version int NOT NULL DEFAULT 0,
        ADD COLUMN text_size text NOT NULL DEFAULT 'normal' CHECK (text_size IN ('normal','large')),
        ADD COLUMN plain_layout boolean NOT NULL DEFAULT false;

      -- Carried from token to token within a family: one family is one signed-in device.
      ALTER TABLE refresh_tokens
        ADD COLUMN auth_method text NOT NULL DEFAULT 'password',
        ADD COLUMN assurance text NOT NULL DEFAULT 'low' CHECK (assurance IN ('low','substantial','high')),
        ADD COLUMN user_agent text,
        ADD COLUMN ip text,
        ADD COLUMN started_at timestamptz NOT NULL DEFAULT now();

      -- The level the actor's session had, on every audit entry written for a logged-in actor.
      ALTER TABLE audit_entries ADD COLUMN assurance text;

      -- What level each tenant role needs to read plan content. The default is the strict
      -- production policy; the fictional demo tenants are made permissive below (and by the seed).
      ALTER TABLE tenants ADD COLUMN assurance_policy jsonb NOT NULL
        DEFAULT '{"systemkoordinator":"high","coordinator":"high","professional":"high","citizen":"substantial"}';
      -- Demo only: the demo tenants log in with passwords, so they need no more than that.
      UPDATE tenants SET assurance_policy =
        '{"systemkoordinator":"low","coordinator":"low","professional":"low","citizen":"low"}'
        WHERE slug IN ('fjordvik', 'nordoy');

      -- A forgotten-password link: only the hash of its token is kept; it works once, for 30 minutes.
      CREATE TABLE password_resets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX password_resets_account ON password_resets (account_id, created_at);

      -- A passkey. The level is that of the session that registered it, so that a passkey made
      -- after a HelseID/ID-porten high login logs in at high, and one made after a password at low.
      CREATE TABLE webauthn_credentials (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        credential_id text NOT NULL UNIQUE,
        public_key bytea NOT NULL,
        counter bigint NOT NULL DEFAULT 0,
        transports text[] NOT NULL DEFAULT '{}',
        name text NOT NULL,
        assurance text NOT NULL CHECK (assurance IN ('low','substantial','high')),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz
      );
      CREATE INDEX webauthn_credentials_account ON webauthn_credentials (account_id);

      -- A WebAuthn ceremony in progress: its challenge, kept server-side for a few minutes.
      CREATE TABLE webauthn_challenges (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        challenge text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('registration','authentication')),
        account_id uuid REFERENCES accounts(id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX webauthn_challenges_expires ON webauthn_challenges (expires_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE webauthn_challenges, webauthn_credentials, password_resets;
      ALTER TABLE tenants DROP COLUMN assurance_policy;
      ALTER TABLE audit_entries DROP COLUMN assurance;
      ALTER TABLE refresh_tokens DROP COLUMN auth_method, DROP COLUMN assurance, DROP COLUMN user_agent, DROP COLUMN ip,
        DROP COLUMN started_at;
      ALTER TABLE accounts DROP COLUMN session_version, DROP COLUMN text_size, DROP COLUMN plain_layout;
    `);
  }
}
