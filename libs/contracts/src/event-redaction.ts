/**
 * What a recipient may read of a plan event, by the permission matrix: the one place that
 * decides it, used by the live fan-out, the catch-up on join, the socket's range requests and the
 * REST change log alike. Pure.
 *
 * Each entity type's events need one plan action to be read whole. A reader without it but with
 * `partial.action` gets the event with only `partial.fields` of its patch (and `redacted: true`),
 * so that revisions stay gapless and a client knows to reload what it may see; anyone else gets
 * nothing. A role that needs consent reads nothing without consent in force.
 */
import { PLAN_PERMISSIONS, planRoleMay, type PlanAction } from './permissions';
import type { EntityType, PlanEventView } from './plans';
import type { PlanRole } from './roles';

export interface EventReadRule {
  action: PlanAction;
  partial?: { action: PlanAction; fields: readonly string[] };
}

export const EVENT_READ_RULES: Readonly<Record<EntityType, EventReadRule>> = {
  plan: { action: 'plan.read' },
  member: { action: 'plan.read' },
  goal: { action: 'plan.read' },
  task: { action: 'plan.read' },
  meeting: { action: 'meeting.read' },
  // Who has said they come to a meeting is read with the meeting.
  rsvp: { action: 'meeting.read' },
  journal: { action: 'journal.read' },
  // The note being written together is read like the journal it is about to join: whoever may
  // read the journal reads the draft (read-only without journal.write); nobody else sees a word.
  journal_draft: { action: 'journal.read' },
  // Comments on a goal or task are read with the item.
  comment: { action: 'plan.read' },
  // The consent record (who gave it, when, the person's own note) is for `consent.read`; the rest
  // of the plan sees only what the plan view shows anyway: whose access it is about (a member's
  // `hasConsent`; `memberIds` when one record from paper covers several) and the plan's status.
  // A scanned paper's metadata (document_attached) is for `consent.read` only.
  consent: { action: 'consent.read', partial: { action: 'plan.read', fields: ['kind', 'memberId', 'memberIds', 'planStatus'] } },
  // An evaluation (ratings, decisions, the goals and dates it changed) is part of the plan.
  evaluation: { action: 'plan.read' },
  // The person's own ratings between evaluations (drafts, check-ins) are for `checkin.read`; the
  // rest of the plan gets the revision without a word of it (the plan view does not change).
  rating: { action: 'checkin.read', partial: { action: 'plan.read', fields: [] } },
};

/**
 * What happens to a meeting, as plan events (entity 'meeting'). All are read with `meeting.read`,
 * like the meeting itself, so a member without consent in force reads none of them: `decided`
 * carries the new decisions and the task made from one (`createdTask`); `closed` the approved
 * meeting (`closedAt`, `closedBy`, `attendees`: who was present) and the next meeting set in the
 * same step (`createdMeeting`); `reopened` the reason for the correction.
 */
export const MEETING_EVENT_ACTIONS = ['created', 'updated', 'deleted', 'restored', 'decided', 'closed', 'reopened'] as const;
export type MeetingEventAction = (typeof MEETING_EVENT_ACTIONS)[number];

/** Who receives an event: their role in the plan and whether the person's consent for them is in force. */
export interface EventReader {
  role: PlanRole;
  hasConsent: boolean;
}

export type EventVisibility = 'full' | 'partial' | 'none';

export function eventVisibility(entityType: EntityType, reader: EventReader): EventVisibility {
  if (PLAN_PERMISSIONS[reader.role].requiresConsent && !reader.hasConsent) return 'none';
  const rule = EVENT_READ_RULES[entityType];
  if (planRoleMay(reader.role, rule.action)) return 'full';
  if (rule.partial && planRoleMay(reader.role, rule.partial.action)) return 'partial';
  return 'none';
}

/** The event as one visibility shows it: the same object when full, null when none. */
export function eventAs(event: PlanEventView, visibility: EventVisibility): PlanEventView | null {
  if (visibility === 'full') return event;
  if (visibility === 'none') return null;
  const fields = EVENT_READ_RULES[event.entityType].partial?.fields ?? [];
  const patch: Record<string, unknown> = {};
  for (const field of fields) if (field in event.patch) patch[field] = event.patch[field];
  return { ...event, patch, clientMutationId: null, redacted: true };
}

/** The event as this reader may read it, or null when they may read none of it. */
export function redactPlanEvent(event: PlanEventView, reader: EventReader): PlanEventView | null {
  return eventAs(event, eventVisibility(event.entityType, reader));
}

/** A list of events as this reader may read them (in order; events they may not see are left out). */
export function redactPlanEvents(events: readonly PlanEventView[], reader: EventReader): PlanEventView[] {
  const out: PlanEventView[] = [];
  for (const event of events) {
    const visible = redactPlanEvent(event, reader);
    if (visible) out.push(visible);
  }
  return out;
}
