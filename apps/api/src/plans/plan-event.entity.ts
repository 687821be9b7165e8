import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EntityType } from '#contracts';

/** One committed change: the plan's ordered, gapless change log, from which any node can replay. */
@Entity('plan_events')
export class PlanEvent {
  @PrimaryColumn({ name: 'plan_id', type: 'uuid' }) planId!: string;
  @PrimaryColumn({ type: 'int' }) revision!: number;
  @Column({ name: 'actor_account_id', type: 'uuid' }) actorAccountId!: string;
  @Column({ name: 'actor_name', type: 'text' }) actorName!: string;
  @Column({ name: 'entity_type', type: 'text' }) entityType!: EntityType;
  @Column({ name: 'entity_id', type: 'uuid' }) entityId!: string;
  @Column({ type: 'text' }) action!: string;
  @Column({ type: 'jsonb' }) patch!: Record<string, unknown>;
  @Column({ name: 'client_mutation_id', type: 'text', nullable: true }) clientMutationId!: string | null;
  @Column({ type: 'timestamptz' }) at!: Date;
}
