/**
 * The socket.io protocol (docs/realtime-protocol.md). Every client → server event takes an ack
 * callback and answers `{ ok: true, ... }` or `{ ok: false, error }`.
 */
import type { ErrorCode } from './errors';
import type {
  ConflictDetails,
  EntityType,
  GoalStatus,
  LifeArea,
  PlanEventView,
  PlanFields,
  PlanStatus,
  PlanView,
  TaskStatus,
} from './plans';
import type {
  SharedTextRef,
  TextCursorEvent,
  TextCursorRequest,
  TextOpenRequest,
  TextOpenResult,
  TextPostRequest,
  TextPostResult,
  TextUpdateEvent,
  TextUpdateRequest,
  TextUpdateResult,
} from './shared-text';

export const REALTIME_PATH = '/socket.io';

/** Largest client event payload accepted, in bytes (larger: a 'payload_too_large' ack; over 4× this the connection closes). */
export const MAX_SOCKET_PAYLOAD_BYTES = 64 * 1024;
/** Presence is forgotten this long after a socket's last heartbeat (the server's default; PRESENCE_TIMEOUT_MS in its config). */
export const PRESENCE_TIMEOUT_MS = 30_000;
export const PRESENCE_HEARTBEAT_MS = 10_000;
/** A join further behind than this gets a snapshot instead of events. */
export const MAX_REPLAY_EVENTS = 500;

export interface AckError {
  code: ErrorCode;
  message: string;
  /** On 'conflict': the fields that were not applied, with their current value and who changed them. */
  conflicts?: ConflictDetails['conflicts'];
  /** On 'conflict': the revision of the fields that did apply, or null when nothing applied. */
  revision?: number | null;
  /** On 'validation_failed': which fields failed and why ({ field, errors }[]). */
  details?: unknown;
}
export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: AckError };

export interface JoinRequest {
  planId: string;
  /** The last revision the client holds; null or absent for a first join. */
  sinceRevision?: number | null;
}
/** Either the missed events in order, or a snapshot when the gap is large (or on a first join). */
export type JoinResult =
  { revision: number; events: PlanEventView[]; snapshot?: undefined } | { revision: number; snapshot: PlanView; events?: undefined };

export interface EventsRequest {
  planId: string;
  /** Exclusive. */
  afterRevision: number;
  /** Inclusive; absent means up to the newest. */
  toRevision?: number;
}

export type PlanUpdatePatch = Partial<PlanFields>;

export interface GoalInput {
  title: string;
  description?: string;
  lifeArea?: LifeArea;
  status?: GoalStatus;
  targetDate?: string | null;
}

export interface TaskInput {
  title: string;
  goalId?: string | null;
  how?: string;
  scope?: string;
  responsibleMemberId?: string | null;
  startDate?: string | null;
  dueDate?: string | null;
  status?: TaskStatus;
}

interface CommandBase {
  planId: string;
  /** Makes a retried command idempotent: the same id returns the first result and writes once. */
  clientMutationId?: string;
}

/** Every plan edit a socket can send; REST exposes the same changes, through the same service. */
export type PlanCommand =
  | (CommandBase & { type: 'plan.update'; baseRevision: number; patch: PlanUpdatePatch })
  | (CommandBase & { type: 'plan.setStatus'; status: PlanStatus })
  | (CommandBase & { type: 'goal.create'; goal: GoalInput })
  | (CommandBase & { type: 'goal.update'; goalId: string; baseRevision: number; patch: Partial<GoalInput> })
  | (CommandBase & { type: 'goal.delete'; goalId: string })
  /** Undoes a delete (Angre): the same as POST /plans/:id/goals/:goalId/restore. */
  | (CommandBase & { type: 'goal.restore'; goalId: string })
  | (CommandBase & { type: 'goal.reorder'; goalIds: string[] })
  | (CommandBase & { type: 'task.create'; task: TaskInput })
  | (CommandBase & { type: 'task.update'; taskId: string; baseRevision: number; patch: Partial<TaskInput> })
  | (CommandBase & { type: 'task.delete'; taskId: string })
  | (CommandBase & { type: 'task.restore'; taskId: string })
  | (CommandBase & { type: 'task.reorder'; taskIds: string[] })
  | (CommandBase & {
      type: 'meeting.update';
      meetingId: string;
      baseRevision: number;
      patch: { minutes?: string; title?: string; location?: string };
    });
export type PlanCommandType = PlanCommand['type'];

export interface CommandResult {
  revision: number;
  entityId: string;
  replayed?: boolean;
}

export type PresenceMode = 'viewing' | 'editing';
export interface PresenceFocus {
  entityType: EntityType;
  entityId: string;
  field?: string;
  mode: PresenceMode;
}
export interface PresenceUpdate {
  planId: string;
  /** What this device is looking at or editing now; null clears it. */
  focus: PresenceFocus | null;
}
export interface PresenceParticipant {
  accountId: string;
  name: string;
  /** How many devices (sockets) of this account are in the plan. */
  devices: number;
  focus: PresenceFocus[];
}
export interface PresenceState {
  planId: string;
  participants: PresenceParticipant[];
}

export type RevokeReason = 'member_removed' | 'consent_revoked' | 'account_disabled' | 'plan_closed' | 'signed_out';
export interface RevokedNotice {
  planId: string | null;
  reason: RevokeReason;
}

/** Client → server events and their acks. */
export interface ClientToServerEvents {
  'plan:join': (req: JoinRequest, ack: (res: Ack<JoinResult>) => void) => void;
  'plan:leave': (req: { planId: string }, ack: (res: Ack) => void) => void;
  'plan:events': (req: EventsRequest, ack: (res: Ack<{ events: PlanEventView[]; revision: number }>) => void) => void;
  'plan:command': (cmd: PlanCommand, ack: (res: Ack<CommandResult>) => void) => void;
  'presence:update': (req: PresenceUpdate, ack: (res: Ack) => void) => void;
  'presence:heartbeat': (req: { planId: string }, ack: (res: Ack) => void) => void;
  /** Shared text (shared-text.ts): open a field's Yjs document, send updates and carets, settle (blur), close. */
  'text:open': (req: TextOpenRequest, ack: (res: Ack<TextOpenResult>) => void) => void;
  'text:update': (req: TextUpdateRequest, ack: (res: Ack<TextUpdateResult>) => void) => void;
  'text:cursor': (req: TextCursorRequest, ack: (res: Ack) => void) => void;
  'text:settle': (req: SharedTextRef, ack: (res: Ack) => void) => void;
  'text:close': (req: SharedTextRef, ack: (res: Ack) => void) => void;
  /** Posts the plan's journal draft as a journal entry and empties the draft (journal.write). */
  'text:post': (req: TextPostRequest, ack: (res: Ack<TextPostResult>) => void) => void;
}

/**
 * Server → client, to the other writer of a conflict (docs/conflicts.md): `by` tried to change a
 * field you changed meanwhile; theirs was not applied, and they choose now between keeping
 * theirs and keeping yours. Sent to every socket of the account whose change it met.
 */
export interface FieldConflictNotice {
  planId: string;
  entityType: EntityType;
  entityId: string;
  field: string;
  by: { accountId: string; name: string };
  /** What `by` wanted the field to be. */
  theirValue: unknown;
  /** The field as you left it. */
  yourValue: unknown;
  /** The revision of your change. */
  changedAtRevision: number;
}

/** Sent just before the server closes a connection on purpose (a sustained flood, the access token expired, shutting down). */
export interface ClosingNotice {
  code: ErrorCode;
  message: string;
}

/** Server → client events. */
export interface ServerToClientEvents {
  'plan:event': (event: PlanEventView) => void;
  'presence:state': (state: PresenceState) => void;
  'plan:revoked': (notice: RevokedNotice) => void;
  'connection:closing': (notice: ClosingNotice) => void;
  'plan:conflict': (notice: FieldConflictNotice) => void;
  'text:update': (event: TextUpdateEvent) => void;
  'text:cursor': (event: TextCursorEvent) => void;
}

export const CLIENT_EVENTS = [
  'plan:join',
  'plan:leave',
  'plan:events',
  'plan:command',
  'presence:update',
  'presence:heartbeat',
  'text:open',
  'text:update',
  'text:cursor',
  'text:settle',
  'text:close',
  'text:post',
] as const;
