import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { FieldRevisions, MemberStatus, PlanRole } from '#contracts';

/** A member of a plan's ansvarsgruppe (or beyond), with a role in that plan. */
@Entity('plan_members')
export class PlanMember {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'plan_id', type: 'uuid' }) planId!: string;
  @Column({ name: 'account_id', type: 'uuid', nullable: true }) accountId!: string | null;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', nullable: true }) email!: string | null;
  @Column({ type: 'text', nullable: true }) phone!: string | null;
  @Column({ type: 'text' }) role!: PlanRole;
  @Column({ type: 'text', nullable: true }) service!: string | null;
  @Column({ type: 'text', nullable: true }) organisation!: string | null;
  @Column({ type: 'text', default: '' }) contribution!: string;
  @Column({ type: 'text', default: 'invited' }) status!: MemberStatus;
  @Column({ name: 'invite_token_hash', type: 'text', nullable: true }) inviteTokenHash!: string | null;
  @Column({ name: 'invite_expires_at', type: 'timestamptz', nullable: true }) inviteExpiresAt!: Date | null;
  @Column({ name: 'invited_by', type: 'uuid', nullable: true }) invitedBy!: string | null;
  @Column({ name: 'field_revisions', type: 'jsonb', default: {} }) fieldRevisions!: FieldRevisions;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true }) removedAt!: Date | null;
}
