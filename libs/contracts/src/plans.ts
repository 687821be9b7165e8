/**
 * The plan's wire format: what GET /api/plans/:id returns, and the shapes of changes.
 * Each editable entity carries `fieldRevisions`: the plan revision of each field's last change,
 * which the client sends back as `baseRevision` so that the server can detect conflicts.
 */
import type { AssuranceLevel } from './auth';
import type { PlanRole } from './roles';

export const PLAN_STATUSES = ['draft', 'active', 'closed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const GOAL_STATUSES = ['not_started', 'in_progress', 'achieved', 'paused', 'dropped'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export const TASK_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const LIFE_AREAS = ['bolig', 'skole_arbeid', 'helse', 'fritid', 'okonomi', 'nettverk', 'hverdagsmestring', 'annet'] as const;
export type LifeArea = (typeof LIFE_AREAS)[number];

export const MEMBER_STATUSES = ['invited', 'active', 'removed'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export const CONSENT_KINDS = ['plan', 'member_access'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

/** How the consent was given: in the app (digital), said aloud and written down (oral), or signed on paper. */
export const CONSENT_FORMS = ['digital', 'oral', 'paper'] as const;
export type ConsentForm = (typeof CONSENT_FORMS)[number];

/** Who last changed a field, at which plan revision. */
export interface FieldRevision {
  rev: number;
  by: string; // account id
}
export type FieldRevisions = Record<string, FieldRevision>;

export interface PlanFields {
  title: string;
  /** "Hva er viktig for deg?" in the person's own words. */
  whatMatters: string;
  resources: string;
  needs: string;
  /** Cooperation with other services, institutions and agencies (the regulation's point i). */
  cooperation: string;
  periodStart: string | null; // ISO date
  periodEnd: string | null;
  nextEvaluation: string | null;
}

export interface PlanSummary extends PlanFields {
  id: string;
  tenantId: string;
  personName: string;
  status: PlanStatus;
  revision: number;
  updatedAt: string;
}

export interface MemberView {
  id: string;
  accountId: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  role: PlanRole;
  /** For professionals: the service, e.g. "Fysioterapi". */
  service: string | null;
  organisation: string | null;
  /** What this member contributes (the regulation's point d). */
  contribution: string;
  status: MemberStatus;
  /** Whether the person's consent for this member to see the plan is in force. */
  hasConsent: boolean;
  fieldRevisions: FieldRevisions;
}

export interface GoalView {
  id: string;
  title: string;
  description: string;
  lifeArea: LifeArea;
  status: GoalStatus;
  targetDate: string | null;
  position: number;
  fieldRevisions: FieldRevisions;
}

export interface TaskView {
  id: string;
  goalId: string | null;
  title: string;
  /** How the tiltak is carried out (point f). */
  how: string;
  /** Scope, e.g. "2 t/uke" (point e). */
  scope: string;
  responsibleMemberId: string | null;
  startDate: string | null;
  dueDate: string | null;
  status: TaskStatus;
  position: number;
  fieldRevisions: FieldRevisions;
}

/** A scanned consent document's metadata (the bytes are downloaded separately). */
export interface ConsentDocumentMeta {
  contentType: 'application/pdf' | 'image/png' | 'image/jpeg';
  size: number;
  sha256: string;
  uploadedAt: string;
  uploadedByName: string;
}

export interface ConsentView {
  id: string;
  kind: ConsentKind;
  memberId: string | null;
  form: ConsentForm;
  givenByName: string;
  givenAt: string;
  revokedAt: string | null;
  note: string;
  /** Consent given orally or on paper and recorded by someone: one record may cover several consents. */
  recordId: string | null;
  recordedByName: string | null;
  recordedAt: string | null;
  /** The scanned paper, if one was uploaded (download: /consents/records/:recordId/document). */
  document: ConsentDocumentMeta | null;
}

export interface AgendaItem {
  id: string;
  title: string;
  done: boolean;
}

export interface Decision {
  id: string;
  text: string;
  /** The task made from this decision, if any. */
  taskId: string | null;
}

export interface MeetingView {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string | null;
  location: string;
  videoUrl: string | null;
  agenda: AgendaItem[];
  /** Member ids marked present. */
  attendees: string[];
  minutes: string;
  decisions: Decision[];
  status: 'planned' | 'held' | 'cancelled';
  /**
   * Set when the coordinator approved the minutes and closed the meeting: from then on the
   * meeting (minutes, agenda, attendees, decisions) is read-only until it is reopened.
   */
  closedAt: string | null;
  /** Who approved the minutes. */
  closedBy: { accountId: string; name: string } | null;
  /** The next meeting set when this one was closed, if any. */
  nextMeetingId: string | null;
  fieldRevisions: FieldRevisions;
}

/**
 * How the plan's person can be reached. When the coordinator recorded that the person has no
 * phone or e-mail, the person cannot log in to give consent: consent is recorded on paper (or
 * orally) instead, and `consentNeedsPaper` says so.
 */
export interface PlanPersonView {
  reachable: boolean;
  consentNeedsPaper: boolean;
}

export interface PlanView extends PlanSummary {
  fieldRevisions: FieldRevisions;
  person: PlanPersonView;
  /** The caller's own membership. */
  myRole: PlanRole;
  myMemberId: string;
  members: MemberView[];
  goals: GoalView[];
  tasks: TaskView[];
  meetings: MeetingView[];
  consents: ConsentView[] | null; // null when the caller may not see consent
}

/** "Mine planer": one row per plan the account takes part in. */
export interface MyPlanRow {
  id: string;
  title: string;
  personName: string;
  status: PlanStatus;
  myRole: PlanRole;
  /** The member waits for the person's consent (or it was revoked): no content (next meeting, tasks) is shown. */
  consentRequired: boolean;
  nextMeeting: { id: string; startsAt: string; title: string } | null;
  myOpenTasks: number;
  lastActivityAt: string;
}

/** The answer to every change: the plan revision it produced (or that it first produced, on a retry). */
export interface ChangeResult<T = unknown> {
  revision: number;
  entityId: string;
  entity?: T;
  /** True when this was a retry of an already applied client mutation. */
  replayed?: boolean;
}

/** One field that was not applied because someone else changed it since the caller's base revision. */
export interface FieldConflict {
  field: string;
  yourValue: unknown;
  currentValue: unknown;
  changedBy: { accountId: string; name: string };
  changedAtRevision: number;
}

/** Details of a 409 conflict: the other fields were applied at `revision` (if any were). */
export interface ConflictDetails {
  conflicts: FieldConflict[];
  revision: number | null;
}

export const ENTITY_TYPES = [
  'plan',
  'member',
  'consent',
  'goal',
  'task',
  'meeting',
  'journal',
  // The journal note being written together (shared text), before it is posted as an entry.
  'journal_draft',
  'comment',
  'evaluation',
  'rating',
  'rsvp',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** One committed change, as stored in plan_event and broadcast to the plan's room. */
export interface PlanEventView {
  planId: string;
  revision: number;
  actor: { accountId: string; name: string };
  entityType: EntityType;
  entityId: string;
  /** created | updated | deleted | restored | reordered | ... (deleted/restored: see deleted.ts; comments: comments.ts) */
  action: string;
  /** The fields that changed, with their new values (the whole entity on create). */
  patch: Record<string, unknown>;
  clientMutationId: string | null;
  at: string;
  /** Set when the recipient may read only part of this event (docs/realtime-protocol.md: redaction). */
  redacted?: true;
}

export const MEETING_STATUSES = ['planned', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** A meeting as GET /api/plans/:id/meetings gives it: the plan snapshot's view plus its calendar sequence. */
export interface MeetingDetailView extends MeetingView {
  /** Grows each time the time or place changes (iCalendar SEQUENCE). */
  sequence: number;
}

/** POST /api/plans/:id/meetings/:meetingId/decisions: the decision and, in the same change, its task. */
export interface MeetingDecisionResult {
  meeting: MeetingDetailView;
  decision: Decision;
  task: TaskView | null;
}

/** POST /api/plans/:id/meetings/:meetingId/close: the closed meeting and the next one, if set in the same step. */
export interface MeetingCloseResult {
  meeting: MeetingDetailView;
  nextMeeting: MeetingDetailView | null;
}

export const JOURNAL_TARGET_TYPES = ['plan', 'goal', 'task', 'meeting'] as const;
export type JournalTargetType = (typeof JOURNAL_TARGET_TYPES)[number];

/** A progress note or comment (journal entry) on the plan, a goal, a task or a meeting. */
/** GET /plans/:planId/journal/draft: the note being written together, as last settled (journal.read). */
export interface JournalDraftView {
  body: string;
  updatedAt: string | null;
}

export interface JournalEntryView {
  id: string;
  targetType: JournalTargetType;
  /** Null for notes on the plan itself. */
  targetId: string | null;
  /** The entry this one answers (comments are one level deep). */
  parentId: string | null;
  author: { accountId: string; name: string };
  body: string;
  createdAt: string;
}

/** GET /api/plans/:id/access-log: who read or changed the plan, newest first. */
export interface AccessLogRow {
  at: string;
  action: string;
  actor: { accountId: string | null; name: string };
  targetType: string | null;
  /** How strongly the reader had logged in (low, substantial, high). */
  assurance: AssuranceLevel | null;
}

/** GET /api/invitations/:token: what a one-time invitation link is for. */
export interface InvitationView {
  planTitle: string;
  personName: string;
  name: string;
  email: string;
  role: PlanRole;
  invitedByName: string;
  /** Whether the invited e-mail already has an account (then: log in with its password). */
  accountExists: boolean;
}

// ---------------------------------------------------------------- meeting attendance (RSVP)

export const RSVP_RESPONSES = ['confirmed', 'declined'] as const;
export type RsvpResponse = (typeof RSVP_RESPONSES)[number];

/** One member's answer to a meeting; `response: null` is "not answered". */
export interface RsvpView {
  memberId: string;
  name: string;
  role: PlanRole;
  response: RsvpResponse | null;
  /** How the answer came: in the app or as an SMS reply (JA/NEI). */
  via: 'app' | 'sms' | null;
  answeredAt: string | null;
}

/** GET /api/plans/:id/meetings/:meetingId/attendance: who has confirmed, declined or not answered. */
export interface MeetingAttendanceView {
  meetingId: string;
  startsAt: string;
  counts: { confirmed: number; declined: number; unanswered: number };
  members: RsvpView[];
  /** The caller's own answer (null when the caller has not answered). */
  mine: RsvpResponse | null;
  /** The caller's membership id, to answer with. */
  myMemberId: string;
}

/** PUT /api/plans/:id/meetings/:meetingId/rsvp: the caller answers for themself; null takes the answer back. */
export interface SetRsvp {
  response: RsvpResponse | null;
  clientMutationId?: string;
}
