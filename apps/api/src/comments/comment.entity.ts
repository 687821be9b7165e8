import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CommentTargetType } from '#contracts';

/** A comment in the thread of one goal or task. */
@Entity('comments')
export class Comment {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'plan_id', type: 'uuid' }) planId!: string;
  @Column({ name: 'target_type', type: 'text' }) targetType!: CommentTargetType;
  @Column({ name: 'target_id', type: 'uuid' }) targetId!: string;
  @Column({ name: 'author_account_id', type: 'uuid' }) authorAccountId!: string;
  @Column({ name: 'author_name', type: 'text' }) authorName!: string;
  @Column({ type: 'text' }) body!: string;
  @Column({ name: 'mentioned_member_ids', type: 'uuid', array: true, default: () => "'{}'" }) mentionedMemberIds!: string[];
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true }) deletedAt!: Date | null;
  @Column({ name: 'deleted_by', type: 'uuid', nullable: true }) deletedBy!: string | null;
}
