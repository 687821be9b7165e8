/** Shapes shared by the bench's main thread, its worker threads and the seeding modules. */

/** One socket the load generator opens. An editor has a goal of its own to edit. */
export interface ClientSpec {
  /** Unique within a session; part of every client mutation id this client sends. */
  id: number;
  planId: string;
  token: string;
  /** Set for editors: the goal this client edits (only it edits it, so its edits never conflict). */
  goalId: string | null;
  /** The server this client connects to, when not the session's (two-node scenario). */
  url?: string;
  /** Where to reconnect (and rejoin with its revision) when its server goes away mid-session. */
  fallbackUrl?: string;
}

/** What a seeding module hands the load generator for one target. */
export interface SeededPlans {
  clients: ClientSpec[];
  planIds: string[];
}

export interface PlanLayout {
  plans: number;
  editors: number;
  viewers: number;
}

export interface ConnectOptions {
  url: string;
  path: string;
  /** Join each client's plan after connecting. */
  join: boolean;
  /** Sockets connecting at once, per worker. */
  connectConcurrency: number;
  connectTimeoutMs: number;
  /** Send presence heartbeats for the joined plan every PRESENCE_HEARTBEAT_MS, as the web app does. */
  heartbeats: boolean;
}

export interface EditorSchedule {
  clientId: number;
  /** Offset of this editor's first send after the phase start, in ms. */
  offsetMs: number;
}

export interface PhaseSpec {
  phaseId: number;
  /** Epoch ms (clock.ts) of the first scheduled send. */
  startAt: number;
  durationMs: number;
  /** Interval between two sends of one editor, in ms. */
  intervalMs: number;
  editors: EditorSchedule[];
  ackTimeoutMs: number;
}

export interface ClientPhaseStats {
  clientId: number;
  planId: string;
  /** Highest revision this client had seen when the phase started. */
  baseRevision: number;
  /** Distinct revisions above baseRevision received in the phase. */
  distinct: number;
  duplicates: number;
  outOfOrder: number;
  highest: number;
  disconnected: boolean;
}

export interface EditorPhaseStats {
  clientId: number;
  planId: string;
  sent: number;
  acked: number;
  ackErrors: number;
  ackTimeouts: number;
  maxAckRevision: number;
  errorCodes: Record<string, number>;
}

export type MainToWorker =
  | { type: 'connect'; clients: ClientSpec[]; options: ConnectOptions }
  | { type: 'join' }
  | { type: 'clock'; mainNow: number }
  | { type: 'phase'; phase: PhaseSpec }
  | { type: 'collect'; phaseId: number; expected: Record<string, number>; deadlineMs: number }
  | { type: 'failovers' }
  | { type: 'close' };

export type WorkerToMain =
  | { type: 'connected'; connected: number; failed: number; errors: string[]; connectHist: string }
  | { type: 'joined'; joined: number; failed: number; errors: string[]; joinHist: string }
  | { type: 'clock'; mainNow: number; workerNow: number }
  | {
      type: 'sent';
      phaseId: number;
      /** Highest acked revision per plan, for the plans this worker's editors are in. */
      maxAckRevision: Record<string, number>;
      highestSeen: Record<string, number>;
      editors: EditorPhaseStats[];
      ackHist: string;
      sendLagHist: string;
    }
  | {
      type: 'collected';
      phaseId: number;
      clients: ClientPhaseStats[];
      latencyHist: string;
      received: number;
      timeline: TimelineBucket[];
      /** [epoch second, largest event-loop lag ms] of this worker during the phase. */
      loopLag: [number, number][];
      /** Presence heartbeats sent (and failed) since the previous collect. */
      heartbeats: { sent: number; failed: number };
    }
  | { type: 'closed' }
  | { type: 'failovers'; failovers: FailoverStats }
  | { type: 'error'; message: string };

/** Clients that lost their server and came back through their fallback (two-node scenario). */
export interface FailoverStats {
  disconnected: number;
  /** Reconnected and rejoined with their revision. */
  back: number;
  failed: number;
  errors: string[];
  /** Epoch ms of the first disconnect and of the last client back. */
  firstDisconnectAt: number | null;
  lastBackAt: number | null;
}

export interface TimelineBucket {
  /** Receipts of edits scheduled in this second of the phase. */
  n: number;
  /** Of those, slower than 50 ms. */
  slow: number;
  /** The slowest, in ms. */
  max: number;
  /** The server's garbage collections that started in this second (heap-probe.ts), when recorded. */
  gc?: { minor: number; major: number; incremental: number; pauseMs: number; maxPauseMs: number };
  /** The largest event-loop lag of the server in this second (heap-probe.ts), ms. */
  serverLagMs?: number;
  /** The largest event-loop lag of any load-generator worker in this second, ms. */
  loadgenLagMs?: number;
  /** PostgreSQL's active backends, sampled 5 times a second (pg-activity.ts): wait event → samples. */
  pg?: Record<string, number>;
}
