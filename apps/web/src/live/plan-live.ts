/**
 * The live plan in the browser: a snapshot over REST, then socket.io (libs/contracts realtime.ts).
 * It joins the plan with the last revision it holds, applies 'plan:event's strictly in revision
 * order, asks for a missing range when it sees a gap, and reloads a snapshot when an event cannot
 * be applied from its patch. While the connection is gone it says so (the reconnect banner) and
 * catches up when it returns. Presence (who is here, who is editing which field) rides along.
 */
import type { Socket } from 'socket.io-client';
import {
  PRESENCE_HEARTBEAT_MS,
  REALTIME_PATH,
  type ClientToServerEvents,
  type FieldConflictNotice,
  type JoinResult,
  type PlanEventView,
  type PlanView,
  type PresenceFocus,
  type PresenceParticipant,
  type RevokeReason,
  type ServerToClientEvents,
} from '#contracts';
import { ApiError, get, NetworkError } from '../api/client';
import { freshAccessToken } from '../api/session';
import { applyEvent } from './apply-event';
import { failAttemptOnEarlyClose, watchConnectAttempts } from './early-close';
import { takeArrivedPlan, takePrefetchedPlan } from './prefetch';

/**
 * live: joined over the socket. catching_up: connected, fetching what was missed.
 * reconnecting: the socket is gone, retrying. offline: the browser has no network.
 */
export type ConnectionState = 'connecting' | 'live' | 'catching_up' | 'reconnecting' | 'offline';

export interface LiveState {
  plan: PlanView | null;
  loadError: ApiError | NetworkError | null;
  connection: ConnectionState;
  participants: PresenceParticipant[];
  revoked: RevokeReason | null;
  /** Others' edits that met a change of mine (I am told too; docs/conflicts.md), until dismissed. */
  conflictNotices: FieldConflictNotice[];
}

type Listener = () => void;
type EventListener = (event: PlanEventView) => void;
type PlanSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const RECENT_EVENTS = 300;

export class PlanLive {
  private state: LiveState = {
    plan: null,
    loadError: null,
    connection: 'connecting',
    participants: [],
    revoked: null,
    conflictNotices: [],
  };
  private readonly listeners = new Set<Listener>();
  private readonly eventListeners = new Set<EventListener>();
  private readonly reconnectListeners = new Set<Listener>();
  private socket: PlanSocket | null = null;
  /** Events that arrived ahead of a gap, by revision. */
  private readonly ahead = new Map<number, PlanEventView>();
  /** The last events applied, to re-apply over a snapshot that raced with them. */
  private recent: PlanEventView[] = [];
  private fillingGap = false;
  private snapshotTimer: ReturnType<typeof setTimeout> | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private focus: PresenceFocus | null = null;
  private stopped = false;

  constructor(readonly planId: string) {}

  // ---- for React (useSyncExternalStore) ----
  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getState = (): LiveState => this.state;

  /** Every applied event, in order (the history list and the journal listen). */
  onEvent(listener: EventListener): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }
  /** Called each time the connection is back and caught up: time to send unsent edits. */
  onReconnected(listener: Listener): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  /** The plan's socket while there is one (shared text rides on it). */
  get currentSocket(): PlanSocket | null {
    return this.socket;
  }

  get revision(): number {
    return this.state.plan?.revision ?? 0;
  }

  private set(patch: Partial<LiveState>): void {
    this.state = { ...this.state, ...patch };
    this.listeners.forEach((l) => l());
  }

  // ---- lifecycle ----
  /**
   * Takes the plan's snapshot at once when its prefetch (live/prefetch.ts) has arrived, so that the
   * first render shows the plan rather than a spinner; true when it did. start() then does not
   * load it again.
   */
  takeArrivedSnapshot(): boolean {
    const plan = takeArrivedPlan(this.planId);
    if (plan) this.takeSnapshot(plan);
    return Boolean(plan);
  }

  async start(): Promise<void> {
    window.addEventListener('offline', this.wentOffline);
    window.addEventListener('online', this.cameOnline);
    if (!this.state.plan) await this.loadSnapshot();
    if (this.stopped) return;
    // The socket client loads after the plan is on screen (it is not needed to show it): after the
    // next paint, so that fetching and compiling it does not compete with drawing the plan on a
    // slow phone (at most 300 ms later, for a tab in the background that paints nothing).
    await new Promise<void>((resolve) => {
      const fallback = setTimeout(resolve, 300);
      requestAnimationFrame(() =>
        setTimeout(() => {
          clearTimeout(fallback);
          resolve();
        }, 0),
      );
    });
    if (this.stopped) return;
    const { io } = await import('socket.io-client');
    if (this.stopped) return;
    this.connect(io);
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener('offline', this.wentOffline);
    window.removeEventListener('online', this.cameOnline);
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
  }

  private connect(io: (typeof import('socket.io-client'))['io']): void {
    const socket: PlanSocket = io({
      path: REALTIME_PATH,
      transports: ['websocket', 'polling'],
      auth: (cb) => void freshAccessToken().then((token) => cb({ token })),
      reconnectionDelay: 300,
      reconnectionDelayMax: 3000,
      // An attempt that hears nothing back (a half-open network path) is given up after 10 s, not 20.
      timeout: 10_000,
    });
    watchConnectAttempts(socket.io);
    this.socket = socket;
    socket.on('connect', () => void this.join());
    socket.on('disconnect', (reason) => {
      this.lostConnection();
      // socket.io does not retry by itself after the server closed the connection on purpose
      // (restart, overload): try again shortly; a join then catches up.
      if (reason === 'io server disconnect' && navigator.onLine)
        setTimeout(() => {
          if (!this.stopped && this.socket === socket && !socket.connected) this.reconnectNow(socket);
        }, 1000);
    });
    socket.on('connect_error', () => this.lostConnection());
    socket.on('plan:event', (event) => {
      if (event.planId === this.planId) this.receive(event);
    });
    socket.on('presence:state', (presence) => {
      if (presence.planId === this.planId) this.set({ participants: presence.participants });
    });
    socket.on('plan:conflict', (notice) => {
      if (notice.planId !== this.planId) return;
      const others = this.state.conflictNotices.filter(
        (n) => !(n.entityType === notice.entityType && n.entityId === notice.entityId && n.field === notice.field),
      );
      this.set({ conflictNotices: [...others, notice] });
    });
    socket.on('plan:revoked', (notice) => {
      if (notice.planId && notice.planId !== this.planId) return;
      this.set({ revoked: notice.reason });
      this.stop();
    });
    if (!navigator.onLine) this.wentOffline();
  }

  private lostConnection(): void {
    if (this.stopped) return;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    this.set({ connection: navigator.onLine ? 'reconnecting' : 'offline', participants: [] });
  }

  private wentOffline = (): void => {
    // Browsers keep a dead socket open for a while; drop it now and say so at once.
    this.socket?.disconnect();
    this.lostConnection();
  };

  private cameOnline = (): void => {
    if (this.stopped) return;
    this.set({ connection: 'reconnecting' });
    if (this.socket && !this.socket.connected) this.reconnectNow(this.socket);
  };

  private reconnectNow(socket: PlanSocket): void {
    socket.connect();
    failAttemptOnEarlyClose(socket.io);
  }

  private async join(): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    this.set({ connection: 'catching_up' });
    const res = await socket
      .timeout(10_000)
      .emitWithAck('plan:join', { planId: this.planId, sinceRevision: this.state.plan ? this.revision : null })
      .catch(() => null);
    if (!res || socket !== this.socket) return this.lostConnection();
    if (!res.ok) {
      if (['forbidden', 'not_found', 'consent_required'].includes(res.error.code)) {
        this.set({ revoked: res.error.code === 'consent_required' ? 'consent_revoked' : 'member_removed' });
        this.stop();
        return;
      }
      return this.lostConnection();
    }
    this.takeJoin(res);
    this.set({ connection: 'live' });
    this.sendPresence();
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => {
      this.socket?.emit('presence:heartbeat', { planId: this.planId }, () => undefined);
    }, PRESENCE_HEARTBEAT_MS);
    this.reconnectListeners.forEach((l) => l());
  }

  private takeJoin(res: JoinResult): void {
    if (res.snapshot) this.takeSnapshot(res.snapshot);
    else for (const event of res.events) this.receive(event);
  }

  // ---- events in order ----
  /** Takes an event from anywhere (socket, catch-up, gap fill); applies it in order. */
  receive(event: PlanEventView): void {
    if (!this.state.plan || event.revision <= this.revision) return;
    if (event.revision > this.revision + 1) {
      this.ahead.set(event.revision, event);
      void this.fillGap();
      return;
    }
    this.apply(event);
    let next: PlanEventView | undefined;
    while ((next = this.ahead.get(this.revision + 1))) {
      this.ahead.delete(next.revision);
      this.apply(next);
    }
    for (const rev of this.ahead.keys()) if (rev <= this.revision) this.ahead.delete(rev);
  }

  private apply(event: PlanEventView): void {
    const plan = this.state.plan!;
    const next = applyEvent(plan, event);
    if (next) this.set({ plan: next });
    else {
      this.set({ plan: { ...plan, revision: event.revision } });
      this.scheduleSnapshot();
    }
    this.recent.push(event);
    if (this.recent.length > RECENT_EVENTS) this.recent = this.recent.slice(-RECENT_EVENTS);
    this.eventListeners.forEach((l) => l(event));
  }

  private async fillGap(): Promise<void> {
    if (this.fillingGap) return;
    this.fillingGap = true;
    try {
      while (this.ahead.size) {
        const first = Math.min(...this.ahead.keys());
        if (first <= this.revision + 1) {
          this.receive(this.ahead.get(first)!);
          continue;
        }
        const missing = await this.fetchEvents(this.revision, first - 1);
        if (!missing.length) {
          await this.loadSnapshot();
          break;
        }
        for (const event of missing) this.receive(event);
      }
    } catch {
      await this.loadSnapshot().catch(() => undefined);
    } finally {
      this.fillingGap = false;
    }
  }

  private async fetchEvents(afterRevision: number, toRevision?: number): Promise<PlanEventView[]> {
    if (this.socket?.connected) {
      const res = await this.socket.timeout(10_000).emitWithAck('plan:events', { planId: this.planId, afterRevision, toRevision });
      if (res.ok) return res.events;
    }
    const res = await get<{ events: PlanEventView[] }>(`/api/plans/${this.planId}/events?since=${afterRevision}`);
    return res.events.filter((e) => toRevision === undefined || e.revision <= toRevision);
  }

  // ---- snapshots ----
  private scheduleSnapshot(): void {
    if (this.snapshotTimer) return;
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = null;
      void this.loadSnapshot().catch(() => undefined);
    }, 100);
  }

  /** Loads the whole plan (GET /api/plans/:id) and re-applies any event newer than it. */
  async loadSnapshot(): Promise<void> {
    try {
      const prefetched = takePrefetchedPlan(this.planId);
      const plan = (prefetched && (await prefetched.catch(() => null))) || (await get<PlanView>(`/api/plans/${this.planId}`));
      this.takeSnapshot(plan);
      this.set({ loadError: null });
    } catch (error) {
      if (!this.state.plan) this.set({ loadError: error instanceof ApiError || error instanceof NetworkError ? error : null });
      throw error;
    }
  }

  private takeSnapshot(snapshot: PlanView): void {
    let plan = snapshot;
    for (const event of this.recent) {
      if (event.revision !== plan.revision + 1) continue;
      plan = applyEvent(plan, event) ?? { ...plan, revision: event.revision };
    }
    for (const rev of this.ahead.keys()) if (rev <= plan.revision) this.ahead.delete(rev);
    this.set({ plan });
  }

  /** Records the browser's own save so the field shows the saved value before the event arrives. */
  markSaved(
    entityType: 'plan' | 'goal' | 'task' | 'meeting' | 'member',
    entityId: string,
    field: string,
    value: unknown,
    revision: number,
    by: string,
  ): void {
    const plan = this.state.plan;
    if (!plan) return;
    const stamp = <T extends { fieldRevisions: PlanView['fieldRevisions'] }>(entity: T): T => {
      const known = entity.fieldRevisions[field];
      if (known && known.rev > revision) return entity;
      return { ...entity, [field]: value, fieldRevisions: { ...entity.fieldRevisions, [field]: { rev: revision, by } } };
    };
    if (entityType === 'plan') return this.set({ plan: stamp(plan) });
    const collection = ({ goal: 'goals', task: 'tasks', meeting: 'meetings', member: 'members' } as const)[entityType];
    const list = plan[collection] as { id: string; fieldRevisions: PlanView['fieldRevisions'] }[];
    this.set({ plan: { ...plan, [collection]: list.map((item) => (item.id === entityId ? stamp(item) : item)) } });
  }

  dismissConflictNotice(notice: FieldConflictNotice): void {
    this.set({ conflictNotices: this.state.conflictNotices.filter((n) => n !== notice) });
  }

  // ---- presence ----
  setFocus(focus: PresenceFocus | null): void {
    this.focus = focus;
    this.sendPresence();
  }

  private sendPresence(): void {
    if (this.state.connection !== 'live' && this.state.connection !== 'catching_up') return;
    this.socket?.emit('presence:update', { planId: this.planId, focus: this.focus }, () => undefined);
  }

  /** Catch up after the socket is down but HTTP works again (e.g. the realtime node restarted). */
  async catchUpOverHttp(): Promise<void> {
    const events = await this.fetchEvents(this.revision);
    for (const event of events) this.receive(event);
  }
}
