import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { FieldRevisions, PlanStatus } from '#contracts';

/** An individual plan (individuell plan) for one person. `revision` grows by one with every change. */
@Entity('plans')
export class Plan {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'person_account_id', type: 'uuid', nullable: true }) personAccountId!: string | null;
  @Column({ name: 'person_name', type: 'text' }) personName!: string;
  /** The coordinator recorded that the person has no phone or e-mail: consent is recorded on paper. */
  @Column({ name: 'person_no_contact', type: 'boolean', default: false }) personNoContact!: boolean;
  @Column({ type: 'text' }) title!: string;
  @Column({ name: 'what_matters', type: 'text' }) whatMatters!: string;
  @Column({ type: 'text' }) resources!: string;
  @Column({ type: 'text' }) needs!: string;
  @Column({ type: 'text' }) cooperation!: string;
  @Column({ name: 'period_start', type: 'date', nullable: true }) periodStart!: string | null;
  @Column({ name: 'period_end', type: 'date', nullable: true }) periodEnd!: string | null;
  @Column({ name: 'next_evaluation', type: 'date', nullable: true }) nextEvaluation!: string | null;
  @Column({ type: 'text' }) status!: PlanStatus;
  @Column({ type: 'int' }) revision!: number;
  @Column({ name: 'field_revisions', type: 'jsonb' }) fieldRevisions!: FieldRevisions;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ name: 'last_activity_at', type: 'timestamptz' }) lastActivityAt!: Date;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
}
