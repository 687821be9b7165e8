/**
 * The PDF renderer's worker thread (pdf-render-pool.ts): receives a plan already authorized,
 * redacted and assembled by the api (an ExportSnapshot, plain data), draws it with pdfkit and
 * answers the file's bytes. It has no database, no session and no other module: only the drawing.
 */
import { parentPort } from 'node:worker_threads';
import type { ExportSnapshot } from './export-snapshot';
import { renderPlanPdf, type PdfOptions } from './plan-pdf';

export interface PdfJob {
  id: number;
  snapshot: ExportSnapshot;
  options: PdfOptions;
}

export type PdfJobResult = { id: number; ok: true; pdf: Uint8Array } | { id: number; ok: false; error: string };

if (!parentPort) throw new Error('pdf-worker runs only as a worker thread');
const port = parentPort;

port.on('message', (job: PdfJob) => {
  renderPlanPdf(job.snapshot, job.options).then(
    (pdf) => {
      // The buffer's own ArrayBuffer may be pooled (shared with others): copy into one of its own to transfer it.
      const bytes = new Uint8Array(pdf.length);
      bytes.set(pdf);
      const result: PdfJobResult = { id: job.id, ok: true, pdf: bytes };
      port.postMessage(result, [bytes.buffer]);
    },
    (error: unknown) => {
      const result: PdfJobResult = {
        id: job.id,
        ok: false,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      };
      port.postMessage(result);
    },
  );
});
