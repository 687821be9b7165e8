import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { FieldRevisions, GoalStatus, LifeArea } from '#contracts';

/** A goal (mål), in the person's own words where possible. */
@Entity('goals')
export class Goal {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'plan_id', type: 'uuid' }) planId!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text', default: '' }) description!: string;
  @Column({ name: 'life_area', type: 'text', default: 'annet' }) lifeArea!: LifeArea;
  @Column({ type: 'text', default: 'not_started' }) status!: GoalStatus;
  @Column({ name: 'target_date', type: 'date', nullable: true }) targetDate!: string | null;
  @Column({ type: 'int', default: 0 }) position!: number;
  @Column({ name: 'field_revisions', type: 'jsonb', default: {} }) fieldRevisions!: FieldRevisions;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true }) deletedAt!: Date | null;
  /** Who deleted it (deletes are soft: it can be restored). */
  @Column({ name: 'deleted_by', type: 'uuid', nullable: true }) deletedBy!: string | null;
}
