/** Writes the append-only audit trail; callers inside a transaction pass its EntityManager. */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Origin } from '../auth/actor';
import { AuditEntry } from './audit-entry.entity';

export interface AuditRecord {
  tenantId: string | null;
  actorAccountId: string | null;
  action: string;
  planId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  details?: Record<string, unknown> | null;
}

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(record: AuditRecord, origin: Origin, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.insert(AuditEntry, {
      tenantId: record.tenantId,
      actorAccountId: record.actorAccountId,
      planId: record.planId ?? null,
      action: record.action,
      targetType: record.targetType ?? null,
      targetId: record.targetId ?? null,
      details: (record.details ?? null) as AuditEntry['details'] & object,
      ip: origin.ip,
      userAgent: origin.userAgent,
    });
  }
}
