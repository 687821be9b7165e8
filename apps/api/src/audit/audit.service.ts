/**
 * Writes the append-only audit trail; callers inside a transaction pass its EntityManager (the
 * entry is then part of that transaction).
 *
 * Outside a transaction (every plan read, every socket join) entries are written in groups: the
 * first entry is inserted at once, and those that arrive while an insert is in flight go together
 * in the next one, one multi-row INSERT and one commit (one WAL flush) for all. `record` resolves
 * only once its own entry is committed, so a read is never answered before its audit entry is
 * durable; an insert that fails is retried entry by entry, so one bad entry fails only its caller.
 */
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

/**
 * As `auditInsert`, but inserting only if `from` (a CTE of the same statement) has a row: for a
 * write that records its audit entry only if its other parts took effect (PlanWriter's lock-free
 * path). `RETURNING id`: no row, nothing written.
 */
export function auditInsertFrom(first: number, from: string): string {
  const params = COLUMN_TYPES.map((t, i) => `$${first + i}::${t}`).join(', ');
  return `INSERT INTO audit_entries ${COLUMNS} SELECT ${params} FROM ${from} RETURNING id`;
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

/** One type per column of COLUMNS, in order (one missing made every group insert fail and fall back to one insert per entry). */
const COLUMN_TYPES = ['uuid', 'uuid', 'uuid', 'text', 'text', 'text', 'jsonb', 'text', 'text', 'text'];
const INSERT_MANY = sql(
  `INSERT INTO audit_entries ${COLUMNS} SELECT * FROM unnest(${COLUMN_TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`,
);
/** Entries per multi-row insert, at most. */
const MAX_GROUP = 500;

interface Pending {
  params: unknown[];
  resolve(): void;
  reject(error: unknown): void;
}

@Injectable()
export class AuditService {
  private readonly pending: Pending[] = [];
  private writing = false;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(record: AuditRecord, origin: Origin, manager: EntityManager = this.db.manager): Promise<void> {
    const params = auditParams(record, origin);
    if (manager.queryRunner) {
      await run(manager, INSERT, params);
      return;
    }
    await new Promise<void>((resolve, reject) => {
      this.pending.push({ params, resolve, reject });
      if (!this.writing) void this.write();
    });
  }

  private async write(): Promise<void> {
    this.writing = true;
    try {
      while (this.pending.length) {
        const group = this.pending.splice(0, MAX_GROUP);
        try {
          if (group.length === 1) await run(this.db.manager, INSERT, group[0].params);
          else
            await run(
              this.db.manager,
              INSERT_MANY,
              COLUMN_TYPES.map((_, i) => group.map((p) => p.params[i])),
            );
          for (const p of group) p.resolve();
        } catch (error) {
          if (group.length === 1) group[0].reject(error);
          else await Promise.all(group.map((p) => run(this.db.manager, INSERT, p.params).then(p.resolve, p.reject)));
        }
      }
    } finally {
      this.writing = false;
    }
  }
}
