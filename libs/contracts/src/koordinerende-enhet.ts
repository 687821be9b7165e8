/**
 * Koordinerende enhet: reported needs (melding om behov for IP/koordinator), coordinator training,
 * appointments, the systemkoordinator's overview, notifications and their preferences.
 */
import type { PlanStatus } from './plans';
import type { TenantRole } from './roles';

// ---------------------------------------------------------------- needs

/** What the reporter says the person needs. */
export const NEED_KINDS = ['individual_plan', 'coordinator', 'both'] as const;
export type NeedKind = (typeof NEED_KINDS)[number];

export const NEED_STATUSES = ['new', 'in_review', 'plan_started', 'coordinator_appointed', 'declined'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];
/** Needs still waiting for koordinerende enhet. */
export const OPEN_NEED_STATUSES: readonly NeedStatus[] = ['new', 'in_review'];

/**
 * Where triage may move a need. `coordinator_appointed` is reached by appointing a coordinator
 * (POST /api/needs/:id/appoint), not by setting the status.
 */
export const NEED_TRANSITIONS: Readonly<Record<NeedStatus, readonly NeedStatus[]>> = {
  new: ['in_review', 'plan_started', 'declined'],
  in_review: ['new', 'plan_started', 'declined'],
  coordinator_appointed: ['plan_started', 'in_review'],
  plan_started: [],
  declined: ['in_review'],
};

export interface NeedReportInput {
  personName: string;
  /** Phone, e-mail or address: how koordinerende enhet reaches the person. */
  personContact?: string;
  kind: NeedKind;
  /** What is needed and why, briefly. */
  description: string;
  /** The reporter's service, e.g. "Hjemmetjenesten" or "Helsestasjon". */
  reporterService: string;
}

export interface NeedView {
  id: string;
  personName: string;
  personContact: string | null;
  kind: NeedKind;
  description: string;
  reporter: { accountId: string; name: string; service: string };
  status: NeedStatus;
  triageNote: string | null;
  triagedBy: { accountId: string; name: string } | null;
  triagedAt: string | null;
  coordinator: { accountId: string; name: string } | null;
  planId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TriageNeedInput {
  status: NeedStatus;
  note?: string;
  /** With status plan_started: the plan that was started. */
  planId?: string;
}

// ---------------------------------------------------------------- appointments

export const APPOINTMENT_WARNINGS = ['training_missing', 'training_expired', 'caseload_high'] as const;
export type AppointmentWarningCode = (typeof APPOINTMENT_WARNINGS)[number];

export interface AppointmentWarning {
  code: AppointmentWarningCode;
  message: string;
  /** training_*: the courses concerned; caseload_high: the count and the threshold. */
  courses?: string[];
  activePlans?: number;
  threshold?: number;
}

export interface AppointCoordinatorInput {
  coordinatorAccountId: string;
  note?: string;
}

export interface NeedAppointmentResult {
  need: NeedView;
  warnings: AppointmentWarning[];
}

export interface PlanAppointmentResult {
  planId: string;
  coordinator: { accountId: string; name: string };
  warnings: AppointmentWarning[];
}

// ---------------------------------------------------------------- training

export interface CourseInput {
  title: string;
  description?: string;
  /** Months a completion stays valid; null: it never expires. */
  validityMonths?: number | null;
  /** Coordinators must hold a valid completion of this course. */
  requiredForCoordinators?: boolean;
}

export interface CourseView {
  id: string;
  title: string;
  description: string;
  validityMonths: number | null;
  requiredForCoordinators: boolean;
  archived: boolean;
  createdAt: string;
}

export interface CompletionInput {
  accountId: string;
  courseId: string;
  /** ISO date (YYYY-MM-DD). */
  completedOn: string;
}

export interface CompletionView {
  id: string;
  accountId: string;
  accountName: string;
  courseId: string;
  courseTitle: string;
  completedOn: string;
  /** null: never expires. */
  expiresOn: string | null;
  recordedBy: { accountId: string; name: string } | null;
}

/** valid; expiring within TRAINING_EXPIRY_WARNING_DAYS; expired; never completed. */
export const TRAINING_STATES = ['valid', 'expiring', 'expired', 'missing'] as const;
export type TrainingState = (typeof TRAINING_STATES)[number];
export const TRAINING_EXPIRY_WARNING_DAYS = 60;

export interface CourseStatus {
  courseId: string;
  title: string;
  state: TrainingState;
  completedOn: string | null;
  expiresOn: string | null;
}

export interface TrainingStatus {
  /** The worst state over the required courses ('valid' when none are required). */
  state: TrainingState;
  /** True when a required course is missing or expired. */
  flagged: boolean;
  courses: CourseStatus[];
}

export interface CoordinatorRow {
  accountId: string;
  name: string;
  email: string;
  role: TenantRole;
  /** Plans not closed where this account is the active coordinator. */
  activePlans: number;
  /** activePlans at or above the configured warning threshold. */
  caseloadHigh: boolean;
  training: TrainingStatus;
}

// ---------------------------------------------------------------- overview

/** Plan metadata only: never what matters, goals, tasks, meetings or notes. */
export interface OverviewPlanRow {
  id: string;
  title: string;
  personName: string;
  status: PlanStatus;
  nextEvaluation: string | null;
  lastActivityAt: string;
  createdAt: string;
  coordinator: { accountId: string | null; name: string } | null;
  activeMembers: number;
  /** The last reminder koordinerende enhet sent about this plan (any list), if any. */
  lastNudgeAt: string | null;
}

/**
 * POST /api/overview/plans/:planId/nudges { reason } (tenant action overview.nudge): remind the
 * plan's coordinator from one of the overview's lists; for a plan without a coordinator, the one
 * who created the plan. A notification with a link, metadata only; once per plan, reason and day.
 */
export const NUDGE_REASONS = ['inactive', 'without_coordinator', 'evaluation_overdue'] as const;
export type NudgeReason = (typeof NUDGE_REASONS)[number];

export interface NudgeResult {
  planId: string;
  reason: NudgeReason;
  recipient: { accountId: string; name: string; role: 'coordinator' | 'creator' };
  sentAt: string;
  /** True when the same reminder was already sent today: nothing new was sent. */
  alreadySentToday: boolean;
}

export const OVERVIEW_PLAN_VIEWS = [
  'without_coordinator',
  'evaluation_overdue',
  'inactive',
  'all',
  // Follow-up (issue 14): active plans never evaluated; active plans with / without a rating in the
  // last FOLLOW_UP_RATING_MONTHS months; plans not closed without a goal in the person's own words.
  'never_evaluated',
  'rated_recently',
  'not_rated_recently',
  'without_own_words_goal',
] as const;
/** "A rating in the last 6 months": an evaluation or the person's own rating (draft, check-in). */
export const FOLLOW_UP_RATING_MONTHS = 6;
export type OverviewPlanViewName = (typeof OVERVIEW_PLAN_VIEWS)[number];

export interface OverviewList<T> {
  total: number;
  /** The first rows (up to the overview's limit); page through /api/overview/plans for more. */
  items: T[];
}

export interface OverviewView {
  generatedAt: string;
  plansByStatus: Record<PlanStatus, number>;
  plansWithoutCoordinator: OverviewList<OverviewPlanRow>;
  evaluationOverdue: OverviewList<OverviewPlanRow>;
  /** Plans not closed with no change for `inactiveDays` days. */
  inactive: OverviewList<OverviewPlanRow>;
  inactiveDays: number;
  openNeeds: { total: number; byStatus: Record<'new' | 'in_review', number>; oldest: NeedView[] };
  coordinators: CoordinatorRow[];
  caseloadWarningThreshold: number;
  /** Follow-up that keeps plans alive (metadata only: whether a plan has evaluations or ratings, never what they say). */
  followUp: {
    /** Plans with status active: the base of the share below (list: view 'all', status 'active'). */
    activePlans: number;
    neverEvaluated: OverviewList<OverviewPlanRow>;
    /** Active plans with a rating in the last FOLLOW_UP_RATING_MONTHS months (list: view 'rated_recently'). */
    ratedRecently: number;
    notRatedRecently: OverviewList<OverviewPlanRow>;
    /** Plans not closed where no live goal's title was written by the person or a guardian. */
    withoutOwnWordsGoal: OverviewList<OverviewPlanRow>;
    ratingMonths: number;
  };
}

// ---------------------------------------------------------------- notifications

export const NOTIFICATION_KINDS = [
  'invitation',
  'task_assigned',
  'task_due_soon',
  'task_overdue',
  'meeting_scheduled',
  'meeting_moved',
  'meeting_cancelled',
  'evaluation_due',
  /** The weekly "Hvordan går det med målene dine?" to the person (and guardians): optional, one tap per goal. */
  'checkin_prompt',
  'mention',
  /** Someone commented on a task I am responsible for. */
  'comment',
  'need_reported',
  'coordinator_appointed',
  /** Members wait for the person's consent (sent by the coordinator). */
  'consent_reminder',
  /** Koordinerende enhet reminds a coordinator of a plan (inactive, overdue evaluation, no coordinator). */
  'plan_nudge',
  /** A planned meeting is tomorrow (the reminder job, the day before). */
  'meeting_reminder',
  /** Someone picked me from the directory into a plan's group: the plan is in "Mine planer" now. */
  'member_added',
  /** A meeting was closed with its minutes approved: decisions, new tasks, the next meeting. */
  'meeting_summary',
  /** The same, for a member without consent in force: that it happened, no content. */
  'meeting_closed',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
/** An invitation is always sent at once: without it nobody can join. */
export const CONFIGURABLE_NOTIFICATION_KINDS = NOTIFICATION_KINDS.filter((k) => k !== 'invitation');

/** How e-mail is sent for a kind; the in-app list always shows every notification. */
export const NOTIFICATION_DELIVERIES = ['immediate', 'digest', 'off'] as const;
export type NotificationDelivery = (typeof NOTIFICATION_DELIVERIES)[number];

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** Path in the web app, e.g. /planer/:id. */
  link: string | null;
  planId: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: NotificationView[];
  total: number;
  unread: number;
  limit: number;
  offset: number;
}

export interface NotificationPreferences {
  /** For every kind without its own choice. */
  default: NotificationDelivery;
  kinds: Partial<Record<NotificationKind, NotificationDelivery>>;
  /** SMS beside in-app and e-mail (docs/sms.md). */
  sms: SmsPreferences;
}

export interface UpdateNotificationPreferences {
  default?: NotificationDelivery;
  /** null removes a kind's own choice (it follows the default again). */
  kinds?: Partial<Record<NotificationKind, NotificationDelivery | null>>;
  sms?: UpdateSmsPreferences;
}

/** Kinds that go by SMS once SMS is on, unless a kind is turned off; any other kind can be turned on. */
export const SMS_DEFAULT_KINDS: readonly NotificationKind[] = [
  'meeting_reminder',
  'task_due_soon',
  'task_overdue',
  'evaluation_due',
  'checkin_prompt',
];

export interface SmsPreferences {
  /** The account's phone number as E.164 (+4791234567), or null when it has none (or one that is not a number). */
  phone: string | null;
  /** SMS is on for this account (needs a phone, and no STOPP in force for it). */
  enabled: boolean;
  /** Per kind: whether it goes by SMS (only the kinds with their own choice; else SMS_DEFAULT_KINDS). */
  kinds: Partial<Record<NotificationKind, boolean>>;
  /** When the number answered STOPP; SMS stays off until turned on again here. */
  stoppedAt: string | null;
}

export interface UpdateSmsPreferences {
  enabled?: boolean;
  /** null: the kind follows SMS_DEFAULT_KINDS again. */
  kinds?: Partial<Record<NotificationKind, boolean | null>>;
}

/** PUT /api/notifications/phone: E.164, or 8 Norwegian digits (+47 is added); null removes it. */
export interface UpdatePhone {
  phone: string | null;
}

export interface ReminderRunResult {
  ranAt: string;
  /** Reminders made in this run, by kind (each is made once, whichever node runs first). */
  created: Record<string, number>;
  digests: number;
  mailsSent: number;
}
