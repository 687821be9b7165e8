import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ConsentForm, ConsentKind } from '#contracts';

/** Consent (samtykke) to the plan being made, or to one member seeing it. Revoked, it stops at once. */
@Entity('consents')
export class Consent {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'plan_id', type: 'uuid' }) planId!: string;
  @Column({ type: 'text' }) kind!: ConsentKind;
  @Column({ name: 'member_id', type: 'uuid', nullable: true }) memberId!: string | null;
  /** How it was given: in the app, orally (written down by whoever recorded it) or on paper. */
  @Column({ type: 'text', default: 'digital' }) form!: ConsentForm;
  @Column({ name: 'given_by_account_id', type: 'uuid', nullable: true }) givenByAccountId!: string | null;
  @Column({ name: 'given_by_name', type: 'text' }) givenByName!: string;
  @Column({ name: 'given_at', type: 'timestamptz', default: () => 'now()' }) givenAt!: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ name: 'revoked_by_account_id', type: 'uuid', nullable: true }) revokedByAccountId!: string | null;
  @Column({ type: 'text', default: '' }) note!: string;
  /** Consent given orally or on paper and recorded by someone (one record may cover several consents). */
  @Column({ name: 'record_id', type: 'uuid', nullable: true }) recordId!: string | null;
  @Column({ name: 'recorded_by_account_id', type: 'uuid', nullable: true }) recordedByAccountId!: string | null;
  @Column({ name: 'recorded_by_name', type: 'text', nullable: true }) recordedByName!: string | null;
  @Column({ name: 'recorded_at', type: 'timestamptz', nullable: true }) recordedAt!: Date | null;
}
