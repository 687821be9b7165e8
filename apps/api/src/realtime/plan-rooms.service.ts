/**
 * The plan rooms: who is in which plan's room on this node, what they are sent, and when they
 * must leave.
 *
 * - Every committed event reaches every node (RealtimeServer's bus); each node's PlanSequencer
 *   sends it to the local sockets of the plan's room in revision order, each revision once.
 * - Joining: authorize, join the room, then read what the client missed. Anything committed after
 *   that read comes through the room, so nothing falls between the two (the client drops
 *   revisions it already has).
 * - A revision whose node died between its commit and its publish reaches nobody by the bus: every
 *   REALTIME_REVISION_CHECK_MS the node reads the revisions of all its live plans in one query, and
 *   the sequencer of a plan that is behind fills the gap from plan_events (the cost is per live
 *   plan per interval, nothing per edit).
 * - Redaction: each recipient gets an event as their plan role may read it (libs/contracts
 *   event-redaction, the same function as catch-up and REST). Sockets in the room have consent in
 *   force (or need none), so the role is the recipient class: an event is serialized once per
 *   distinct payload, and once per plan room when every role reads it whole (nearly always).
 * - Revocation: removing a member or revoking their consent is itself a plan event, acted on in
 *   revision order, so a revoked socket leaves the room before the next revision is sent. The
 *   'plan.access.revoked' notice (and 'account.disabled') reaches the account's other sockets.
 */
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  ENTITY_TYPES,
  eventAs,
  eventVisibility,
  MAX_REPLAY_EVENTS,
  PLAN_PERMISSIONS,
  PLAN_ROLES,
  planRoleMay,
  redactPlanEvents,
  type EventVisibility,
  type JoinResult,
  type PlanEventView,
  type PlanRole,
  type PlanView,
  type RevokeReason,
} from '#contracts';
import type { Actor } from '../auth/actor';
import { AppConfig } from '../config/config';
import { NotFound } from '../errors/domain-error';
import { DomainEvents } from '../events/domain-events';
import { PlanAccessService } from '../plans/plan-access.service';
import { PlansService } from '../plans/plans.service';
import type { EventsRangeDto, JoinPlanDto } from './dto/realtime.dto';
import { PlanSequencer } from './plan-sequencer';
import { SharedTextService } from './shared-text/shared-text.service';
import { PresenceService } from './presence.service';
import { RealtimeServer, type AppSocket } from './realtime-server';
import { accountRoom, planRoom, type PlanSeat } from './socket-data';
import { revocationIn, seatLoses, type StreamRevocation } from './stream-revocation';

/** How long a missing revision is waited for before it is read from plan_events. */
const GAP_WAIT_MS = 150;

/**
 * How long a snapshot read for one join may serve later joins of the same plan (while no event has
 * been delivered since it was read). Content that changes without a revision (none is known to)
 * is then at most this old, as for a socket that joined this long ago.
 */
const SNAPSHOT_SHARE_MS = 5_000;

type PlanContent = Omit<PlanView, 'myRole' | 'myMemberId'>;

/** A snapshot read (or being read) for a join, shared by the joins that come after it. */
interface SharedSnapshot {
  at: number;
  read: Promise<PlanContent>;
}

/** A plan with sockets in its room on this node. */
interface LivePlan {
  sequencer: PlanSequencer;
  /** Revocations this node has sent, to turn away a join authorized just before one. */
  revocations: (StreamRevocation & { revision: number })[];
  /** The last snapshot read by a join, by whether it holds the consents (as the joiner's role may read them). */
  snapshots: Map<boolean, SharedSnapshot>;
}

@Injectable()
export class PlanRoomsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('PlanRooms');
  private readonly live = new Map<string, LivePlan>();
  /** Plans each socket has been told it lost, so that one loss is told once. */
  private readonly told = new WeakMap<AppSocket, Set<string>>();
  private readonly unsubscribe: (() => void)[] = [];
  private revisionCheck: NodeJS.Timeout | null = null;
  private checking = false;

  constructor(
    private readonly server: RealtimeServer,
    private readonly access: PlanAccessService,
    private readonly plans: PlansService,
    private readonly presence: PresenceService,
    private readonly domainEvents: DomainEvents,
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly texts: SharedTextService,
  ) {}

  onModuleInit(): void {
    this.revisionCheck = setInterval(() => void this.checkRevisions(), this.config.REALTIME_REVISION_CHECK_MS);
    this.revisionCheck.unref();
    // Committed on this node: tell every node.
    this.unsubscribe.push(
      this.domainEvents.on('plan.event', ({ event }) => this.server.publish('plan.event', event)),
      this.domainEvents.on('plan.access.revoked', (p) => this.server.publish('access.revoked', p)),
      this.domainEvents.on('plan.conflict', ({ notice, toAccountIds }) => this.server.publish('plan.conflict', { notice, toAccountIds })),
      this.domainEvents.on('account.disabled', ({ accountId }) => this.server.publish('account.disabled', { accountId })),
      this.domainEvents.on('account.signed-out', ({ accountId }) =>
        this.server.publish('account.disabled', { accountId, reason: 'signed_out' }),
      ),
    );
    // Committed on any node: act for this node's sockets.
    this.server.subscribe('plan.event', (event) => this.live.get(event.planId)?.sequencer.push(event));
    this.server.subscribe('plan.conflict', ({ notice, toAccountIds }) => {
      for (const accountId of toAccountIds)
        for (const socket of this.server.localSockets(accountRoom(accountId)))
          if (socket.data.plans[notice.planId]) socket.emit('plan:conflict', notice);
    });
    this.server.subscribe('access.revoked', ({ planId, accountId, reason }) => this.accessRevoked(planId, accountId, reason));
    this.server.subscribe('account.disabled', ({ accountId, reason }) => this.accountDisabled(accountId, reason));
  }

  onModuleDestroy(): void {
    if (this.revisionCheck) clearInterval(this.revisionCheck);
    for (const off of this.unsubscribe.splice(0)) off();
    for (const plan of this.live.values()) plan.sequencer.close();
    this.live.clear();
  }

  async join(socket: AppSocket, req: JoinPlanDto): Promise<JoinResult> {
    const actor = socket.data.actor;
    const { revision: authorized, member } = await this.access.authorizeSeat(actor, req.planId, 'plan.read');
    if (!socket.connected) throw new NotFound('Plan');
    const seat: PlanSeat = { memberId: member.id, role: member.role };
    // From here to socket.join nothing awaits: the room cannot empty (and its sequencer close) in between.
    const live = this.liveFor(req.planId, authorized);
    // Revoked after we authorized, and this node already sent the revocation: as if not a member.
    if (live.revocations.some((r) => r.revision > authorized && seatLoses(seat, r))) {
      this.release(req.planId);
      throw new NotFound('Plan');
    }
    void socket.join(planRoom(req.planId));
    socket.data.plans[req.planId] = seat;
    // Every revision after this one reaches the socket through the room: what it is given now must reach at least this far.
    const inRoomAfter = live.sequencer.lastDelivered;
    this.told.get(socket)?.delete(req.planId);
    this.presence.entered(socket, req.planId);
    try {
      const result = await this.catchUp(actor, req.planId, req.sinceRevision ?? null, seat, {
        live,
        authorized,
        inRoomAfter,
      });
      if (!socket.data.plans[req.planId]) throw new NotFound('Plan'); // revoked while catching up
      live.sequencer.observe(result.revision);
      return result;
    } catch (error) {
      if (socket.data.plans[req.planId]) this.leave(socket, req.planId);
      throw error;
    }
  }

  leave(socket: AppSocket, planId: string): void {
    void socket.leave(planRoom(planId));
    this.texts.leavePlan(socket, planId);
    if (!socket.data.plans[planId]) return;
    delete socket.data.plans[planId];
    this.presence.left(socket, planId);
    this.release(planId);
  }

  /** After a disconnect: the socket has left its rooms; forget what it held. */
  disconnected(socket: AppSocket): void {
    const planIds = Object.keys(socket.data.plans ?? {});
    socket.data.plans = {};
    socket.data.presence = {};
    this.presence.disconnected(planIds);
    for (const planId of planIds) this.release(planId);
  }

  /** A range of events, for a client that noticed a gap. At most MAX_REPLAY_EVENTS at a time. */
  async events(socket: AppSocket, req: EventsRangeDto): Promise<{ events: PlanEventView[]; revision: number }> {
    const actor = socket.data.actor;
    const { plan, member } = await this.access.authorize(actor, req.planId, 'plan.read');
    const to = req.toRevision !== undefined ? Math.max(req.toRevision, req.afterRevision) : undefined;
    const stored = await this.plans.eventsAfter(req.planId, req.afterRevision, MAX_REPLAY_EVENTS, to);
    const revision = Math.max(plan.revision, stored.at(-1)?.revision ?? 0);
    const events = redactPlanEvents(stored, { role: member.role, hasConsent: true });
    if (events.length) await this.plans.recordEventsRead(actor, req.planId, req.afterRevision, events.length, 'socket');
    if (socket.data.plans[req.planId]) this.live.get(req.planId)?.sequencer.observe(revision);
    return { events, revision };
  }

  /**
   * What a joining client missed: the events after its revision, or a snapshot when it has
   * none, is too far behind, or claims a revision the plan has not reached.
   */
  private async catchUp(
    actor: Actor,
    planId: string,
    since: number | null,
    seat: PlanSeat,
    room: { live: LivePlan; authorized: number; inRoomAfter: number },
  ): Promise<JoinResult> {
    if (since !== null) {
      const events = await this.plans.eventsAfter(planId, since, MAX_REPLAY_EVENTS + 1);
      if (events.length <= MAX_REPLAY_EVENTS) {
        // Revisions are gapless, so the last event read is the plan's revision at that read.
        const revision = events.at(-1)?.revision ?? (await this.currentRevision(planId));
        if (revision >= since) {
          const revoked = events.find((e) => {
            const r = revocationIn(e);
            return r !== null && seatLoses(seat, r);
          });
          if (revoked) throw new NotFound('Plan');
          if (events.length) await this.plans.recordEventsRead(actor, planId, since, events.length, 'socket');
          return { revision, events: redactPlanEvents(events, { role: seat.role, hasConsent: true }) };
        }
      }
    }
    // Authorized before joining the room (and a revocation since then is acted on in the stream);
    // the read itself is audited per join, whether or not its snapshot is shared.
    let withConsents: boolean;
    let content: PlanContent;
    do {
      withConsents = planRoleMay(seat.role, 'consent.read');
      content = await this.snapshot(room.live, planId, withConsents, room.inRoomAfter);
      // A role change delivered meanwhile (reseat) decides what this socket may read: read again for it.
    } while (planRoleMay(seat.role, 'consent.read') !== withConsents);
    // Content newer than the authorization may hold a revocation not yet delivered: ask again (rare).
    if (content.revision > room.authorized) await this.access.authorizeSeat(actor, planId, 'plan.read');
    await this.plans.recordRead(actor, planId, content.revision);
    return { revision: content.revision, snapshot: { ...content, myRole: seat.role, myMemberId: seat.memberId } };
  }

  /**
   * The plan's content at a revision ≥ `atLeast` (the last revision delivered to the room before
   * the joiner entered it, so nothing falls between the snapshot and the room). One read serves
   * the joins of the same plan that follow it within SNAPSHOT_SHARE_MS, as long as no event has
   * been delivered meanwhile (delivering one forgets the shared snapshots).
   */
  private async snapshot(live: LivePlan, planId: string, withConsents: boolean, atLeast: number): Promise<PlanContent> {
    const shared = live.snapshots.get(withConsents);
    if (shared && Date.now() - shared.at < SNAPSHOT_SHARE_MS) {
      const content = await shared.read.catch(() => null);
      if (content && content.revision >= atLeast) return content;
    }
    const entry: SharedSnapshot = { at: Date.now(), read: this.plans.readAuthorized(planId, withConsents) };
    live.snapshots.set(withConsents, entry);
    entry.read.catch(() => {
      if (live.snapshots.get(withConsents) === entry) live.snapshots.delete(withConsents);
    });
    return entry.read;
  }

  /**
   * The plans' committed revisions, all live plans in one query: a sequencer behind the database
   * reads what it missed (the sequencer ignores a revision it already has).
   */
  async checkRevisions(): Promise<void> {
    if (this.checking || this.live.size === 0) return;
    this.checking = true;
    try {
      const rows = (await this.db.query('SELECT id, revision FROM plans WHERE id = ANY($1::uuid[])', [[...this.live.keys()]])) as {
        id: string;
        revision: number;
      }[];
      for (const row of rows) this.live.get(row.id)?.sequencer.observe(row.revision);
    } catch (error) {
      this.logger.warn(`checking plan revisions failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.checking = false;
    }
  }

  private async currentRevision(planId: string): Promise<number> {
    const rows = (await this.db.query('SELECT revision FROM plans WHERE id = $1', [planId])) as { revision: number }[];
    if (!rows.length) throw new NotFound('Plan');
    return rows[0].revision;
  }

  private liveFor(planId: string, baseline: number): LivePlan {
    let live = this.live.get(planId);
    if (!live) {
      const revocations: LivePlan['revocations'] = [];
      const sequencer = new PlanSequencer(planId, baseline, {
        deliver: (event) => this.deliver(planId, revocations, event),
        fetch: (after, to) => this.plans.eventsAfter(planId, after, MAX_REPLAY_EVENTS, to),
        gapWaitMs: GAP_WAIT_MS,
        onError: (error) => this.logger.warn(`plan ${planId}: ${error instanceof Error ? error.message : String(error)}`),
      });
      live = { sequencer, revocations, snapshots: new Map() };
      this.live.set(planId, live);
    }
    return live;
  }

  /** Sends one event to the room (in revision order), then acts on a revocation inside it. */
  private deliver(planId: string, revocations: LivePlan['revocations'], event: PlanEventView): void {
    this.live.get(planId)?.snapshots.clear();
    const room = planRoom(planId);
    const classes = visibilityByRole(event);
    if (!classes) this.server.io.local.to(room).emit('plan:event', event);
    else this.deliverRedacted(room, planId, event, classes);
    this.reseat(room, planId, event);
    const revocation = revocationIn(event);
    if (!revocation) return;
    revocations.push({ ...revocation, revision: event.revision });
    for (const socket of this.server.localSockets(room)) {
      const seat = socket.data.plans[planId];
      if (seat && seatLoses(seat, revocation)) this.revoke(socket, planId, revocation.reason);
    }
  }

  /** Groups this node's sockets in the room by what they may read of the event; one emit (one serialization) per group. */
  private deliverRedacted(room: string, planId: string, event: PlanEventView, classes: Record<PlanRole, EventVisibility>): void {
    const groups = new Map<EventVisibility, string[]>();
    for (const socket of this.server.localSockets(room)) {
      const seat = socket.data.plans[planId];
      if (!seat) continue;
      const visibility = classes[seat.role];
      const ids = groups.get(visibility);
      if (ids) ids.push(socket.id);
      else groups.set(visibility, [socket.id]);
    }
    for (const [visibility, ids] of groups) {
      const payload = eventAs(event, visibility);
      if (payload) this.server.io.local.to(ids).emit('plan:event', payload);
    }
  }

  /**
   * A role change in the stream moves the member's sockets to their new recipient class (exactly
   * one coordinator at a time: a handover makes the previous one a professional). Into a role that
   * needs consent from one that did not, the stream cannot tell whether consent is in force: the
   * socket leaves as if consent were revoked, and a new join decides.
   */
  private reseat(room: string, planId: string, event: PlanEventView): void {
    const role = event.entityType === 'member' ? event.patch.role : undefined;
    if (typeof role !== 'string' || !(PLAN_ROLES as readonly string[]).includes(role)) return;
    for (const socket of this.server.localSockets(room)) {
      const seat = socket.data.plans[planId];
      if (!seat) continue;
      const next =
        seat.memberId === event.entityId
          ? (role as PlanRole)
          : role === 'coordinator' && seat.role === 'coordinator'
            ? 'professional'
            : seat.role;
      if (next === seat.role) continue;
      const needsConsentNow = PLAN_PERMISSIONS[next].requiresConsent && !PLAN_PERMISSIONS[seat.role].requiresConsent;
      seat.role = next;
      if (needsConsentNow) this.revoke(socket, planId, 'consent_revoked');
    }
  }

  private accessRevoked(planId: string, accountId: string, reason: RevokeReason): void {
    for (const socket of this.server.localSockets(accountRoom(accountId))) this.revoke(socket, planId, reason);
  }

  /** The account was disabled, or all its sessions ended (`signed_out`): its sockets close. */
  private accountDisabled(accountId: string, reason: 'account_disabled' | 'signed_out' = 'account_disabled'): void {
    for (const socket of this.server.localSockets(accountRoom(accountId))) {
      for (const planId of Object.keys(socket.data.plans)) this.leave(socket, planId);
      socket.emit('plan:revoked', { planId: null, reason });
      socket.disconnect(true);
    }
  }

  /** Out of the plan's room at once, and told why (once). */
  private revoke(socket: AppSocket, planId: string, reason: RevokeReason): void {
    this.leave(socket, planId);
    let told = this.told.get(socket);
    if (!told) this.told.set(socket, (told = new Set()));
    if (told.has(planId)) return;
    told.add(planId);
    socket.emit('plan:revoked', { planId, reason });
  }

  /** Forgets a plan once no socket of this node is in its room. */
  private release(planId: string): void {
    const live = this.live.get(planId);
    if (!live || !this.server.localRoomIsEmpty(planRoom(planId))) return;
    live.sequencer.close();
    this.live.delete(planId);
  }
}

/** What each role (with consent in force) may read of each entity type's events; null where every role reads them whole. */
const CLASSES_BY_TYPE = new Map(
  ENTITY_TYPES.map((type) => {
    const classes = Object.fromEntries(PLAN_ROLES.map((role) => [role, eventVisibility(type, { role, hasConsent: true })])) as Record<
      PlanRole,
      EventVisibility
    >;
    return [type, Object.values(classes).every((v) => v === 'full') ? null : classes] as const;
  }),
);

function visibilityByRole(event: PlanEventView): Record<PlanRole, EventVisibility> | null {
  return CLASSES_BY_TYPE.get(event.entityType) ?? null;
}
