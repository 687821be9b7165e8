/** Entity → wire format, in one place. */
import type { ConsentDocumentMeta, ConsentView, GoalView, MeetingView, MemberView, PlanSummary, TaskView } from '#contracts';
import type { Consent } from '../consent/consent.entity';
import type { Goal } from '../goals/goal.entity';
import type { Meeting } from '../meetings/meeting.entity';
import type { PlanMember } from '../members/plan-member.entity';
import type { Task } from '../tasks/task.entity';
import type { Plan } from './plan.entity';

/** The scanned consent documents' metadata of a plan (never their bytes), by record id. */
export async function consentDocumentsOf(
  manager: { query(sql: string, params: unknown[]): Promise<unknown> },
  planId: string,
): Promise<Map<string, ConsentDocumentMeta>> {
  const rows = (await manager.query(
    `SELECT record_id, content_type, byte_size, sha256, uploaded_at, uploaded_by_name FROM consent_documents WHERE plan_id = $1`,
    [planId],
  )) as {
    record_id: string;
    content_type: ConsentDocumentMeta['contentType'];
    byte_size: number;
    sha256: string;
    uploaded_at: Date;
    uploaded_by_name: string;
  }[];
  return new Map(
    rows.map((r) => [
      r.record_id,
      {
        contentType: r.content_type,
        size: r.byte_size,
        sha256: r.sha256,
        uploadedAt: r.uploaded_at.toISOString(),
        uploadedByName: r.uploaded_by_name,
      },
    ]),
  );
}

export function toPlanSummary(p: Plan): PlanSummary {
  return {
    id: p.id,
    tenantId: p.tenantId,
    personName: p.personName,
    title: p.title,
    whatMatters: p.whatMatters,
    resources: p.resources,
    needs: p.needs,
    cooperation: p.cooperation,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    nextEvaluation: p.nextEvaluation,
    status: p.status,
    revision: p.revision,
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function toMemberView(m: PlanMember, hasConsent: boolean): MemberView {
  return {
    id: m.id,
    accountId: m.accountId,
    name: m.name,
    email: m.email,
    phone: m.phone,
    role: m.role,
    service: m.service,
    organisation: m.organisation,
    contribution: m.contribution,
    status: m.status,
    hasConsent,
    fieldRevisions: m.fieldRevisions,
  };
}

/**
 * Each field of a view `V` and the property of the entity `E` it is, one whose type the field
 * takes: a field added to the view must be named, and a property of another type is refused.
 */
type ViewFields<E, V> = { [K in keyof V]-?: { [P in keyof E]: E[P] extends V[K] ? P : never }[keyof E] & string };

/**
 * The goal view's fields and the properties they are: `toGoalView` maps an entity by it, and
 * PostgreSQL builds the views of a plan load by it (`PlanViewsJson`).
 */
export const GOAL_VIEW_FIELDS: ViewFields<Goal, GoalView> = {
  id: 'id',
  title: 'title',
  description: 'description',
  lifeArea: 'lifeArea',
  status: 'status',
  targetDate: 'targetDate',
  position: 'position',
  fieldRevisions: 'fieldRevisions',
};

export function toGoalView(g: Goal): GoalView {
  return pickView<Goal, GoalView>(g, GOAL_VIEW_FIELDS);
}

/** As GOAL_VIEW_FIELDS, for tasks (`toTaskView`). */
export const TASK_VIEW_FIELDS: ViewFields<Task, TaskView> = {
  id: 'id',
  goalId: 'goalId',
  title: 'title',
  how: 'how',
  scope: 'scope',
  responsibleMemberId: 'responsibleMemberId',
  startDate: 'startDate',
  dueDate: 'dueDate',
  status: 'status',
  position: 'position',
  fieldRevisions: 'fieldRevisions',
};

export function toTaskView(t: Task): TaskView {
  return pickView<Task, TaskView>(t, TASK_VIEW_FIELDS);
}

/** The view of an entity by a field map (view key → property): one mapping for the entity path and PostgreSQL's (`PlanViewsJson`). */
function pickView<E extends object, V>(entity: E, fields: ViewFields<E, V>): V {
  const view: Record<string, unknown> = {};
  for (const key of Object.keys(fields) as (keyof V & string)[]) view[key] = entity[fields[key]];
  return view as V;
}

export function toMeetingView(m: Meeting): MeetingView {
  return {
    id: m.id,
    title: m.title,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt?.toISOString() ?? null,
    location: m.location,
    videoUrl: m.videoUrl,
    agenda: m.agenda,
    attendees: m.attendees,
    minutes: m.minutes,
    decisions: m.decisions,
    status: m.status,
    closedAt: m.closedAt?.toISOString() ?? null,
    closedBy: m.closedBy ? { accountId: m.closedBy, name: m.closedByName ?? '' } : null,
    nextMeetingId: m.nextMeetingId ?? null,
    fieldRevisions: m.fieldRevisions,
  };
}

export function toConsentView(c: Consent, documents?: ReadonlyMap<string, ConsentDocumentMeta>): ConsentView {
  return {
    id: c.id,
    kind: c.kind,
    memberId: c.memberId,
    form: c.form,
    givenByName: c.givenByName,
    givenAt: c.givenAt.toISOString(),
    revokedAt: c.revokedAt?.toISOString() ?? null,
    note: c.note,
    recordId: c.recordId ?? null,
    recordedByName: c.recordedByName ?? null,
    recordedAt: c.recordedAt?.toISOString() ?? null,
    document: (c.recordId && documents?.get(c.recordId)) || null,
  };
}
