/**
 * Shared text (docs/realtime-protocol.md, "Shared text"): the free-text fields that several people
 * edit at once, character by character, as a Yjs document (one Y.Text named 'text') carried over
 * the plan's socket. Binary Yjs messages travel as base64 strings inside the usual JSON events.
 */
import { EVENT_READ_RULES } from './event-redaction';
import type { PlanAction } from './permissions';

/** Every field edited as shared text, by entity type; everything else keeps the field rule (docs/conflicts.md). */
export const SHARED_TEXT_FIELDS = {
  plan: ['whatMatters', 'resources', 'needs', 'cooperation'],
  goal: ['description'],
  task: ['how'],
  meeting: ['minutes'],
  /**
   * One item of a meeting's agenda (meetings.agenda, a jsonb array): entityId is the item's id,
   * the document's "column" is that item's `title`; settled through the meeting's write path.
   */
  agenda_item: ['title'],
  /** The journal note a plan's members write together before posting it (entityId: the plan's id). */
  journal_draft: ['body'],
} as const;
export type SharedTextEntityType = keyof typeof SHARED_TEXT_FIELDS;
export const SHARED_TEXT_ENTITY_TYPES = Object.keys(SHARED_TEXT_FIELDS) as SharedTextEntityType[];

/** The permission a shared-text update needs: exactly the one the field's ordinary write needs. */
export const SHARED_TEXT_WRITE_ACTION: Readonly<Record<SharedTextEntityType, PlanAction>> = {
  plan: 'plan.update',
  goal: 'goal.write',
  task: 'task.write',
  meeting: 'meeting.write',
  agenda_item: 'meeting.write',
  journal_draft: 'journal.write',
};
/** The permission opening (reading) a shared text needs: the one reading its entity's events needs (event-redaction.ts). */
export const SHARED_TEXT_READ_ACTION: Readonly<Record<SharedTextEntityType, PlanAction>> = {
  plan: EVENT_READ_RULES.plan.action,
  goal: EVENT_READ_RULES.goal.action,
  task: EVENT_READ_RULES.task.action,
  meeting: EVENT_READ_RULES.meeting.action,
  agenda_item: EVENT_READ_RULES.meeting.action,
  journal_draft: EVENT_READ_RULES.journal_draft.action,
};

/** The longest text each field may hold (the same bounds as its REST field). */
export const SHARED_TEXT_MAX_LENGTH: Readonly<Record<SharedTextEntityType, number>> = {
  plan: 20_000,
  goal: 20_000,
  task: 20_000,
  meeting: 50_000,
  agenda_item: 300,
  journal_draft: 10_000,
};

/** Shared texts whose entityId is the plan's own id (one document per plan). */
export const PLAN_WIDE_SHARED_TEXTS: readonly SharedTextEntityType[] = ['plan', 'journal_draft'];

/** Largest Yjs update accepted in one 'text:update', in bytes (decoded; base64 is 4/3 of this). */
export const MAX_SHARED_TEXT_UPDATE_BYTES = 32 * 1024;
/** A burst of typing is written to the field's column after this long without an update... */
export const SHARED_TEXT_SETTLE_MS = 1000;
/** ...or at least this often while typing goes on. */
export const SHARED_TEXT_MAX_UNSETTLED_MS = 5000;
/** A client sends its local edits at most this often (merged into one update); keeps well under the socket rate limit. */
export const SHARED_TEXT_SEND_INTERVAL_MS = 60;

export function isSharedTextField(entityType: string, field: string): boolean {
  const fields = (SHARED_TEXT_FIELDS as Record<string, readonly string[] | undefined>)[entityType];
  return Boolean(fields?.includes(field));
}

export interface SharedTextRef {
  planId: string;
  entityType: SharedTextEntityType;
  entityId: string;
  field: string;
}

export interface TextOpenRequest extends SharedTextRef {
  /** y-protocols sync step 1 (the client's state vector), base64. */
  sync: string;
}
export interface TextOpenResult {
  /** y-protocols sync step 2: everything the client lacks, base64. Apply it. */
  sync: string;
  /** y-protocols sync step 1 of the server: answer with 'text:update' carrying what the server lacks (sync step 2), if anything. */
  serverSync: string;
  /** Whether this account may write the field (a read-only editor otherwise). */
  writable: boolean;
}
export interface TextUpdateRequest extends SharedTextRef {
  /** One Yjs update (v1 encoding), base64. */
  update: string;
}
/** The ack of an update means it is stored in PostgreSQL. */
export interface TextUpdateResult {
  /** False when the server already had every change in it (nothing was stored again). */
  stored: boolean;
}
export interface TextCursorRequest extends SharedTextRef {
  /** Y.RelativePosition of the selection's anchor and head (Y.encodeRelativePosition, base64); null when the editor lost focus. */
  anchor: string | null;
  head: string | null;
}

/** Posting the journal draft ('text:post'): the merged text becomes an ordinary journal entry and the draft is emptied. */
export interface TextPostRequest {
  planId: string;
  /** Idempotency: a retry with the same id returns the first entry and empties nothing again. */
  clientMutationId: string;
}
export interface TextPostResult {
  revision: number;
  entryId: string;
  /** The entry's text: what the server had stored of the draft when it was posted. */
  body: string;
  replayed?: boolean;
}

/** Server → client: a stored update of a text this socket has open. */
export interface TextUpdateEvent extends SharedTextRef {
  update: string;
  by: { accountId: string; name: string };
}
/** Server → client: another device's caret or selection, named by the server (never by the sender). */
export interface TextCursorEvent extends SharedTextRef {
  /** One per device (socket), stable while it is connected. */
  deviceId: string;
  accountId: string;
  name: string;
  anchor: string | null;
  head: string | null;
}

export function sharedTextKey(ref: Pick<SharedTextRef, 'entityType' | 'entityId' | 'field'>): string {
  return `${ref.entityType}:${ref.entityId}:${ref.field}`;
}
