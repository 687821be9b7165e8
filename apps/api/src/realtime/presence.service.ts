/**
 * Presence: who is in a plan now, on how many devices, and what each device is looking at or
 * editing. Ephemeral by design: it lives on the sockets (socket.data) and nowhere else, so a
 * closed connection or a dead node takes its presence with it. A device's presence lapses
 * PRESENCE_TIMEOUT_MS after its last heartbeat, and ends at once when it leaves or disconnects.
 *
 * After a change the node that saw it gathers the room's devices on every node (fetchSockets
 * through the adapter) and sends the room the whole state. With several nodes two of them may
 * send at nearly the same time from slightly different views, so each also sends once more when
 * things have settled: the last state every client receives is complete.
 *
 * The state goes over the bus as the list of present devices, each with the node that holds its
 * socket, and every node shows it to its own sockets in the room and keeps it. When a node stops
 * heartbeating (RealtimeServer), the others drop its devices from what they keep and show the
 * room the state without them: a dead node's users do not linger as present ("Kari skriver …").
 * Should the node be heard again, the plans it was dropped from are gathered afresh.
 */
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { PresenceFocus, PresenceParticipant } from '#contracts';
import { AppConfig } from '../config/config';
import { withDeadline } from '../deadline';
import { DomainError } from '../errors/domain-error';
import { isFresh, presentDevices, summarizeDevices } from './presence-state';
import { RealtimeServer, type AppSocket } from './realtime-server';
import { planRoom, type PresenceDevice } from './socket-data';

/** Changes within this window are sent as one state. */
const DEBOUNCE_MS = 20;
/**
 * A state goes to every socket in the room, so a busy room gets fewer of them: after one is sent,
 * the next waits at least this long per local socket in the room (200 ms for a plan open on 4
 * devices), at most MAX_INTERVAL_MS. A change after a quiet spell still goes out after DEBOUNCE_MS.
 * (20 devices joining a plan one after another were 210 states' worth of frames, not 20.)
 */
const INTERVAL_PER_SOCKET_MS = 50;
const MAX_INTERVAL_MS = 1000;
/** With several nodes: the settling resend, after the views of all nodes agree again. */
const SETTLE_MS = 500;
const FETCH_TIMEOUT_MS = 2000;
const RETRIES = 3;

@Injectable()
export class PresenceService implements OnModuleDestroy {
  private readonly logger = new Logger('Presence');
  private readonly pending = new Map<string, NodeJS.Timeout>();
  /** When this node last gathered each plan's state (for the interval between two). */
  private readonly sentAt = new Map<string, number>();
  private readonly settling = new Map<string, NodeJS.Timeout>();
  private sweeper: NodeJS.Timeout | null = null;
  /** The last devices told for each plan with sockets on this node. */
  private readonly shown = new Map<string, PresenceDevice[]>();
  /** Plans whose devices of a lapsed node were dropped, by node: gathered again if it returns. */
  private readonly droppedFrom = new Map<string, Set<string>>();

  constructor(
    private readonly server: RealtimeServer,
    private readonly config: AppConfig,
  ) {}

  get timeoutMs(): number {
    return this.config.PRESENCE_TIMEOUT_MS;
  }

  /** Starts forgetting devices whose heartbeats stopped, and showing what the nodes tell. */
  start(): void {
    this.server.subscribe('presence.state', ({ planId, devices }) => this.show(planId, devices));
    this.server.onNodeChange({ lapsed: (node) => this.nodeLapsed(node), returned: (node) => this.nodeReturned(node) });
    const every = Math.max(100, Math.min(5000, Math.floor(this.timeoutMs / 4)));
    this.sweeper = setInterval(() => this.sweep(), every);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    for (const t of [...this.pending.values(), ...this.settling.values()]) clearTimeout(t);
    this.pending.clear();
    this.settling.clear();
    this.shown.clear();
  }

  /** A socket joined the plan's room: it is present, looking at nothing in particular yet. */
  entered(socket: AppSocket, planId: string): void {
    socket.data.presence[planId] = { focus: null, at: Date.now() };
    this.changed(planId);
  }

  left(socket: AppSocket, planId: string): void {
    delete socket.data.presence[planId];
    this.changed(planId);
  }

  /** After a disconnect (the socket has already left its rooms). */
  disconnected(planIds: string[]): void {
    for (const planId of planIds) this.changed(planId);
  }

  update(socket: AppSocket, planId: string, focus: PresenceFocus | null): void {
    this.requireJoined(socket, planId);
    socket.data.presence[planId] = { focus, at: Date.now() };
    this.changed(planId);
  }

  heartbeat(socket: AppSocket, planId: string): void {
    this.requireJoined(socket, planId);
    const presence = socket.data.presence[planId];
    if (presence) {
      presence.at = Date.now();
      return;
    }
    // Back after a lapse: present again.
    socket.data.presence[planId] = { focus: null, at: Date.now() };
    this.changed(planId);
  }

  /** Presence is authorized by room membership, which revocation keeps true. */
  private requireJoined(socket: AppSocket, planId: string): void {
    if (!socket.data.plans[planId] || !socket.rooms.has(planRoom(planId)))
      throw new DomainError('not_found', 404, 'Join the plan before sending presence for it');
  }

  private sweep(): void {
    const now = Date.now();
    let sockets: Iterable<AppSocket>;
    try {
      sockets = this.server.io.of('/').sockets.values();
    } catch {
      return;
    }
    for (const socket of sockets) {
      for (const [planId, presence] of Object.entries(socket.data.presence ?? {})) {
        if (isFresh(presence, now, this.timeoutMs)) continue;
        delete socket.data.presence[planId];
        this.changed(planId);
      }
    }
    for (const planId of this.shown.keys()) if (this.server.localRoomIsEmpty(planRoom(planId))) this.shown.delete(planId);
    for (const [planId, at] of this.sentAt) if (now - at > MAX_INTERVAL_MS) this.sentAt.delete(planId);
    for (const node of this.droppedFrom.keys()) if (!this.server.hasLapsed(node)) this.droppedFrom.delete(node);
  }

  /** Shows this node's sockets in the plan's room the devices present on every node. */
  private show(planId: string, devices: PresenceDevice[]): void {
    const room = planRoom(planId);
    if (this.server.localRoomIsEmpty(room)) {
      this.shown.delete(planId);
      return;
    }
    // A node that lapsed may still have been counted by whoever gathered this.
    const alive = devices.filter((d) => !this.server.hasLapsed(d.node));
    this.shown.set(planId, alive);
    this.server.io.local.to(room).emit('presence:state', summarizeDevices(planId, alive));
  }

  private nodeLapsed(node: string): void {
    const dropped = new Set<string>();
    for (const [planId, devices] of this.shown) {
      if (!devices.some((d) => d.node === node)) continue;
      dropped.add(planId);
      this.show(planId, devices);
    }
    if (dropped.size) this.droppedFrom.set(node, dropped);
  }

  private nodeReturned(node: string): void {
    const plans = this.droppedFrom.get(node);
    this.droppedFrom.delete(node);
    for (const planId of plans ?? []) if (!this.server.localRoomIsEmpty(planRoom(planId))) this.changed(planId);
  }

  private changed(planId: string): void {
    if (!this.pending.has(planId)) {
      const sentAt = this.sentAt.get(planId);
      const size = this.server.io.of('/').adapter.rooms.get(planRoom(planId))?.size ?? 0;
      const next = sentAt === undefined ? 0 : sentAt + Math.min(MAX_INTERVAL_MS, INTERVAL_PER_SOCKET_MS * size);
      const t = setTimeout(
        () => {
          this.pending.delete(planId);
          this.sentAt.set(planId, Date.now());
          void this.broadcast(planId, 0);
        },
        Math.max(DEBOUNCE_MS, next - Date.now()),
      );
      t.unref();
      this.pending.set(planId, t);
    }
    if (this.server.clustered) {
      clearTimeout(this.settling.get(planId));
      const t = setTimeout(() => {
        this.settling.delete(planId);
        void this.broadcast(planId, 0);
      }, SETTLE_MS);
      t.unref();
      this.settling.set(planId, t);
    }
  }

  /**
   * Who is present now in each of these plans (on every node), for a view outside the plans'
   * rooms (the person's home). Empty for all when the nodes do not answer in time.
   */
  async presentIn(planIds: string[]): Promise<Map<string, PresenceParticipant[]>> {
    const result = new Map<string, PresenceParticipant[]>(planIds.map((id) => [id, []]));
    if (!planIds.length) return result;
    try {
      const sockets = await withDeadline(
        this.server.io.in(planIds.map(planRoom)).timeout(FETCH_TIMEOUT_MS).fetchSockets(),
        FETCH_TIMEOUT_MS + 500,
      );
      for (const planId of planIds) {
        const devices = sockets
          .filter((s) => s.data.presence?.[planId])
          .map((s) => ({ accountId: s.data.actor.accountId, name: s.data.actor.name, presence: s.data.presence[planId] }));
        result.set(planId, summarizeDevices(planId, presentDevices(devices, Date.now(), this.timeoutMs)).participants);
      }
    } catch (error) {
      this.logger.debug(`presence of ${planIds.length} plans not read: ${String(error)}`);
    }
    return result;
  }

  private async broadcast(planId: string, attempt: number): Promise<void> {
    const room = planRoom(planId);
    try {
      const io = this.server.io;
      if (!this.server.clustered && this.server.localRoomIsEmpty(room)) return;
      const sockets = await withDeadline(io.in(room).timeout(FETCH_TIMEOUT_MS).fetchSockets(), FETCH_TIMEOUT_MS + 500);
      const devices = sockets.map((s) => ({
        accountId: s.data.actor.accountId,
        name: s.data.actor.name,
        node: s.data.node,
        presence: s.data.presence?.[planId],
      }));
      this.server.publish('presence.state', { planId, devices: presentDevices(devices, Date.now(), this.timeoutMs) });
    } catch (error) {
      // A node that just died is still counted until the adapter notices; try again shortly.
      this.logger.debug(`presence of plan ${planId} not sent: ${String(error)}`);
      if (attempt < RETRIES) {
        const t = setTimeout(() => void this.broadcast(planId, attempt + 1), 1000);
        t.unref();
      }
    }
  }
}
