/** Writes the append-only audit trail; callers inside a transaction pass its EntityManager. */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor, Origin } from '../auth/actor';
import { run, sql } from '../database/sql';

export interface AuditRecord {
  tenantId: string | null;
  actorAccountId: string | null;
  action: string;
  planId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  details?: Record<string, unknown> | null;
}

const COLUMNS = '(tenant_id, actor_account_id, plan_id, action, target_type, target_id, details, ip, user_agent, assurance)';

/**
 * `INSERT INTO audit_entries … VALUES (…)` with its parameters numbered from `first`, for a
 * statement that writes an audit entry together with something else (the plan write path).
 */
export function auditInsert(first: number): string {
  const params = Array.from({ length: 10 }, (_, i) => `$${first + i}`).join(', ');
  return `INSERT INTO audit_entries ${COLUMNS} VALUES (${params})`;
}

/** The parameters of `auditInsert`, in order. */
export function auditParams(record: AuditRecord, origin: Origin): unknown[] {
  return [
    record.tenantId,
    record.actorAccountId,
    record.planId ?? null,
    record.action,
    record.targetType ?? null,
    record.targetId ?? null,
    record.details == null ? null : JSON.stringify(record.details),
    origin.ip,
    origin.userAgent,
    // A logged-in actor's origin is the Actor, which carries its session's level.
    (origin as Partial<Pick<Actor, 'session'>>).session?.level ?? null,
  ];
}

const INSERT = sql(auditInsert(1));

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(record: AuditRecord, origin: Origin, manager: EntityManager = this.db.manager): Promise<void> {
    await run(manager, INSERT, auditParams(record, origin));
  }
}
