import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AgendaItem, Decision, FieldRevisions } from '#contracts';

/** An ansvarsgruppemøte: time, place, agenda, who came, minutes (referat) and decisions. */
@Entity('meetings')
export class Meeting {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'plan_id', type: 'uuid' }) planId!: string;
  @Column({ type: 'text', default: 'Ansvarsgruppemøte' }) title!: string;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt!: Date;
  @Column({ name: 'ends_at', type: 'timestamptz', nullable: true }) endsAt!: Date | null;
  @Column({ type: 'text', default: '' }) location!: string;
  @Column({ name: 'video_url', type: 'text', nullable: true }) videoUrl!: string | null;
  @Column({ type: 'jsonb', default: [] }) agenda!: AgendaItem[];
  @Column({ type: 'jsonb', default: [] }) attendees!: string[];
  @Column({ type: 'text', default: '' }) minutes!: string;
  @Column({ type: 'jsonb', default: [] }) decisions!: Decision[];
  @Column({ type: 'text', default: 'planned' }) status!: 'planned' | 'held' | 'cancelled';
  /** Bumped when the time or place changes, for calendar updates. */
  @Column({ type: 'int', default: 0 }) sequence!: number;
  @Column({ name: 'field_revisions', type: 'jsonb', default: {} }) fieldRevisions!: FieldRevisions;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true }) deletedAt!: Date | null;
  /** Who deleted it (deletes are soft: it can be restored). */
  @Column({ name: 'deleted_by', type: 'uuid', nullable: true }) deletedBy!: string | null;
}
