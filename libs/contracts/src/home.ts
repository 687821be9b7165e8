/**
 * The person's home ("Min plan"), and "seen" markers.
 *
 * Routes (under /api, bearer token):
 *   GET  /me/home                          → HomeView: one HomePlan per plan the caller is an active member of
 *   POST /plans/:planId/seen  SeenInput    → SeenView (plan.read): the caller has seen the plan up to `revision`
 *   GET  /plans/:planId/meetings/:meetingId/calendar.ics → text/calendar (meeting.read): the meeting for a calendar
 *
 * A plan whose content the caller may not see (a relative or professional without consent in
 * force) is listed with `access: 'consent_required'` and nothing of its content (no tasks, no
 * meeting, no changes, no presence). Reading the home is audited per plan shown with content.
 *
 * Seen markers are stored per member; they only move forward (a lower revision is ignored and
 * answered with the stored one); a revision beyond the plan's is 400. Until a member marks a plan
 * seen, everything since they joined counts as changed; their own changes never count.
 *
 * Marking a task done in one tap: PATCH /plans/:planId/tasks/:taskId { baseRevision, status: 'done' }
 * (task.write; the person, guardians, coordinators, relatives and professionals with consent).
 * Sending it again is harmless: a status already 'done' changes nothing and takes no revision.
 */
import type { ConsentNeeds } from './consent';
import type { PlanRole } from './roles';
import type { EntityType, MeetingView, PlanStatus, TaskView } from './plans';

/** At most this many change references are listed per plan (the count is exact). */
export const HOME_MAX_CHANGES = 50;

export interface HomeChange {
  revision: number;
  entityType: EntityType;
  entityId: string;
  /** created | updated | deleted | restored | ... as in PlanEventView. */
  action: string;
  actor: { accountId: string; name: string };
  at: string;
}

export interface HomeMeeting extends Pick<MeetingView, 'id' | 'title' | 'startsAt' | 'endsAt' | 'location' | 'videoUrl'> {
  /** Path of the meeting's .ics under /api (authenticated). */
  icsPath: string;
}

export interface HomePlan {
  planId: string;
  title: string;
  personName: string;
  status: PlanStatus;
  myRole: PlanRole;
  myMemberId: string;
  /** 'consent_required': listed so the member knows, but nothing below is filled in. */
  access: 'full' | 'consent_required';
  /** The plan's current revision (null without access). */
  revision: number | null;
  /** Open tasks (planned, in progress) where I am responsible: due first (earliest due date, undated last). */
  myTasks: TaskView[];
  nextMeeting: HomeMeeting | null;
  /** Changes by others after my seen marker (or, before I ever marked, since I joined). */
  changes: {
    /** My seen marker: the revision I have seen up to (0 when never marked). */
    seenRevision: number;
    count: number;
    /** The newest HOME_MAX_CHANGES of them, newest first. */
    items: HomeChange[];
  };
  /** Who has the plan open now (live presence over the socket), not me. */
  presentNow: { accountId: string; name: string }[];
  /** What the plan still needs of consent, for those who see consent (consent.read) in a plan not closed; else null. */
  consentNeeds: ConsentNeeds | null;
}

export interface HomeView {
  plans: HomePlan[];
}

/** POST /plans/:planId/seen */
export interface SeenInput {
  revision: number;
}

export interface SeenView {
  planId: string;
  /** The stored marker after this call (never lower than before). */
  seenRevision: number;
  seenAt: string;
}
