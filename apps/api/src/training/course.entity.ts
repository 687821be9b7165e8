import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A course koordinerende enhet offers, e.g. "Grunnkurs for koordinatorer". */
@Entity('courses')
export class Course {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  /** Months a completion stays valid; null: it never expires. */
  @Column({ name: 'validity_months', type: 'int', nullable: true })
  validityMonths!: number | null;

  @Column({ name: 'required_for_coordinators', type: 'boolean', default: true })
  requiredForCoordinators!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;
}
