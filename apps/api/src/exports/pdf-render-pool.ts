/**
 * PDF rendering off the event loop. pdfkit draws synchronously (about a second of CPU for a plan
 * with 30 goals and 200 tasks), which would stall every other request, socket event and timer of
 * the node for that long. A small pool of worker threads (pdf-worker.ts) draws instead; each gets
 * plain data the api has already authorized and assembled, never database access. Jobs beyond the
 * workers wait in a bounded queue; when that is full the export is refused with 503 and a
 * Retry-After, rather than piling up memory and latency.
 *
 * PDF_WORKERS (default 1; 0 draws on the main thread, for tools without a built worker) and
 * PDF_QUEUE_MAX (default 8: jobs waiting for a worker beyond those drawing).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DomainError } from '../errors/domain-error';
import type { ExportSnapshot } from './export-snapshot';
import type { PdfJob, PdfJobResult } from './pdf-worker';
import { renderPlanPdf, type PdfOptions } from './plan-pdf';

/** Every worker is drawing and the queue is full: try again shortly. */
export class RendererBusy extends DomainError {
  constructor(retryAfterSeconds: number) {
    super('service_unavailable', 503, 'Many documents are being made right now. Try again in a few seconds.', { retryAfterSeconds });
  }
}

export interface PdfPoolOptions {
  workers: number;
  queueMax: number;
  /** The worker's script; defaults to the compiled pdf-worker.js beside this file. */
  script?: string;
  /** Where a failure is told (the module passes Nest's logger). */
  warn?: (message: string) => void;
}

function intFromEnv(name: string, fallback: number, min: number, max: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`Invalid configuration:\n  ${name}: must be an integer from ${min} to ${max}`);
  return n;
}

export function pdfPoolOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): PdfPoolOptions {
  return { workers: intFromEnv('PDF_WORKERS', 1, 0, 16, env), queueMax: intFromEnv('PDF_QUEUE_MAX', 8, 0, 1000, env) };
}

interface Pending {
  job: PdfJob;
  resolve: (pdf: Buffer) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  current: Pending | null;
}

/** Plain class (no Nest imports, so unit specs run it as is); the module provides it with a factory. */
export class PdfRenderPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private readonly script: string;
  private nextId = 1;
  private closed = false;
  /** Milliseconds the last few jobs took, to tell a refused client when to come back. */
  private recentMs = 1000;

  constructor(private options: PdfPoolOptions = pdfPoolOptionsFromEnv()) {
    this.script = options.script ?? join(__dirname, 'pdf-worker.js');
    // Under ts-jest (no compiled worker beside the source) the pool draws on the main thread.
    if (options.workers > 0 && !existsSync(this.script)) {
      this.warn(`${this.script} is missing: PDFs are drawn on the main thread`);
      this.options = { ...options, workers: 0 };
    }
  }

  private warn(message: string): void {
    (this.options.warn ?? console.warn)(message);
  }

  /** Workers drawing now and jobs waiting (for tests and the metrics). */
  get load(): { busy: number; queued: number; workers: number } {
    return { busy: this.slots.filter((s) => s.current).length, queued: this.queue.length, workers: this.options.workers };
  }

  render(snapshot: ExportSnapshot, options: PdfOptions = {}): Promise<Buffer> {
    if (this.closed) return Promise.reject(new Error('The PDF renderer has stopped'));
    if (this.options.workers === 0) return renderPlanPdf(snapshot, options);
    const idle = this.idleSlot();
    if (!idle && this.queue.length >= this.options.queueMax) {
      const waitMs = ((this.queue.length + this.options.workers) * this.recentMs) / this.options.workers;
      return Promise.reject(new RendererBusy(Math.max(1, Math.min(60, Math.ceil(waitMs / 1000)))));
    }
    return new Promise<Buffer>((resolve, reject) => {
      const pending: Pending = { job: { id: this.nextId++, snapshot, options }, resolve, reject };
      if (idle) this.start(idle, pending);
      else this.queue.push(pending);
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error('The PDF renderer has stopped'));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private idleSlot(): Slot | null {
    const free = this.slots.find((s) => !s.current);
    if (free) return free;
    if (this.slots.length < this.options.workers) return this.spawn();
    return null;
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(this.script), current: null };
    slot.worker.unref();
    slot.worker.on('message', (result: PdfJobResult) => this.finish(slot, result));
    slot.worker.on('error', (error) => this.lose(slot, error));
    slot.worker.on('exit', (code) => {
      if (!this.closed) this.lose(slot, new Error(`PDF worker stopped (exit code ${code})`));
    });
    this.slots.push(slot);
    return slot;
  }

  private start(slot: Slot, pending: Pending): void {
    slot.current = pending;
    (pending as Pending & { startedAt?: number }).startedAt = Date.now();
    slot.worker.postMessage(pending.job);
  }

  private finish(slot: Slot, result: PdfJobResult): void {
    const pending = slot.current as (Pending & { startedAt?: number }) | null;
    slot.current = null;
    if (pending && pending.job.id === result.id) {
      if (pending.startedAt) this.recentMs = 0.7 * this.recentMs + 0.3 * (Date.now() - pending.startedAt);
      if (result.ok) pending.resolve(Buffer.from(result.pdf.buffer, result.pdf.byteOffset, result.pdf.byteLength));
      else pending.reject(new Error(`PDF rendering failed: ${result.error}`));
    }
    this.next(slot);
  }

  /** A worker that crashed: its job fails, the next job gets a fresh worker. */
  private lose(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    this.warn(`PDF worker failed: ${error.message}`);
    slot.current?.reject(error);
    slot.current = null;
    void slot.worker.terminate();
    const waiting = this.queue.shift();
    if (waiting) this.start(this.spawn(), waiting);
  }

  private next(slot: Slot): void {
    const waiting = this.queue.shift();
    if (waiting) this.start(slot, waiting);
  }
}
