/**
 * The api node's Prometheus metrics, on a registry of its own: the default process metrics and
 * the few the app records (sockets, plan edits, edit latency, HTTP latency). It only holds the
 * metric objects; the code that knows what happened (the write path, the gateway, the HTTP
 * middleware) records it.
 */
import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ENTITY_TYPES } from '#contracts';

export const METRICS_PREFIX = 'fellesplan_';

/**
 * What became of one call of the write path: committed (a revision was taken, even when some
 * fields were turned down as conflicts), replayed (a retried client mutation), unchanged
 * (nothing to write), conflict (nothing written: someone else changed it, or the plan is
 * closed), refused (any other domain error: no access, not found, invalid) or error (a bug or
 * an outage).
 */
export const PLAN_EDIT_OUTCOMES = ['committed', 'replayed', 'unchanged', 'conflict', 'refused', 'error'] as const;
export type PlanEditOutcome = (typeof PLAN_EDIT_OUTCOMES)[number];

/** Seconds; an edit is one short transaction, so 1–500 ms is where the detail matters. */
export const PLAN_EDIT_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
export const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  /** Sockets connected to this node (authenticated handshakes). */
  readonly sockets = new Gauge({
    name: `${METRICS_PREFIX}sockets`,
    help: 'Socket.io connections open on this api node',
    registers: [this.registry],
  });

  readonly planEdits = new Counter<'entity_type' | 'outcome'>({
    name: `${METRICS_PREFIX}plan_edits_total`,
    help: 'Calls of the plan write path, by entity type and outcome',
    labelNames: ['entity_type', 'outcome'],
    registers: [this.registry],
  });

  /** Plan loads and first joins: goals and tasks from PlanListsCache (the plan unchanged since), or read. */
  readonly planListReads = new Counter<'source'>({
    name: `${METRICS_PREFIX}plan_list_reads_total`,
    help: 'Goal and task lists of plan loads and first joins, by source: cache (the plan unchanged since) or database',
    labelNames: ['source'],
    registers: [this.registry],
  });

  /** Shared-text updates (issue 15): stored, already known (nothing stored), refused as invalid. */
  readonly sharedTextUpdates = new Counter<'outcome'>({
    name: `${METRICS_PREFIX}shared_text_updates_total`,
    help: 'Shared-text (Yjs) updates received, by outcome: stored, known (nothing new), refused',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  readonly sharedTextSettles = new Counter({
    name: `${METRICS_PREFIX}shared_text_settles_total`,
    help: 'Shared texts written to their field through the write path when typing settled',
    registers: [this.registry],
  });

  readonly sharedTextCompactedRows = new Counter({
    name: `${METRICS_PREFIX}shared_text_compacted_rows_total`,
    help: 'Stored shared-text updates folded into their snapshot by compaction',
    registers: [this.registry],
  });

  /** Observed for committed edits only: from the start of the transaction to its commit. */
  readonly planEditDuration = new Histogram({
    name: `${METRICS_PREFIX}plan_edit_duration_seconds`,
    help: 'Duration of committed plan edits, from the start of the write transaction to its commit',
    buckets: PLAN_EDIT_BUCKETS,
    registers: [this.registry],
  });

  readonly httpRequestDuration = new Histogram<'method' | 'status_class'>({
    name: `${METRICS_PREFIX}http_request_duration_seconds`,
    help: 'Duration of HTTP requests handled by the api, by method and status class (2xx, 4xx, ...)',
    labelNames: ['method', 'status_class'],
    buckets: HTTP_BUCKETS,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: METRICS_PREFIX });
    // Every series from zero, so that rate() and absent() work before the first edit of a kind.
    for (const entityType of ENTITY_TYPES)
      for (const outcome of PLAN_EDIT_OUTCOMES) this.planEdits.labels({ entity_type: entityType, outcome }).inc(0);
    for (const source of ['cache', 'database']) this.planListReads.labels({ source }).inc(0);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition text for one scrape. */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}
