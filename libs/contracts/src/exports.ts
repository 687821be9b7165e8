/**
 * The plan leaving the system: the printable PDF, the archive copy (PDF/A-2 + metadata) and the
 * HL7 FHIR R4 bundle. Routes under /api/plans/:planId (docs/exports.md).
 */

/** What an export produced, as the audit entry (`plan.export`) records it. */
export const EXPORT_FORMATS = ['pdf', 'pdf-large', 'fhir', 'archive'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Why an archive copy was made: the plan was closed, or it was evaluated (evaluering). */
export const ARCHIVE_REASONS = ['closed', 'evaluated'] as const;
export type ArchiveReason = (typeof ARCHIVE_REASONS)[number];

/** Norway's document type for an individual plan in document sharing (the archive copy's class). */
export const INDIVIDUAL_PLAN_DOCUMENT_TYPE = { code: '9602', display: 'A02-2 Individuell plan' } as const;

/** One archive copy, as the plan's history lists it. The copy itself never changes. */
export interface ArchiveCopyView {
  id: string;
  planId: string;
  /** The plan revision the copy holds. */
  revision: number;
  reason: ArchiveReason;
  createdAt: string;
  /** SHA-256 of the PDF/A file, hex. */
  pdfSha256: string;
  pdfBytes: number;
  /** The name of the downloadable package (zip: the PDF/A and metadata.json). */
  fileName: string;
}

/** metadata.json inside an archive package. */
export interface ArchiveMetadata {
  schema: 'fellesplan.archive/1';
  documentType: { code: string; display: string };
  title: string;
  planId: string;
  tenantId: string;
  person: { name: string; nationalId: string | null };
  coordinator: { name: string } | null;
  revision: number;
  reason: ArchiveReason;
  createdAt: string;
  language: 'nb' | 'en';
  planPeriod: { start: string | null; end: string | null };
  status: string;
  file: { name: string; mediaType: 'application/pdf'; conformance: 'PDF/A-2b'; sha256: string; bytes: number };
}
