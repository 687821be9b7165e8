import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { TenantRole, TextSize } from '#contracts';

/** A person who logs in, with their role in their tenant. */
@Entity('accounts')
@Index(['tenantId', 'role'])
@Index(['tenantId', 'email'], { unique: true })
export class Account {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  /** Stored lower-case; the login name, unique within a tenant (a professional may work for two municipalities). */
  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text' })
  role!: TenantRole;

  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash!: string | null;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  /** For staff: the service and organisation shown in the municipality's directory, e.g. "Fysioterapi", "Fjordvik kommune". */
  @Column({ type: 'text', nullable: true })
  service!: string | null;

  @Column({ type: 'text', nullable: true })
  organisation!: string | null;

  @Column({ type: 'text', default: 'nb' })
  locale!: 'nb' | 'en';

  @Column({ name: 'oidc_issuer', type: 'text', nullable: true })
  oidcIssuer!: string | null;

  @Column({ name: 'oidc_subject', type: 'text', nullable: true })
  oidcSubject!: string | null;

  /** National identity number (fictional in this repo), the verified claim ID-porten and HelseID give. */
  @Column({ type: 'text', nullable: true, unique: true })
  pid!: string | null;

  /** Bumped to end every session at once; access tokens carry it (claim `sv`). */
  @Column({ name: 'session_version', type: 'int', default: 0 })
  sessionVersion!: number;

  /** Reading settings, applied on every page of the web app. */
  @Column({ name: 'text_size', type: 'text', default: 'normal' })
  textSize!: TextSize;

  @Column({ name: 'plain_layout', type: 'boolean', default: false })
  plainLayout!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
