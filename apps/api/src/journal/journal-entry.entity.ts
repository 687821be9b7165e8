import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A progress note or comment on the plan, a goal, a task or a meeting. */
@Entity('journal_entries')
export class JournalEntry {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'plan_id', type: 'uuid' }) planId!: string;
  @Column({ name: 'target_type', type: 'text', default: 'plan' }) targetType!: 'plan' | 'goal' | 'task' | 'meeting';
  @Column({ name: 'target_id', type: 'uuid', nullable: true }) targetId!: string | null;
  @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId!: string | null;
  @Column({ name: 'author_account_id', type: 'uuid' }) authorAccountId!: string;
  @Column({ name: 'author_name', type: 'text' }) authorName!: string;
  @Column({ type: 'text' }) body!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true }) deletedAt!: Date | null;
  /** Who deleted it (deletes are soft: it can be restored). */
  @Column({ name: 'deleted_by', type: 'uuid', nullable: true }) deletedBy!: string | null;
}
