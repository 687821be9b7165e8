import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { FieldRevisions, TaskStatus } from '#contracts';

/** A tiltak: what is done, how, how much, by whom, by when. The person's own effort is a task too. */
@Entity('tasks')
export class Task {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'plan_id', type: 'uuid' }) planId!: string;
  @Column({ name: 'goal_id', type: 'uuid', nullable: true }) goalId!: string | null;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text', default: '' }) how!: string;
  @Column({ type: 'text', default: '' }) scope!: string;
  @Column({ name: 'responsible_member_id', type: 'uuid', nullable: true }) responsibleMemberId!: string | null;
  @Column({ name: 'start_date', type: 'date', nullable: true }) startDate!: string | null;
  @Column({ name: 'due_date', type: 'date', nullable: true }) dueDate!: string | null;
  @Column({ type: 'text', default: 'planned' }) status!: TaskStatus;
  @Column({ type: 'int', default: 0 }) position!: number;
  @Column({ name: 'field_revisions', type: 'jsonb', default: {} }) fieldRevisions!: FieldRevisions;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true }) deletedAt!: Date | null;
  /** Who deleted it (deletes are soft: it can be restored). */
  @Column({ name: 'deleted_by', type: 'uuid', nullable: true }) deletedBy!: string | null;
}
