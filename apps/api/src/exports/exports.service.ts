/**
 * Exports of a plan on request: the PDF (normal and large text) and the HL7 FHIR bundle. Each is
 * authorized against the permission matrix (`plan.export`, `plan.exportFhir`), made from one
 * consistent snapshot redacted for the reader (consent records only for those who may see them),
 * and audited as a read of plan content (`plan.export` with the format) once it is made. PDFs are
 * drawn in worker threads (pdf-render-pool.ts), never on the event loop.
 */
import { Injectable } from '@nestjs/common';
import type { ExportFormat, PlanAction } from '#contracts';
import { AccountsService } from '../accounts/accounts.service';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { PlanAccessService } from '../plans/plan-access.service';
import { PlansService } from '../plans/plans.service';
import type { DocumentLanguage } from './document-messages';
import type { ExportSnapshot } from './export-snapshot';
import { buildFhirBundle, type FhirBundle } from './fhir-bundle';
import { PdfRenderPool } from './pdf-render-pool';
import type { PdfOptions } from './plan-pdf';

export interface ExportedFile {
  fileName: string;
  mediaType: string;
  bytes: Buffer;
}

@Injectable()
export class ExportsService {
  constructor(
    private readonly access: PlanAccessService,
    private readonly plans: PlansService,
    private readonly accounts: AccountsService,
    private readonly audit: AuditService,
    private readonly evaluations: EvaluationsService,
    private readonly renderer: PdfRenderPool,
  ) {}

  async pdf(actor: Actor, planId: string, opts: { large: boolean; lang?: DocumentLanguage }): Promise<ExportedFile> {
    const snapshot = await this.readFor(actor, planId, 'plan.export', opts.lang);
    const bytes = await this.renderer.render(snapshot, { large: opts.large });
    const format: ExportFormat = opts.large ? 'pdf-large' : 'pdf';
    await this.recordExport(actor, planId, format, snapshot);
    return { fileName: exportFileName(snapshot, opts.large ? '-stor-skrift.pdf' : '.pdf'), mediaType: 'application/pdf', bytes };
  }

  async fhir(actor: Actor, planId: string, lang?: DocumentLanguage): Promise<FhirBundle> {
    const snapshot = await this.readFor(actor, planId, 'plan.exportFhir', lang);
    const bundle = buildFhirBundle(snapshot);
    await this.recordExport(actor, planId, 'fhir', snapshot);
    return bundle;
  }

  /**
   * The plan as the system makes a record of it (the archive copy): everything, consent records
   * included. No authorization: callers are the close path and the evaluation feature.
   */
  async systemSnapshot(planId: string): Promise<ExportSnapshot> {
    const plan = await this.plans.snapshot(planId, true);
    return this.withIdentity(plan, undefined);
  }

  /** Renders the archive copy's PDF/A-2b. */
  archivePdf(snapshot: ExportSnapshot, reason: 'closed' | 'evaluated'): Promise<Buffer> {
    const options: PdfOptions = { archive: { reason, planId: snapshot.plan.id } };
    return this.renderer.render(snapshot, options);
  }

  recordExport(
    actor: Actor,
    planId: string,
    format: ExportFormat,
    snapshot: { plan: { revision: number } },
    extra: Record<string, unknown> = {},
  ) {
    return this.audit.record(
      {
        tenantId: actor.tenantId,
        actorAccountId: actor.accountId,
        planId,
        action: 'plan.export',
        targetType: 'plan',
        targetId: planId,
        details: { format, revision: snapshot.plan.revision, ...extra },
      },
      actor,
    );
  }

  private async readFor(actor: Actor, planId: string, action: PlanAction, lang?: DocumentLanguage): Promise<ExportSnapshot> {
    const access = await this.access.authorize(actor, planId, action);
    const plan = await this.plans.snapshot(planId, this.access.may(access, 'consent.read'));
    return this.withIdentity(plan, lang);
  }

  private async withIdentity(plan: ExportSnapshot['plan'], lang: DocumentLanguage | undefined): Promise<ExportSnapshot> {
    const personAccountId = plan.members.find((m) => m.role === 'person')?.accountId ?? null;
    const [identity, { evaluations }] = await Promise.all([
      this.accounts.documentIdentity(plan.tenantId, personAccountId),
      this.evaluations.evaluationRatings(plan.id),
    ]);
    return { plan, identity, language: lang ?? identity.locale ?? 'nb', madeAt: new Date(), evaluations };
  }
}

/** individuell-plan-ase-odegard-r42.pdf: ASCII, so that every mail client and file system keeps it. */
export function exportFileName(s: ExportSnapshot, suffix: string): string {
  const slug = s.plan.personName
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `individuell-plan-${slug || 'plan'}-r${s.plan.revision}${suffix}`;
}
