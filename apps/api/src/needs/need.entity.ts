import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { NeedKind, NeedStatus } from '#contracts';

/** A melding om behov for IP/koordinator: someone needs a plan or a coordinator. */
@Entity('needs')
export class Need {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'person_name', type: 'text' })
  personName!: string;

  @Column({ name: 'person_contact', type: 'text', nullable: true })
  personContact!: string | null;

  @Column({ type: 'text' })
  kind!: NeedKind;

  @Column({ type: 'text' })
  description!: string;

  @Column({ name: 'reporter_account_id', type: 'uuid' })
  reporterAccountId!: string;

  @Column({ name: 'reporter_service', type: 'text' })
  reporterService!: string;

  @Column({ type: 'text', default: 'new' })
  status!: NeedStatus;

  @Column({ name: 'triage_note', type: 'text', nullable: true })
  triageNote!: string | null;

  @Column({ name: 'triaged_by', type: 'uuid', nullable: true })
  triagedBy!: string | null;

  @Column({ name: 'triaged_at', type: 'timestamptz', nullable: true })
  triagedAt!: Date | null;

  @Column({ name: 'coordinator_account_id', type: 'uuid', nullable: true })
  coordinatorAccountId!: string | null;

  @Column({ name: 'plan_id', type: 'uuid', nullable: true })
  planId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
