/**
 * Archive copies (arkivkopi) of a plan: the PDF/A-2b with its metadata, made when the plan is
 * closed (after the close commits: the `plan.event` domain event, and a sweep at start-up for a
 * close whose copy a stopped node never made) and when it is evaluated (`archive(planId,
 * 'evaluated')`, for the evaluation feature). A copy is kept as it was made: the table refuses
 * UPDATE and DELETE, and one copy per plan, revision and reason makes making it twice a no-op.
 * The coordinator (and the person, guardians) download it as one zip: the PDF and metadata.json.
 */
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { zipSync } from 'fflate';
import { INDIVIDUAL_PLAN_DOCUMENT_TYPE, type ArchiveCopyView, type ArchiveMetadata, type ArchiveReason } from '#contracts';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { NotFound } from '../errors/domain-error';
import { DomainEvents } from '../events/domain-events';
import { PlanAccessService } from '../plans/plan-access.service';
import { exportFileName, ExportsService, type ExportedFile } from './exports.service';

interface CopyRow {
  id: string;
  plan_id: string;
  revision: number;
  reason: ArchiveReason;
  created_at: Date;
  pdf_sha256: string;
  pdf_bytes: number;
  file_name: string;
}

const COPY_COLUMNS = 'id, plan_id, revision, reason, created_at, pdf_sha256, octet_length(pdf) AS pdf_bytes, file_name';

@Injectable()
export class ArchiveService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ArchiveService.name);
  private unsubscribe?: () => void;
  /** Copies being made now, so that the event and the sweep do not render the same copy twice. */
  private readonly inFlight = new Map<string, Promise<ArchiveCopyView | null>>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly exports: ExportsService,
    private readonly access: PlanAccessService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe = this.events.on('plan.event', ({ event }) => {
      if (event.entityType === 'plan' && event.action === 'closed') this.archiveInBackground(event.planId, 'closed');
      // An evaluation is a point the plan is filed at (issue 16): the copy of the plan as the evaluation left it.
      if (event.entityType === 'evaluation' && event.action === 'completed') this.archiveInBackground(event.planId, 'evaluated');
    });
    // A node that stopped between a close and its copy leaves a closed plan without one.
    setImmediate(() => void this.sweep().catch((error: unknown) => this.logger.error(`archive sweep failed: ${String(error)}`)));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  /**
   * Makes the archive copy of the plan as it is now, once per revision and reason; answers the
   * existing copy when there is one. For 'closed', a plan that is no longer closed gets none (null).
   */
  async archive(planId: string, reason: ArchiveReason): Promise<ArchiveCopyView | null> {
    const snapshot = await this.exports.systemSnapshot(planId);
    if (reason === 'closed' && snapshot.plan.status !== 'closed') return null;
    const key = `${planId}/${snapshot.plan.revision}/${reason}`;
    const running = this.inFlight.get(key);
    if (running) return running;
    const work = (async () => {
      const existing = await this.find(planId, snapshot.plan.revision, reason);
      if (existing) return existing;
      const pdf = await this.exports.archivePdf(snapshot, reason);
      const sha256 = createHash('sha256').update(pdf).digest('hex');
      const fileName = exportFileName(snapshot, `-arkiv-${reason}.pdf`);
      const coordinator = snapshot.plan.members.find((m) => m.role === 'coordinator' && m.status === 'active');
      const metadata: ArchiveMetadata = {
        schema: 'fellesplan.archive/1',
        documentType: { ...INDIVIDUAL_PLAN_DOCUMENT_TYPE },
        title: `Individuell plan: ${snapshot.plan.personName}`,
        planId,
        tenantId: snapshot.plan.tenantId,
        person: { name: snapshot.plan.personName, nationalId: snapshot.identity.nationalId },
        coordinator: coordinator ? { name: coordinator.name } : null,
        revision: snapshot.plan.revision,
        reason,
        createdAt: snapshot.madeAt.toISOString(),
        language: snapshot.language,
        planPeriod: { start: snapshot.plan.periodStart, end: snapshot.plan.periodEnd },
        status: snapshot.plan.status,
        file: { name: fileName, mediaType: 'application/pdf', conformance: 'PDF/A-2b', sha256, bytes: pdf.length },
      };
      const inserted = (await this.db.query(
        `INSERT INTO plan_archive_copies (tenant_id, plan_id, revision, reason, created_at, file_name, pdf, pdf_sha256, metadata)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (plan_id, revision, reason) DO NOTHING
         RETURNING ${COPY_COLUMNS}`,
        [snapshot.plan.tenantId, planId, snapshot.plan.revision, reason, snapshot.madeAt, fileName, pdf, sha256, JSON.stringify(metadata)],
      )) as CopyRow[];
      if (!inserted.length) return this.find(planId, snapshot.plan.revision, reason);
      // Making the copy read the plan's content: the access log shows it, done by the system.
      await this.audit.record(
        {
          tenantId: snapshot.plan.tenantId,
          actorAccountId: null,
          planId,
          action: 'plan.archive.created',
          targetType: 'archive_copy',
          targetId: inserted[0].id,
          details: { format: 'archive', reason, revision: snapshot.plan.revision, sha256 },
        },
        { ip: null, userAgent: null },
      );
      return toView(inserted[0]);
    })();
    this.inFlight.set(key, work);
    try {
      return await work;
    } finally {
      this.inFlight.delete(key);
    }
  }

  async list(actor: Actor, planId: string): Promise<ArchiveCopyView[]> {
    await this.access.authorize(actor, planId, 'archive.read');
    const rows = (await this.db.query(
      `SELECT ${COPY_COLUMNS} FROM plan_archive_copies WHERE plan_id = $1 ORDER BY created_at DESC, id DESC LIMIT 200`,
      [planId],
    )) as CopyRow[];
    return rows.map(toView);
  }

  /** The copy as one zip (the PDF/A and metadata.json); downloading it is an audited export. */
  async download(actor: Actor, planId: string, copyId: string): Promise<ExportedFile> {
    await this.access.authorize(actor, planId, 'archive.read');
    const [row] = (await this.db.query(`SELECT ${COPY_COLUMNS}, pdf, metadata FROM plan_archive_copies WHERE id = $1 AND plan_id = $2`, [
      copyId,
      planId,
    ])) as (CopyRow & { pdf: Buffer; metadata: ArchiveMetadata })[];
    if (!row) throw new NotFound('Archive copy');
    const mtime = row.created_at;
    const bytes = Buffer.from(
      zipSync(
        {
          [row.file_name]: [new Uint8Array(row.pdf), { level: 0, mtime }],
          'metadata.json': [new TextEncoder().encode(`${JSON.stringify(row.metadata, null, 2)}\n`), { level: 6, mtime }],
        },
        { mtime },
      ),
    );
    await this.exports.recordExport(actor, planId, 'archive', { plan: { revision: row.revision } }, { copyId, reason: row.reason });
    return { fileName: row.file_name.replace(/\.pdf$/, '.zip'), mediaType: 'application/zip', bytes };
  }

  /** Closed plans whose current revision has no 'closed' copy yet. */
  async sweep(): Promise<number> {
    const rows = (await this.db.query(
      `SELECT p.id FROM plans p
        WHERE p.status = 'closed'
          AND NOT EXISTS (SELECT 1 FROM plan_archive_copies a WHERE a.plan_id = p.id AND a.revision = p.revision AND a.reason = 'closed')
        LIMIT 100`,
    )) as { id: string }[];
    for (const { id } of rows)
      await this.archive(id, 'closed').catch((error: unknown) => this.logger.error(`archive of ${id} failed: ${String(error)}`));
    return rows.length;
  }

  private archiveInBackground(planId: string, reason: ArchiveReason): void {
    void this.archive(planId, reason).catch((error: unknown) => this.logger.error(`archive of ${planId} failed: ${String(error)}`));
  }

  private async find(planId: string, revision: number, reason: ArchiveReason): Promise<ArchiveCopyView | null> {
    const [row] = (await this.db.query(
      `SELECT ${COPY_COLUMNS} FROM plan_archive_copies WHERE plan_id = $1 AND revision = $2 AND reason = $3`,
      [planId, revision, reason],
    )) as CopyRow[];
    return row ? toView(row) : null;
  }
}

function toView(r: CopyRow): ArchiveCopyView {
  return {
    id: r.id,
    planId: r.plan_id,
    revision: r.revision,
    reason: r.reason,
    createdAt: r.created_at.toISOString(),
    pdfSha256: r.pdf_sha256,
    pdfBytes: Number(r.pdf_bytes),
    fileName: r.file_name.replace(/\.pdf$/, '.zip'),
  };
}
