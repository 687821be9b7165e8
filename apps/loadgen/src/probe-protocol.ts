/** The messages between the bench and heap-probe.ts inside a server process (IPC). */

export interface GcEvent {
  /** Epoch ms (the same clock as clock.ts). */
  at: number;
  kind: 'minor' | 'major' | 'incremental' | 'weakcb';
  /** The pause on the server's main thread. */
  ms: number;
}

export interface HeapPhaseStats {
  seconds: number;
  allocatedBytes: number;
  /** Old-space growth during scavenges: what survived two scavenges. */
  promotedBytes: number;
  scavenges: number;
  markCompacts: number;
  /** Main-thread pauses, summed per kind. */
  pauseMs: { minor: number; major: number; incremental: number };
  heapUsedMB: number;
  events: GcEvent[];
  /** [epoch second, largest event-loop lag ms] for the phase's seconds with a lag (loop-lag.ts). */
  loopLag?: [number, number][];
}

/** The server's memory right after a full GC (the `settle` request): readings that garbage does not move. */
export interface SettledMemory {
  rssBytes: number;
  /** V8's heap in use plus memory outside it that JS objects hold (buffers, socket state). */
  retainedBytes: number;
}

export type ProbeRequest = { fpProbe: 'start'; id: number } | { fpProbe: 'stop'; id: number } | { fpProbe: 'settle'; id: number };
export type ProbeReply =
  | { fpProbe: 'started'; id: number }
  | { fpProbe: 'stopped'; id: number; stats: HeapPhaseStats }
  | { fpProbe: 'settled'; id: number; memory: SettledMemory };
