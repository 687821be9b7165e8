/**
 * The client side of shared text (docs/realtime-protocol.md, "Shared text"), for the web app, the
 * tests and the load generator alike: one Y.Doc per open field, kept in step with the server over
 * the plan's socket. Not exported from the package index: it pulls in yjs, which the web app
 * loads only when an editor opens (a dynamic import).
 *
 * - Opening (and every reopening after a reconnect, once the plan is joined again) runs y-protocols sync: the client sends its
 *   state vector (sync step 1), applies what it lacks (the server's sync step 2), and sends what
 *   the server lacks, computed from the server's state vector: edits made offline or never
 *   acknowledged merge on return, whichever node the client lands on.
 * - Local edits are sent at once after a pause, and merged and sent at most every
 *   `sendIntervalMs` while typing goes on, one update in flight at a time; an ack means the
 *   update is stored in PostgreSQL.
 * - A refusal (access lost, the item gone, the plan closed) stops sending and says why.
 */
import * as Y from 'yjs';
import { fromBase64, toBase64 } from 'lib0/buffer';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as sync from 'y-protocols/sync';
import type { ErrorCode } from './errors';
import type { Ack } from './realtime';
import {
  SHARED_TEXT_SEND_INTERVAL_MS,
  sharedTextKey,
  type SharedTextRef,
  type TextCursorEvent,
  type TextOpenResult,
  type TextUpdateEvent,
  type TextUpdateResult,
} from './shared-text';

/** What the sync needs of a socket.io client socket (typed loosely so any client fits). */
export interface SharedTextSocket {
  readonly connected: boolean;
  timeout(ms: number): { emit(event: string, payload: unknown, ack: (err: Error | null, res: Ack<object>) => void): void };
  on(event: string, listener: (...args: never[]) => void): unknown;
  off(event: string, listener: (...args: never[]) => void): unknown;
}

export type SharedTextStatus = 'opening' | 'live' | 'offline' | 'refused';

export interface SharedTextOptions {
  sendIntervalMs?: number;
  ackTimeoutMs?: number;
  /** A peer's update was applied (for announcing remote edits). */
  onRemote?(event: TextUpdateEvent): void;
  onCursor?(event: TextCursorEvent): void;
  /** Every stored update, with how long the ack took (ms) and how many local edits it carried. */
  onStored?(ms: number, edits: number): void;
  onStatus?(status: SharedTextStatus, code?: ErrorCode): void;
}

/** The origin of updates that came from the server: they are not sent back. */
export const REMOTE = Symbol('remote');
/**
 * How long an update with a missing predecessor may wait for it before the document is read
 * afresh; doubled after each reading that did not bring it (up to RESYNC_MAX_MS).
 */
const RESYNC_AFTER_MS = 250;
const RESYNC_MAX_MS = 8_000;
const REFUSALS: ErrorCode[] = ['forbidden', 'not_found', 'consent_required', 'conflict', 'meeting_closed', 'unauthenticated'];

export class SharedTextSync {
  readonly doc = new Y.Doc();
  readonly text = this.doc.getText('text');
  status: SharedTextStatus = 'opening';
  writable = false;
  private pending: Uint8Array[] = [];
  private pendingEdits = 0;
  private inFlight = false;
  /** The update in flight, until its ack. */
  private inFlightUpdate: Uint8Array | null = null;
  /** Local edits in the update in flight (given back to pendingEdits when its ack never comes). */
  private inFlightEdits = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private resync: ReturnType<typeof setTimeout> | null = null;
  /** Readings in a row that left something pending (the next waits longer). */
  private resyncs = 0;
  /** When the last update was sent (the throttle's reference). */
  private lastSentAt = 0;
  private closed = false;
  private generation = 0;
  private readonly key: string;

  constructor(
    readonly ref: SharedTextRef,
    private readonly socket: SharedTextSocket,
    private readonly opts: SharedTextOptions = {},
  ) {
    this.key = sharedTextKey(ref);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE || this.closed) return;
      this.pending.push(update);
      this.pendingEdits++;
      this.schedule();
    });
    socket.on('text:update', this.received);
    socket.on('text:cursor', this.cursorReceived);
    socket.on('disconnect', this.disconnected);
  }

  /**
   * The local edits not yet acknowledged (the update in flight and those waiting), as one update;
   * null when there are none. For a page going away: sent once more another way (a Yjs update
   * applied twice is applied once).
   */
  unstored(): Uint8Array | null {
    const parts = this.inFlightUpdate ? [this.inFlightUpdate, ...this.pending] : this.pending;
    if (!parts.length) return null;
    return parts.length === 1 ? parts[0] : Y.mergeUpdates(parts);
  }

  /** Whether local edits are still unacknowledged (not yet stored). */
  get unsaved(): boolean {
    return this.pending.length > 0 || this.inFlight;
  }

  /** Opens, and after every reconnect opens again once the plan is joined again (the owner calls it). */
  async open(): Promise<void> {
    if (this.closed) return;
    const generation = ++this.generation;
    this.setStatus('opening');
    const encoder = encoding.createEncoder();
    sync.writeSyncStep1(encoder, this.doc);
    const res = await this.emit<TextOpenResult>('text:open', { ...this.ref, sync: toBase64(encoding.toUint8Array(encoder)) });
    if (generation !== this.generation || this.closed) return;
    if (!res) return this.setStatus('offline');
    if (!res.ok) return this.refuse(res.error.code);
    const step2 = decoding.createDecoder(fromBase64(res.sync));
    decoding.readVarUint(step2);
    Y.applyUpdate(this.doc, decoding.readVarUint8Array(step2), REMOTE);
    const step1 = decoding.createDecoder(fromBase64(res.serverSync));
    decoding.readVarUint(step1);
    const serverVector = decoding.readVarUint8Array(step1);
    this.writable = res.writable;
    // Whatever the server lacks (unsent, unacknowledged or offline edits) as one update: sync step 2.
    // (It carries the edits not yet acknowledged: pendingEdits keeps counting them.)
    this.pending = this.writable ? [Y.encodeStateAsUpdate(this.doc, serverVector)] : [];
    this.inFlight = false;
    this.inFlightUpdate = null;
    this.setStatus('live');
    this.flush();
    // Still waiting for a predecessor (the server's copy lacked it too, or it came during the
    // opening): read again later, not only when the next update comes.
    if (this.hasPending()) this.resyncLater();
    else this.resyncs = 0;
  }

  /** Typing settled (the editor lost focus): the server writes the field now. */
  settle(): void {
    this.flush();
    if (this.socket.connected) void this.emit('text:settle', { ...this.ref });
  }

  cursor(anchor: number | null, head: number | null): void {
    if (this.status !== 'live') return;
    const rel = (i: number | null) =>
      i === null ? null : toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(this.text, i)));
    void this.emit('text:cursor', { ...this.ref, anchor: rel(anchor), head: rel(head) });
  }

  /** A peer's relative position as an index in the text now (null: not in this document). */
  positionOf(encoded: string | null): number | null {
    if (!encoded) return null;
    try {
      const abs = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(fromBase64(encoded)), this.doc);
      return abs && abs.type === this.text ? abs.index : null;
    } catch {
      return null;
    }
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.resync) clearTimeout(this.resync);
    this.socket.off('text:update', this.received);
    this.socket.off('text:cursor', this.cursorReceived);
    this.socket.off('disconnect', this.disconnected);
    if (this.socket.connected) void this.emit('text:close', { ...this.ref });
  }

  /**
   * A throttle with a leading edge: an edit after a pause goes out at once (a peer sees a
   * keystroke in one round trip, not after a timer); edits that follow within the interval are
   * merged and sent when it has passed, one update in flight at a time.
   */
  private schedule(): void {
    if (this.timer || this.inFlight) return;
    const wait = this.lastSentAt + (this.opts.sendIntervalMs ?? SHARED_TEXT_SEND_INTERVAL_MS) - Date.now();
    if (wait <= 0) return this.flush();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, wait);
  }

  private flush(): void {
    if (this.inFlight || !this.pending.length || this.status !== 'live' || !this.writable || !this.socket.connected) return;
    const update = this.pending.length === 1 ? this.pending[0] : Y.mergeUpdates(this.pending);
    const edits = this.pendingEdits;
    this.pending = [];
    this.pendingEdits = 0;
    this.inFlight = true;
    this.inFlightUpdate = update;
    this.inFlightEdits = edits;
    this.lastSentAt = Date.now();
    const generation = this.generation;
    const started = Date.now();
    void this.emit<TextUpdateResult>('text:update', { ...this.ref, update: toBase64(update) }).then((res) => {
      if (generation !== this.generation) return; // reopened meanwhile: the sync covered it
      this.inFlight = false;
      this.inFlightUpdate = null;
      this.inFlightEdits = 0;
      if (!res) {
        // No ack: keep it; the reopen after the reconnect sends whatever the server lacks.
        this.pending.unshift(update);
        this.pendingEdits += edits;
        this.schedule();
        return;
      }
      if (!res.ok) {
        if (REFUSALS.includes(res.error.code)) return this.refuse(res.error.code);
        // rate_limited and the like: try again shortly.
        this.pending.unshift(update);
        this.pendingEdits += edits;
        this.schedule();
        return;
      }
      this.opts.onStored?.(Date.now() - started, edits);
      if (this.pending.length) this.schedule();
    });
  }

  private refuse(code: ErrorCode): void {
    this.writable = false;
    this.setStatus('refused', code);
  }

  private setStatus(status: SharedTextStatus, code?: ErrorCode): void {
    this.status = status;
    this.opts.onStatus?.(status, code);
  }

  private emit<T extends object>(event: string, payload: unknown): Promise<Ack<T> | null> {
    return new Promise((resolve) => {
      if (!this.socket.connected) return resolve(null);
      this.socket.timeout(this.opts.ackTimeoutMs ?? 10_000).emit(event, payload, (err, res) => resolve(err ? null : (res as Ack<T>)));
    });
  }

  private readonly received = (event: TextUpdateEvent): void => {
    if (this.closed || event.planId !== this.ref.planId || sharedTextKey(event) !== this.key) return;
    try {
      Y.applyUpdate(this.doc, fromBase64(event.update), REMOTE);
    } catch {
      void this.open(); // should not happen: read the document afresh
      return;
    }
    this.opts.onRemote?.(event);
    // An update that depends on one this client never got (stored by a node that died before it
    // passed it on): Yjs holds it back. Open again after a moment: the server reads the document
    // from PostgreSQL, where the missing update is.
    if (this.hasPending()) this.resyncLater();
    else this.resyncs = 0;
  };

  private hasPending(): boolean {
    return this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
  }

  private resyncLater(): void {
    if (this.resync || this.closed) return;
    const wait = Math.min(RESYNC_MAX_MS, RESYNC_AFTER_MS * 2 ** this.resyncs);
    this.resync = setTimeout(() => {
      this.resync = null;
      // An opening under way reads the document anyway (and comes back here if it is not enough).
      if (this.closed || this.status !== 'live' || !this.hasPending()) return;
      this.resyncs++;
      void this.open();
    }, wait);
  }

  private readonly cursorReceived = (event: TextCursorEvent): void => {
    if (this.closed || event.planId !== this.ref.planId || sharedTextKey(event) !== this.key) return;
    this.opts.onCursor?.(event);
  };

  private readonly disconnected = (): void => {
    if (this.closed || this.status === 'refused') return;
    this.generation++;
    if (this.inFlight) this.pendingEdits += this.inFlightEdits;
    // Unacknowledged: still among what is not stored (the reopen's sync sends it in any case).
    if (this.inFlightUpdate) this.pending.unshift(this.inFlightUpdate);
    this.inFlight = false;
    this.inFlightUpdate = null;
    this.inFlightEdits = 0;
    this.setStatus('offline');
  };
}
