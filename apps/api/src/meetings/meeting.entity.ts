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
  /** Set when the coordinator approved the minutes: the meeting is read-only until reopened. */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ name: 'closed_by', type: 'uuid', nullable: true }) closedBy!: string | null;
  @Column({ name: 'closed_by_name', type: 'text', nullable: true }) closedByName!: string | null;
  /** The next meeting, when it was set in the same step as the close. */
  @Column({ name: 'next_meeting_id', type: 'uuid', nullable: true }) nextMeetingId!: string | null;
  /** How many times it was closed: a close after a reopen sends a corrected summary. */
  @Column({ type: 'int', default: 0 }) closings!: number;
  @Column({ name: 'field_revisions', type: 'jsonb', default: {} }) fieldRevisions!: FieldRevisions;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true }) deletedAt!: Date | null;
  /** Who deleted it (deletes are soft: it can be restored). */
  @Column({ name: 'deleted_by', type: 'uuid', nullable: true }) deletedBy!: string | null;
}
