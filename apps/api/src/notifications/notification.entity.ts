import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { NotificationKind } from '#contracts';

/**
 * pending: e-mail waits in the outbox; digest: waits for the daily digest; sent; off: the
 * recipient turned this kind off; none: no e-mail address; failed: gave up after retries.
 */
export type EmailStatus = 'pending' | 'digest' | 'sent' | 'off' | 'none' | 'failed';

/** One notification: a row in someone's in-app list and, by their preference, an e-mail. */
@Entity('notifications')
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  /** Null for an invitation to someone without an account yet. */
  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text' })
  locale!: 'nb' | 'en';

  @Column({ type: 'text' })
  kind!: NotificationKind;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'text', nullable: true })
  link!: string | null;

  @Column({ name: 'plan_id', type: 'uuid', nullable: true })
  planId!: string | null;

  /** The template's parameters: the e-mail is worded from these when it is sent. */
  @Column({ type: 'jsonb' })
  data!: Record<string, string | null>;

  /** The calendar invitation for meeting notifications, made for this recipient. */
  @Column({ type: 'text', nullable: true })
  ics!: string | null;

  @Column({ name: 'dedupe_key', type: 'text', nullable: true })
  dedupeKey!: string | null;

  @Column({ name: 'email_status', type: 'text' })
  emailStatus!: EmailStatus;

  @Column({ name: 'email_attempts', type: 'int' })
  emailAttempts!: number;

  @Column({ name: 'emailed_at', type: 'timestamptz', nullable: true })
  emailedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}
