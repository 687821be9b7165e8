import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * An OpenID Connect login in progress, between /oidc/start and /oidc/callback (minutes at most).
 * Kept in the database so that any api node can finish a login another node started; the PKCE
 * verifier and the nonce never leave the server. The state is stored only as a hash, like a
 * refresh token, because it travels in URLs.
 */
@Entity('oidc_login_states')
export class OidcLoginState {
  @PrimaryColumn({ name: 'state_hash', type: 'text' })
  stateHash!: string;

  /** Hash of the random value in the starting browser's httpOnly cookie: the callback must come from that browser. */
  @Column({ name: 'browser_hash', type: 'text' })
  browserHash!: string;

  @Column({ name: 'code_verifier', type: 'text' })
  codeVerifier!: string;

  @Column({ type: 'text' })
  nonce!: string;

  @Column({ name: 'return_to', type: 'text' })
  returnTo!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
