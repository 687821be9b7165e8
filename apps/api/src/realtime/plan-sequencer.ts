/**
 * Delivers one plan's committed events to this node's sockets in revision order, each once.
 *
 * Events reach a node by whatever road (in-process, the Redis or PostgreSQL adapter) and may
 * arrive late, early or not at all. The sequencer holds an event that arrives early, and when a
 * revision is missing for longer than `gapWaitMs` it reads the missing range from plan_events
 * (revisions are gapless per plan, and a revision is only known once it and every earlier one
 * have committed, so the read always finds them). Pure logic: no Nest, no socket.io, no database.
 */
import type { PlanEventView } from '#contracts';

export interface SequencerOptions {
  /** Emit one event to the plan's room on this node. Called in revision order, each revision once. */
  deliver(event: PlanEventView): void;
  /** Committed events with afterRevision < revision <= toRevision, in order. */
  fetch(afterRevision: number, toRevision: number): Promise<PlanEventView[]>;
  /** How long a missing revision may be waited for before it is read from the database. */
  gapWaitMs: number;
  onError(error: unknown): void;
}

export class PlanSequencer {
  private delivered: number;
  private readonly early = new Map<number, PlanEventView>();
  /** The highest revision known to be committed (from an event or a caller's observation). */
  private known: number;
  private timer: NodeJS.Timeout | null = null;
  private filling = false;
  private closed = false;

  /** `baseline`: a revision at or below the plan's revision when the first local socket joined. */
  constructor(
    readonly planId: string,
    baseline: number,
    private readonly opts: SequencerOptions,
  ) {
    this.delivered = baseline;
    this.known = baseline;
  }

  /** The last revision delivered to the room. */
  get lastDelivered(): number {
    return this.delivered;
  }

  push(event: PlanEventView): void {
    if (this.closed || event.revision <= this.delivered) return;
    this.early.set(event.revision, event);
    this.known = Math.max(this.known, event.revision);
    this.drain();
  }

  /** Someone saw that `revision` is committed (a join's replay, a command's ack): make sure it arrives. */
  observe(revision: number): void {
    if (this.closed || revision <= this.known) return;
    this.known = revision;
    this.drain();
  }

  close(): void {
    this.closed = true;
    this.early.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private drain(): void {
    let next = this.early.get(this.delivered + 1);
    while (next) {
      this.early.delete(next.revision);
      this.delivered = next.revision;
      try {
        this.opts.deliver(next);
      } catch (error) {
        this.opts.onError(error);
      }
      next = this.early.get(this.delivered + 1);
    }
    if (this.known > this.delivered) this.scheduleFill(this.opts.gapWaitMs);
    else if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private scheduleFill(delayMs: number): void {
    if (this.timer || this.filling || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.fill();
    }, delayMs);
    this.timer.unref?.();
  }

  private async fill(): Promise<void> {
    if (this.closed || this.known <= this.delivered) return;
    this.filling = true;
    let failed = false;
    try {
      const events = await this.opts.fetch(this.delivered, this.known);
      for (const e of events) if (e.revision > this.delivered) this.early.set(e.revision, e);
    } catch (error) {
      failed = true;
      this.opts.onError(error);
    } finally {
      this.filling = false;
    }
    if (this.closed) return;
    // A failed read is retried after a pause; what a partial read left missing, after the usual wait.
    if (failed) this.scheduleFill(Math.max(this.opts.gapWaitMs, 1000));
    this.drain();
  }
}
