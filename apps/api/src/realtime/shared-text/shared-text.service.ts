/**
 * Shared text (docs/realtime-protocol.md, "Shared text"; docs/conflicts.md): free-text fields
 * edited by several people at once as Yjs documents over the plan's socket.
 *
 * - `open` authorizes reading the field, puts the socket in the text's room, and only then reads
 *   the document from PostgreSQL (snapshot + every update row), so nothing stored after the read
 *   can be missed; it answers y-protocols sync step 2 for the client's step 1, and its own step 1.
 * - `update` authorizes exactly as the field's write (member, role, consent, plan not closed, the
 *   item there and open), bounds the size, applies the update to this node's copy of the document
 *   (decoded and checked inside try/catch: plain text in the root 'text' only, nothing pending,
 *   within the field's length), appends one row, and only then acks and fans it out on the bus.
 * - The merged text reaches the field's column through the item's own service (the one write
 *   path: revision, event, audit) when typing settles: 1 s without an update, a blur, or every 5 s
 *   of continuous typing. A PostgreSQL advisory lock per document serializes this across nodes,
 *   and the service's "same value: nothing to do" rule makes it one revision per settled text.
 *   A sweep on every node writes what a dead node left unwritten, and compacts stored updates
 *   into the snapshot.
 * - A write to the column by any other way (REST, undo) is merged into the document as one
 *   replaced span, so editors show it and it is not overwritten by the next settle.
 * - An agenda item ('agenda_item', entityId the item's id) has no column of its own: its
 *   "column" is the item's title inside meetings.agenda, written through the meeting's write path
 *   (MeetingsService.setAgendaItemTitle). An item removed while someone types is not found.
 * - The journal draft ('journal_draft', one per plan) settles into journal_drafts; `post` turns
 *   the stored text into a journal entry and empties the document in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type * as Y from 'yjs';
import {
  MAX_SHARED_TEXT_UPDATE_BYTES,
  planRoleMay,
  SHARED_TEXT_MAX_LENGTH,
  SHARED_TEXT_MAX_UNSETTLED_MS,
  SHARED_TEXT_READ_ACTION,
  SHARED_TEXT_SETTLE_MS,
  SHARED_TEXT_WRITE_ACTION,
  isSharedTextField,
  sharedTextKey,
  type ChangeResult,
  type SharedTextEntityType,
  type SharedTextRef,
  type TextOpenResult,
  type TextPostResult,
  type TextUpdateResult,
  PLAN_WIDE_SHARED_TEXTS,
} from '#contracts';
import type { Actor } from '../../auth/actor';
import { AuditService } from '../../audit/audit.service';
import { AppConfig } from '../../config/config';
import { run, sql } from '../../database/sql';
import { BadRequest, Conflict, DomainError, NotFound } from '../../errors/domain-error';
import { DomainEvents } from '../../events/domain-events';
import type { UpdateGoalDto } from '../../goals/dto/goal.dto';
import { GoalsService } from '../../goals/goals.service';
import { JournalService } from '../../journal/journal.service';
import type { UpdateMeetingDto } from '../../meetings/dto/meeting.dto';
import { MeetingClosed } from '../../meetings/meeting-closed';
import { MeetingsService } from '../../meetings/meetings.service';
import { MetricsService } from '../../metrics/metrics.service';
import type { UpdatePlanDto } from '../../plans/dto/plan.dto';
import { PlanAccessService } from '../../plans/plan-access.service';
import { PlansService } from '../../plans/plans.service';
import type { UpdateTaskDto } from '../../tasks/dto/task.dto';
import { TasksService } from '../../tasks/tasks.service';
import type { HttpTextUpdateDto, TextCursorDto, TextOpenDto, TextPostDto, TextUpdateDto } from '../dto/shared-text.dto';
import { RealtimeServer, type AppSocket } from '../realtime-server';
import {
  answerSyncStep1,
  applyChecked,
  docFrom,
  InvalidUpdate,
  replaceTextUpdate,
  seedUpdate,
  snapshotOf,
  syncStep1,
  textOf,
} from './ydoc';

/** The client mutation ids of settles start so: their events are not merged back into the document. */
export const SETTLE_MUTATION_PREFIX = 'yjs:';
/** The advisory lock class of shared-text documents (the second key is hashtext of the document). */
const LOCK_CLASS = 1764_0017;

export const textRoom = (planId: string, key: string) => `text:${planId}:${key}`;
const textRoomPrefix = (planId: string) => `text:${planId}:`;

interface Column {
  /** SQL reading the field's text as `text` and whether it may be written as `open`; $1 plan, $2 item. */
  read: string;
}

/** What a missing item is called in a not_found answer. */
const ENTITY_NAMES: Record<SharedTextEntityType, string> = {
  plan: 'Plan',
  goal: 'Goal',
  task: 'Task',
  meeting: 'Meeting',
  agenda_item: 'Agenda item',
  journal_draft: 'Plan',
};

/** Where each entity type's shared fields live. Column names are fixed here, never from input. */
const COLUMNS: Record<SharedTextEntityType, (field: string) => Column> = {
  plan: (field) => ({
    read: `SELECT ${field === 'whatMatters' ? 'what_matters' : field} AS text, status <> 'closed' AS open FROM plans WHERE id = $1 AND id = $2`,
  }),
  goal: () => ({
    read: `SELECT g.description AS text, p.status <> 'closed' AS open FROM goals g JOIN plans p ON p.id = g.plan_id
           WHERE g.plan_id = $1 AND g.id = $2 AND g.deleted_at IS NULL`,
  }),
  task: () => ({
    read: `SELECT t.how AS text, p.status <> 'closed' AS open FROM tasks t JOIN plans p ON p.id = t.plan_id
           WHERE t.plan_id = $1 AND t.id = $2 AND t.deleted_at IS NULL`,
  }),
  meeting: () => ({
    // A closed meeting's minutes are approved and read-only (meetings/meeting-closed.ts) until it is reopened.
    read: `SELECT m.minutes AS text, p.status <> 'closed' AND m.closed_at IS NULL AS open, m.closed_at IS NOT NULL AS item_closed
           FROM meetings m JOIN plans p ON p.id = m.plan_id
           WHERE m.plan_id = $1 AND m.id = $2 AND m.deleted_at IS NULL`,
  }),
  agenda_item: () => ({
    // The item inside its meeting's agenda; read-only with the meeting once it is closed. Should
    // two meetings of a plan carry the same item id, the one created first is the item.
    read: `SELECT i.value->>'title' AS text, p.status <> 'closed' AND m.closed_at IS NULL AS open, m.closed_at IS NOT NULL AS item_closed,
                  m.id AS meeting_id
           FROM meetings m JOIN plans p ON p.id = m.plan_id CROSS JOIN LATERAL jsonb_array_elements(m.agenda) i(value)
           WHERE m.plan_id = $1 AND m.deleted_at IS NULL AND i.value->>'id' = $2::text
           ORDER BY m.created_at, m.id LIMIT 1`,
  }),
  journal_draft: () => ({
    read: `SELECT COALESCE(d.body, '') AS text, p.status <> 'closed' AS open FROM plans p LEFT JOIN journal_drafts d ON d.plan_id = p.id
           WHERE p.id = $1 AND p.id = $2`,
  }),
};

interface Loaded {
  doc: Y.Doc;
  materializedText: string;
  /** The text a settle was writing to the field when it stopped short of marking it written (null: none). */
  settlingText: string | null;
  /** The newest stored update read (null: none). */
  newest: Date | null;
}

interface Settle {
  ref: SharedTextRef;
  actor: Actor;
  first: number;
  timer: ReturnType<typeof setTimeout>;
}

const LOAD_DOC = sql(`SELECT snapshot, materialized_text, settling_text FROM shared_texts WHERE plan_id = $1 AND doc_key = $2`);
const LOAD_UPDATES = sql(`SELECT update, created_at FROM shared_text_updates WHERE plan_id = $1 AND doc_key = $2 ORDER BY id`);
const SEED = sql(`INSERT INTO shared_texts (plan_id, doc_key, snapshot, materialized_text) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`);
const INSERT_UPDATE = sql(
  `INSERT INTO shared_text_updates (plan_id, doc_key, account_id, update) VALUES ($1, $2, $3, $4) RETURNING created_at`,
);
const MARK_MATERIALIZED = sql(
  `UPDATE shared_texts SET materialized_text = $3, settling_text = NULL, materialized_at = GREATEST(materialized_at, COALESCE($4, materialized_at))
   WHERE plan_id = $1 AND doc_key = $2`,
);
/** A settle about to write `$3` to the field (cleared by MARK_MATERIALIZED once it is written). */
const MARK_SETTLING = sql(`UPDATE shared_texts SET settling_text = $3 WHERE plan_id = $1 AND doc_key = $2`);
const PLAN_REVISION = sql(`SELECT revision FROM plans WHERE id = $1`);

@Injectable()
export class SharedTextService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('SharedText');
  /** This node's copy of each open document, for checking updates; dropped whenever in doubt. */
  private readonly docs = new Map<string, Y.Doc>();
  /** Updates of one document are applied and stored one after another on this node. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly settles = new Map<string, Settle>();
  private readonly columnStatements = new Map<string, ReturnType<typeof sql>>();
  private sweepTimer: ReturnType<typeof setInterval> | null = null;
  private sweeping = false;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: PlanAccessService,
    private readonly server: RealtimeServer,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
    private readonly plans: PlansService,
    private readonly goals: GoalsService,
    private readonly tasks: TasksService,
    private readonly meetings: MeetingsService,
    private readonly journal: JournalService,
  ) {}

  onApplicationBootstrap(): void {
    this.server.subscribe('text.update', (m) => this.delivered(m));
    this.server.subscribe('text.cursor', (m) => {
      for (const socket of this.server.localSockets(textRoom(m.planId, sharedTextKey(m))))
        if (socket.id !== m.deviceId) socket.emit('text:cursor', m);
    });
    this.unsubscribe.push(this.events.on('plan.event', ({ event }) => this.committedElsewhere(event)));
    const every = this.config.SHARED_TEXT_SWEEP_MS;
    if (every > 0) this.sweepTimer = setInterval(() => void this.sweep(), every);
  }

  onModuleDestroy(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    for (const off of this.unsubscribe.splice(0)) off();
    for (const settle of this.settles.values()) clearTimeout(settle.timer);
    this.settles.clear();
  }

  // ---- socket events ----

  async open(socket: AppSocket, dto: TextOpenDto): Promise<TextOpenResult> {
    const ref = this.ref(dto);
    const actor = socket.data.actor;
    if (!socket.data.plans[ref.planId]) throw new NotFound('Plan'); // join the plan first: revocation acts on its room
    const { plan, member } = await this.access.authorize(actor, ref.planId, SHARED_TEXT_READ_ACTION[ref.entityType]);
    const column = await this.readColumn(this.db.manager, ref);
    if (!column) throw new NotFound(ENTITY_NAMES[ref.entityType]);
    const key = sharedTextKey(ref);
    await run(this.db.manager, SEED, [ref.planId, key, Buffer.from(seedUpdate(column.text)), column.text]);
    // In the room before the read: an update stored after the read reaches this socket on the bus.
    await socket.join(textRoom(ref.planId, key));
    if (!socket.connected || !socket.data.plans[ref.planId]) {
      void socket.leave(textRoom(ref.planId, key));
      throw new NotFound('Plan');
    }
    let loaded = await this.load(this.db.manager, ref.planId, key);
    if (column.text !== loaded.materializedText && column.text !== loaded.settlingText && column.text !== textOf(loaded.doc)) {
      // Written another way since the last settle (and that write's event was not merged here).
      await this.mergeExternal(ref, null);
      loaded = await this.load(this.db.manager, ref.planId, key);
    }
    this.docs.set(`${ref.planId}/${key}`, loaded.doc);
    let answer: Uint8Array;
    try {
      answer = answerSyncStep1(loaded.doc, Buffer.from(dto.sync, 'base64'));
    } catch (error) {
      void socket.leave(textRoom(ref.planId, key));
      throw error instanceof InvalidUpdate ? new BadRequest(`Invalid input: sync (${error.message})`) : error;
    }
    await this.audit.record(
      {
        tenantId: actor.tenantId,
        actorAccountId: actor.accountId,
        planId: ref.planId,
        action: 'shared_text.read',
        targetType: ref.entityType,
        targetId: ref.entityId,
        details: { field: ref.field },
      },
      actor,
    );
    const writable = planRoleMay(member.role, SHARED_TEXT_WRITE_ACTION[ref.entityType]) && plan.status !== 'closed' && column.open;
    return { sync: b64(answer), serverSync: b64(syncStep1(loaded.doc)), writable };
  }

  async update(socket: AppSocket, dto: TextUpdateDto): Promise<TextUpdateResult> {
    const ref = this.ref(dto);
    if (!socket.rooms.has(textRoom(ref.planId, sharedTextKey(ref)))) throw new NotFound('Shared text (open it first)');
    return this.store(socket.data.actor, ref, dto.update, socket.id);
  }

  /**
   * An update sent over HTTP (`POST /api/plans/:planId/shared-text/updates`): what a page going away had not
   * had acknowledged on its socket, sent with a keepalive request that outlives the page. A Yjs
   * update applied twice is applied once, so the same edits arriving on the socket too are
   * nothing to do. Authorized, bounded and stored exactly as on the socket.
   */
  async updateOverHttp(actor: Actor, planId: string, dto: HttpTextUpdateDto): Promise<TextUpdateResult> {
    return this.store(actor, this.ref({ ...dto, planId }), dto.update, 'http');
  }

  private async store(actor: Actor, ref: SharedTextRef, encoded: string, deviceId: string): Promise<TextUpdateResult> {
    const key = sharedTextKey(ref);
    const bytes = Buffer.from(encoded, 'base64');
    if (bytes.length > MAX_SHARED_TEXT_UPDATE_BYTES)
      throw new DomainError('payload_too_large', 413, `A text update is at most ${MAX_SHARED_TEXT_UPDATE_BYTES} bytes`);
    if (bytes.length === 0) throw new BadRequest('Invalid input: update (empty)');
    const { plan } = await this.access.authorize(actor, ref.planId, SHARED_TEXT_WRITE_ACTION[ref.entityType]);
    if (plan.status === 'closed') throw new Conflict('The plan is closed; reopen it to change it');
    const update = new Uint8Array(bytes);
    const result = await this.serialized(`${ref.planId}/${key}`, async () => {
      const column = await this.readColumn(this.db.manager, ref);
      if (!column) throw new NotFound(ENTITY_NAMES[ref.entityType]);
      if (column.itemClosed) throw new MeetingClosed();
      if (!column.open) throw new Conflict('The plan is closed; reopen it to change it');
      // Over HTTP the text may never have been opened: its document starts from the column, as at an open.
      if (deviceId === 'http') await run(this.db.manager, SEED, [ref.planId, key, Buffer.from(seedUpdate(column.text)), column.text]);
      const applied = await this.applyToCopy(ref.planId, key, update, SHARED_TEXT_MAX_LENGTH[ref.entityType]);
      if (!applied.changed) return { stored: false };
      try {
        await run(this.db.manager, INSERT_UPDATE, [ref.planId, key, actor.accountId, bytes]);
      } catch (error) {
        this.docs.delete(`${ref.planId}/${key}`); // the copy holds what was not stored
        throw error;
      }
      return { stored: true };
    });
    this.metrics.sharedTextUpdates.inc({ outcome: result.stored ? 'stored' : 'known' });
    if (result.stored) {
      this.server.publish('text.update', {
        ...ref,
        update: encoded,
        by: { accountId: actor.accountId, name: actor.name },
        deviceId,
        node: this.server.nodeId,
      });
      this.settleLater(ref, actor);
    }
    return result;
  }

  /**
   * "Legg til i journalen": the plan's journal draft as it is stored now becomes a journal entry
   * (JournalService.postDraft, the write path), and in the same transaction the document gets the
   * update that empties it, so the entry and the emptied draft commit together or not at all.
   * What someone types while it is posted is not in the entry and stays in the draft (the
   * emptying update deletes only the characters the entry holds). Idempotent by client mutation id.
   */
  async post(socket: AppSocket, dto: TextPostDto): Promise<TextPostResult> {
    const ref: SharedTextRef = { planId: dto.planId, entityType: 'journal_draft', entityId: dto.planId, field: 'body' };
    const key = sharedTextKey(ref);
    const actor = socket.data.actor;
    if (!socket.data.plans[ref.planId]) throw new NotFound('Plan');
    await this.access.authorize(actor, ref.planId, SHARED_TEXT_WRITE_ACTION.journal_draft);
    const out: { result?: TextPostResult; cleared?: Uint8Array } = {};
    const attempt = () =>
      this.serialized(`${ref.planId}/${key}`, () =>
        this.withDocLock(ref.planId, key, async (manager) => {
          const [row] = await run(manager, LOAD_DOC, [ref.planId, key]);
          const loaded = row ? await this.load(manager, ref.planId, key) : null;
          const text = loaded ? textOf(loaded.doc) : '';
          const upd = loaded ? replaceTextUpdate(loaded.doc, '') : null;
          const change = await this.journal.postDraft(actor, ref.planId, text, dto.clientMutationId, async (tx) => {
            if (!upd) return;
            const [stored] = await run(tx, INSERT_UPDATE, [ref.planId, key, actor.accountId, Buffer.from(upd)]);
            await run(tx, MARK_MATERIALIZED, [ref.planId, key, '', stored.created_at]);
            out.cleared = upd;
          });
          out.result = { revision: change.revision, entryId: change.entityId, body: change.entity?.body ?? '', replayed: change.replayed };
        }),
      );
    // A settle of the draft holds its lock for a moment: wait for it, a little.
    for (let tries = 0; !(await attempt()) && tries < 20; tries++) await new Promise((r) => setTimeout(r, 50));
    if (!out.result) throw new Conflict('The draft is being saved right now; try again');
    if (out.cleared) {
      this.docs.delete(`${ref.planId}/${key}`);
      this.server.publish('text.update', {
        ...ref,
        update: b64(out.cleared),
        by: { accountId: actor.accountId, name: actor.name },
        deviceId: '',
        node: '',
      });
    }
    return out.result;
  }

  cursor(socket: AppSocket, dto: TextCursorDto): void {
    const ref = this.ref(dto);
    if (!socket.rooms.has(textRoom(ref.planId, sharedTextKey(ref)))) throw new NotFound('Shared text (open it first)');
    const actor = socket.data.actor;
    this.server.publish('text.cursor', {
      ...ref,
      deviceId: socket.id,
      accountId: actor.accountId,
      name: actor.name,
      anchor: dto.anchor,
      head: dto.head,
    });
  }

  /** The editor lost focus: write the text to the field now. */
  settle(socket: AppSocket, ref: SharedTextRef): void {
    this.ref(ref);
    if (!socket.rooms.has(textRoom(ref.planId, sharedTextKey(ref)))) throw new NotFound('Shared text (open it first)');
    this.settleNow(ref);
  }

  close(socket: AppSocket, ref: SharedTextRef): void {
    this.ref(ref);
    const room = textRoom(ref.planId, sharedTextKey(ref));
    if (!socket.rooms.has(room)) return;
    void socket.leave(room);
    this.left(socket, ref.planId, sharedTextKey(ref));
  }

  /** The socket leaves a plan (revocation too): out of every text of that plan at once. */
  leavePlan(socket: AppSocket, planId: string): void {
    const prefix = textRoomPrefix(planId);
    for (const room of [...socket.rooms]) {
      if (!room.startsWith(prefix)) continue;
      void socket.leave(room);
      this.left(socket, planId, room.slice(prefix.length));
    }
  }

  /** Before a socket's rooms are gone: its carets disappear, its typing is settled. */
  disconnecting(socket: AppSocket): void {
    for (const room of socket.rooms) {
      if (!room.startsWith('text:')) continue;
      const [, planId, ...rest] = room.split(':');
      this.left(socket, planId, rest.join(':'));
    }
  }

  private left(socket: AppSocket, planId: string, key: string): void {
    const [entityType, entityId, field] = key.split(':') as [SharedTextEntityType, string, string];
    const ref: SharedTextRef = { planId, entityType, entityId, field };
    this.server.publish('text.cursor', {
      ...ref,
      deviceId: socket.id,
      accountId: socket.data.actor.accountId,
      name: socket.data.actor.name,
      anchor: null,
      head: null,
    });
    if (this.settles.has(`${planId}/${key}`)) this.settleNow(ref);
  }

  // ---- the node's copy and the bus ----

  private delivered(m: {
    planId: string;
    entityType: SharedTextEntityType;
    entityId: string;
    field: string;
    update: string;
    by: { accountId: string; name: string };
    deviceId: string;
    node: string;
  }): void {
    const key = sharedTextKey(m);
    if (m.node !== this.server.nodeId) {
      const copy = this.docs.get(`${m.planId}/${key}`);
      if (copy) {
        try {
          applyChecked(copy, Buffer.from(m.update, 'base64'), Number.MAX_SAFE_INTEGER);
        } catch {
          this.docs.delete(`${m.planId}/${key}`);
        }
      }
    }
    const { node: _node, deviceId, ...event } = m;
    for (const socket of this.server.localSockets(textRoom(m.planId, key))) if (socket.id !== deviceId) socket.emit('text:update', event);
  }

  private async applyToCopy(planId: string, key: string, update: Uint8Array, maxLength: number) {
    const id = `${planId}/${key}`;
    for (let attempt = 0; ; attempt++) {
      let copy = this.docs.get(id);
      if (!copy) {
        copy = (await this.load(this.db.manager, planId, key)).doc;
        this.docs.set(id, copy);
      }
      try {
        return applyChecked(copy, update, maxLength);
      } catch (error) {
        this.docs.delete(id); // it may hold part of the update
        if (!(error instanceof InvalidUpdate)) throw error;
        // This node's copy may lag what other nodes stored: read the document afresh once.
        if (attempt === 0 && /depends on/.test(error.message)) continue;
        this.metrics.sharedTextUpdates.inc({ outcome: 'refused' });
        throw new BadRequest(`Invalid input: update (${error.message})`, [{ field: 'update', errors: [error.message] }]);
      }
    }
  }

  private serialized<T>(id: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(id) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => undefined);
    this.queues.set(id, tail);
    void tail.then(() => {
      if (this.queues.get(id) === tail) this.queues.delete(id);
    });
    return next;
  }

  // ---- settling: the text into the field's column, through the write path ----

  private settleLater(ref: SharedTextRef, actor: Actor): void {
    const id = `${ref.planId}/${sharedTextKey(ref)}`;
    const existing = this.settles.get(id);
    const first = existing?.first ?? Date.now();
    if (existing) clearTimeout(existing.timer);
    if (Date.now() - first >= SHARED_TEXT_MAX_UNSETTLED_MS) {
      this.settles.delete(id);
      void this.materialize(ref, actor);
      return;
    }
    const timer = setTimeout(() => this.settleNow(ref), SHARED_TEXT_SETTLE_MS);
    this.settles.set(id, { ref, actor, first, timer });
  }

  private settleNow(ref: SharedTextRef): void {
    const id = `${ref.planId}/${sharedTextKey(ref)}`;
    const settle = this.settles.get(id);
    if (!settle) return;
    clearTimeout(settle.timer);
    this.settles.delete(id);
    void this.materialize(ref, settle.actor);
  }

  /**
   * Writes the document's text to the field, once: under the document's advisory lock (another
   * node settling the same document waits its turn, then finds nothing to do), read from what is
   * stored, through the item's service. Returns whether it ran (false: locked elsewhere, retried).
   */
  async materialize(ref: SharedTextRef, actor: Actor): Promise<boolean> {
    const key = sharedTextKey(ref);
    const ran = await this.withDocLock(ref.planId, key, async (manager) => {
      const loaded = await this.load(manager, ref.planId, key);
      const text = textOf(loaded.doc);
      // The revision before the field is read: the settle writes on it, so a write of the field
      // committed after this read is a conflict, never overwritten (it is merged instead).
      const [revisionRow] = await run(manager, PLAN_REVISION, [ref.planId]);
      if (!revisionRow) return;
      const baseRevision = revisionRow.revision as number;
      let column = await this.readColumn(manager, ref);
      if (!column) {
        // The item is gone (deleted, an agenda item removed): nothing to write, and the sweep
        // must not come back for these updates every round.
        await run(manager, MARK_MATERIALIZED, [ref.planId, key, loaded.materializedText, loaded.newest]);
        return;
      }
      if (column.text !== text) {
        // What the field holds came from a settle: the last one, or one whose node died after
        // writing the field and before marking it written (settling_text). Anything else is a write.
        const settled = column.text === loaded.materializedText || column.text === loaded.settlingText;
        if (ref.entityType === 'agenda_item' && !text.trim() && settled) {
          // An agenda item is never blank: it keeps its last words until someone writes new ones.
          await run(manager, MARK_MATERIALIZED, [ref.planId, key, column.text, loaded.newest]);
          return;
        }
        const mergeWrite = async (written: string) => {
          // Someone wrote the field another way since the last settle: merge that in first.
          const upd = replaceTextUpdate(loaded.doc, written);
          const at = upd ? await this.storeServerUpdate(manager, ref, upd, null) : loaded.newest;
          await run(manager, MARK_MATERIALIZED, [ref.planId, key, written, at]);
        };
        if (!settled) return mergeWrite(column.text);
        await run(manager, MARK_SETTLING, [ref.planId, key, text]);
        let outcome = await this.writeField(ref, actor, text, baseRevision);
        if (outcome === 'refused') {
          // The writer lost access since (their updates were accepted while they had it): the
          // settle is another contributor's who still has access, else the plan coordinator's.
          for (const other of await this.fallbackActors(ref, actor.accountId))
            if ((outcome = await this.writeField(ref, other, text, baseRevision)) !== 'refused') break;
          if (outcome === 'refused') return;
        }
        if (outcome === 'changed') {
          // Written another way after it was read here (a REST write, an undo): that write is kept
          // and merged into the document, as if it had come before this settle.
          column = await this.readColumn(manager, ref);
          if (column) await mergeWrite(column.text);
          return;
        }
      }
      await run(manager, MARK_MATERIALIZED, [ref.planId, key, text, loaded.newest]);
    });
    if (!ran) setTimeout(() => void this.materialize(ref, actor), SHARED_TEXT_SETTLE_MS).unref();
    return ran;
  }

  /**
   * Writes the text to the field as `actor`, on the revision the settle read the field at:
   * 'changed' when the field was written since (a field conflict: that write is not overwritten),
   * 'refused' when the actor may not write it (any more).
   */
  private async writeField(
    ref: SharedTextRef,
    actor: Actor,
    text: string,
    baseRevision: number,
  ): Promise<'written' | 'changed' | 'refused'> {
    const base = { baseRevision, clientMutationId: `${SETTLE_MUTATION_PREFIX}${randomUUID()}` };
    try {
      await this.fieldWriter(ref, actor, text, base);
      this.metrics.sharedTextSettles.inc();
      return 'written';
    } catch (error) {
      if (error instanceof Conflict && (error.details as { conflicts?: unknown } | undefined)?.conflicts) return 'changed';
      const refused = error instanceof DomainError && ['forbidden', 'not_found', 'consent_required'].includes(error.code);
      this.logger.warn(`settling ${ref.entityType}.${ref.field} of plan ${ref.planId} as ${actor.accountId} failed: ${String(error)}`);
      return refused ? 'refused' : 'written';
    }
  }

  /** Who else may settle a text: its other writers (latest first), then the plan's coordinator. */
  private async fallbackActors(ref: SharedTextRef, except: string): Promise<Actor[]> {
    const rows = (await this.db.query(
      `SELECT a.id, a.tenant_id, a.role, a.name, 0 AS k, u.last AS o FROM (
         SELECT account_id, max(id) AS last FROM shared_text_updates
         WHERE plan_id = $1 AND doc_key = $2 AND account_id IS NOT NULL AND account_id <> $3 GROUP BY account_id
       ) u JOIN accounts a ON a.id = u.account_id AND a.disabled_at IS NULL
       UNION ALL
       SELECT a.id, a.tenant_id, a.role, a.name, 1 AS k, 0 AS o FROM plan_members m JOIN accounts a ON a.id = m.account_id AND a.disabled_at IS NULL
       WHERE m.plan_id = $1 AND m.status = 'active' AND m.role = 'coordinator' AND m.account_id <> $3
       ORDER BY k, o DESC LIMIT 6`,
      [ref.planId, sharedTextKey(ref), except],
    )) as { id: string; tenant_id: string; role: Actor['role']; name: string }[];
    return rows.map((r) => ({
      accountId: r.id,
      tenantId: r.tenant_id,
      role: r.role,
      name: r.name,
      ip: null,
      userAgent: 'shared-text settle',
    }));
  }

  private async fieldWriter(
    ref: SharedTextRef,
    actor: Actor,
    text: string,
    base: { baseRevision: number; clientMutationId: string },
  ): Promise<ChangeResult<unknown>> {
    const patch = { [ref.field]: text, ...base };
    switch (ref.entityType) {
      case 'plan':
        return this.plans.update(actor, ref.planId, patch as unknown as UpdatePlanDto);
      case 'goal':
        return this.goals.update(actor, ref.planId, ref.entityId, patch as unknown as UpdateGoalDto);
      case 'task':
        return this.tasks.update(actor, ref.planId, ref.entityId, patch as unknown as UpdateTaskDto);
      case 'meeting':
        return this.meetings.update(actor, ref.planId, ref.entityId, patch as unknown as UpdateMeetingDto);
      case 'agenda_item': {
        const column = await this.readColumn(this.db.manager, ref);
        if (!column?.meetingId) throw new NotFound('Agenda item');
        return this.meetings.setAgendaItemTitle(actor, ref.planId, column.meetingId, ref.entityId, text, base);
      }
      case 'journal_draft':
        return this.journal.saveDraft(actor, ref.planId, text, base);
    }
  }

  /** A committed change on this node: a shared field written another way (REST, undo) is merged into its document. */
  private committedElsewhere(event: {
    planId: string;
    entityType: string;
    entityId: string;
    action: string;
    patch: Record<string, unknown>;
    clientMutationId: string | null;
    actor: { accountId: string };
  }): void {
    if (event.clientMutationId?.startsWith(SETTLE_MUTATION_PREFIX)) return;
    if (event.entityType === 'meeting' && Array.isArray(event.patch.agenda))
      void this.agendaWrittenElsewhere(event.planId, event.patch.agenda as unknown[], event.actor.accountId).catch((error: unknown) =>
        this.logger.warn(`merging an agenda write into its shared texts failed: ${String(error)}`),
      );
    for (const [field, value] of Object.entries(event.patch)) {
      if (typeof value !== 'string' || !isSharedTextField(event.entityType, field)) continue;
      const ref = { planId: event.planId, entityType: event.entityType as SharedTextEntityType, entityId: event.entityId, field };
      void this.mergeExternal(ref, event.actor.accountId).catch((error: unknown) =>
        this.logger.warn(`merging a write of ${event.entityType}.${field} into its shared text failed: ${String(error)}`),
      );
    }
  }

  /** An agenda written as a whole (REST, a command): each item's new title into its document, if it has one. */
  private async agendaWrittenElsewhere(planId: string, agenda: unknown[], accountId: string): Promise<void> {
    const titles = new Map<string, string>();
    for (const item of agenda) {
      const { id, title } = (item ?? {}) as { id?: unknown; title?: unknown };
      if (typeof id === 'string' && typeof title === 'string')
        titles.set(sharedTextKey({ entityType: 'agenda_item', entityId: id, field: 'title' }), title);
    }
    if (!titles.size) return;
    const rows = (await this.db.query(
      `SELECT doc_key, materialized_text FROM shared_texts WHERE plan_id = $1 AND doc_key = ANY($2::text[])`,
      [planId, [...titles.keys()]],
    )) as { doc_key: string; materialized_text: string }[];
    for (const row of rows) {
      const title = titles.get(row.doc_key);
      const ref = this.refFromKey(planId, row.doc_key);
      if (ref && title !== undefined && title !== row.materialized_text) await this.mergeExternal(ref, accountId);
    }
  }

  /**
   * The field as it is now merged into its document, when it was written another way (REST, undo,
   * a command) since the last settle. The field is read here, under the document's lock, not
   * taken from the caller: a value read before may be one that a settle has since put in the
   * field (it is then the document's own text, not a write), and merging it would undo
   * everything typed since that read.
   */
  private async mergeExternal(ref: SharedTextRef, accountId: string | null): Promise<void> {
    const key = sharedTextKey(ref);
    const ran = await this.withDocLock(ref.planId, key, async (manager) => {
      const [row] = await run(manager, LOAD_DOC, [ref.planId, key]);
      if (!row) return;
      const column = await this.readColumn(manager, ref);
      if (!column || column.text === row.materialized_text) return;
      // Written by a settle whose node died before it marked it written: the document's own text.
      if (column.text === row.settling_text) {
        await run(manager, MARK_MATERIALIZED, [ref.planId, key, column.text, null]);
        return;
      }
      const loaded = await this.load(manager, ref.planId, key);
      const upd = replaceTextUpdate(loaded.doc, column.text);
      const at = upd ? await this.storeServerUpdate(manager, ref, upd, accountId) : loaded.newest;
      await run(manager, MARK_MATERIALIZED, [ref.planId, key, column.text, at]);
    });
    if (!ran) setTimeout(() => void this.mergeExternal(ref, accountId).catch(() => undefined), 200).unref();
  }

  /** Stores an update the server made (a write merged in) and fans it out; returns when it was stored. */
  private async storeServerUpdate(manager: EntityManager, ref: SharedTextRef, update: Uint8Array, accountId: string | null): Promise<Date> {
    const key = sharedTextKey(ref);
    const [row] = await run(manager, INSERT_UPDATE, [ref.planId, key, accountId, Buffer.from(update)]);
    this.docs.delete(`${ref.planId}/${key}`);
    this.server.publish('text.update', {
      ...ref,
      update: b64(update),
      by: { accountId: accountId ?? '', name: '' },
      deviceId: '',
      node: '',
    });
    return row.created_at as Date;
  }

  // ---- the sweep: settles a dead node left undone, and compaction ----

  private async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      const unsettled = (await this.db.query(
        `SELECT t.plan_id, t.doc_key,
                (SELECT u.account_id FROM shared_text_updates u
                  WHERE u.plan_id = t.plan_id AND u.doc_key = t.doc_key AND u.account_id IS NOT NULL ORDER BY u.id DESC LIMIT 1) AS account_id
         FROM shared_texts t
         WHERE EXISTS (SELECT 1 FROM shared_text_updates u WHERE u.plan_id = t.plan_id AND u.doc_key = t.doc_key
                         AND u.created_at > t.materialized_at AND u.created_at < now() - make_interval(secs => $1))
         LIMIT 50`,
        [(SHARED_TEXT_MAX_UNSETTLED_MS + SHARED_TEXT_SETTLE_MS) / 1000],
      )) as { plan_id: string; doc_key: string; account_id: string | null }[];
      for (const row of unsettled) {
        if (this.settles.has(`${row.plan_id}/${row.doc_key}`)) continue;
        const ref = this.refFromKey(row.plan_id, row.doc_key);
        const actor = row.account_id ? await this.actorOf(row.account_id) : null;
        if (ref && actor) await this.materialize(ref, actor);
      }
      const compactable = (await this.db.query(
        `SELECT t.plan_id, t.doc_key FROM shared_texts t
         WHERE (SELECT count(*) FROM shared_text_updates u
                 WHERE u.plan_id = t.plan_id AND u.doc_key = t.doc_key AND u.created_at <= t.materialized_at) >= $1
         LIMIT 50`,
        [this.config.SHARED_TEXT_COMPACT_ROWS],
      )) as { plan_id: string; doc_key: string }[];
      for (const row of compactable) await this.compact(row.plan_id, row.doc_key);
    } catch (error) {
      this.logger.warn(`shared-text sweep failed: ${String(error)}`);
    } finally {
      this.sweeping = false;
    }
  }

  /** Folds the stored updates already written to the column into the snapshot (one row instead of many). */
  async compact(planId: string, key: string): Promise<number> {
    let folded = 0;
    await this.withDocLock(planId, key, async (manager) => {
      await manager.transaction(async (tx) => {
        const [doc] = (await tx.query(`SELECT snapshot, materialized_at FROM shared_texts WHERE plan_id = $1 AND doc_key = $2 FOR UPDATE`, [
          planId,
          key,
        ])) as { snapshot: Buffer; materialized_at: Date }[];
        if (!doc) return;
        const rows = (await tx.query(
          `SELECT id, update FROM shared_text_updates WHERE plan_id = $1 AND doc_key = $2 AND created_at <= $3 ORDER BY id`,
          [planId, key, doc.materialized_at],
        )) as { id: string; update: Buffer }[];
        if (!rows.length) return;
        const merged = docFrom([doc.snapshot, ...rows.map((r) => r.update)]);
        await tx.query(`UPDATE shared_texts SET snapshot = $3, compacted_at = now() WHERE plan_id = $1 AND doc_key = $2`, [
          planId,
          key,
          Buffer.from(snapshotOf(merged)),
        ]);
        await tx.query(`DELETE FROM shared_text_updates WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
        folded = rows.length;
      });
    });
    if (folded) this.metrics.sharedTextCompactedRows.inc(folded);
    return folded;
  }

  // ---- helpers ----

  /** Runs `work` holding the document's advisory lock on a connection of its own; false when another holds it. */
  private async withDocLock(planId: string, key: string, work: (manager: EntityManager) => Promise<void>): Promise<boolean> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    const lockName = `${planId}/${key}`;
    try {
      const [row] = (await runner.query(`SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked`, [LOCK_CLASS, lockName])) as {
        locked: boolean;
      }[];
      if (!row.locked) return false;
      try {
        await work(runner.manager);
      } finally {
        await runner.query(`SELECT pg_advisory_unlock($1, hashtext($2))`, [LOCK_CLASS, lockName]);
      }
      return true;
    } finally {
      await runner.release();
    }
  }

  private async load(manager: EntityManager, planId: string, key: string): Promise<Loaded> {
    const [docRow] = await run(manager, LOAD_DOC, [planId, key]);
    if (!docRow) throw new NotFound('Shared text');
    const rows = await run(manager, LOAD_UPDATES, [planId, key]);
    const doc = docFrom([docRow.snapshot as Buffer, ...rows.map((r) => r.update as Buffer)]);
    return {
      doc,
      materializedText: docRow.materialized_text as string,
      settlingText: docRow.settling_text as string | null,
      newest: rows.length ? (rows[rows.length - 1].created_at as Date) : null,
    };
  }

  private async readColumn(
    manager: EntityManager,
    ref: SharedTextRef,
  ): Promise<{ text: string; open: boolean; itemClosed: boolean; meetingId: string | null } | null> {
    const id = `${ref.entityType}.${ref.field}`;
    let statement = this.columnStatements.get(id);
    if (!statement) this.columnStatements.set(id, (statement = sql(COLUMNS[ref.entityType](ref.field).read)));
    const [row] = await run(manager, statement, [ref.planId, ref.entityId]);
    return row
      ? {
          text: (row.text as string | null) ?? '',
          open: row.open === true,
          itemClosed: row.item_closed === true,
          meetingId: (row.meeting_id as string | undefined) ?? null,
        }
      : null;
  }

  private async actorOf(accountId: string): Promise<Actor | null> {
    const [row] = (await this.db.query(`SELECT id, tenant_id, role, name FROM accounts WHERE id = $1 AND disabled_at IS NULL`, [
      accountId,
    ])) as { id: string; tenant_id: string; role: Actor['role']; name: string }[];
    return row
      ? { accountId: row.id, tenantId: row.tenant_id, role: row.role, name: row.name, ip: null, userAgent: 'shared-text settle' }
      : null;
  }

  private ref(input: SharedTextRef): SharedTextRef {
    if (!isSharedTextField(input.entityType, input.field))
      throw new BadRequest(`Invalid input: field (${input.entityType}.${input.field} is not shared text)`, [
        { field: 'field', errors: ['not a shared-text field of this entity type'] },
      ]);
    if (PLAN_WIDE_SHARED_TEXTS.includes(input.entityType) && input.entityId !== input.planId)
      throw new BadRequest('Invalid input: entityId (the plan itself: its id)', [{ field: 'entityId', errors: ['must equal planId'] }]);
    return { planId: input.planId, entityType: input.entityType, entityId: input.entityId, field: input.field };
  }

  private refFromKey(planId: string, key: string): SharedTextRef | null {
    const [entityType, entityId, field] = key.split(':');
    return isSharedTextField(entityType, field) ? { planId, entityType: entityType as SharedTextEntityType, entityId, field } : null;
  }
}

function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}
