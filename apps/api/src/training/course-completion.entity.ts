import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Who completed which course, when, and until when it counts. */
@Entity('course_completions')
export class CourseCompletion {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId!: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @Column({ name: 'completed_on', type: 'date' })
  completedOn!: string;

  /** completedOn + the course's validity when recorded; null: never expires. */
  @Column({ name: 'expires_on', type: 'date', nullable: true })
  expiresOn!: string | null;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
