import type { AssurancePolicy } from '#contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A municipality (kommune) or another organisation running Fellesplan. Everything belongs to one. */
@Entity('tenants')
export class Tenant {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', unique: true })
  slug!: string;

  /** The assurance level each tenant role needs to read plan content (see docs/oidc.md). */
  @Column({ name: 'assurance_policy', type: 'jsonb' })
  assurancePolicy!: AssurancePolicy;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
