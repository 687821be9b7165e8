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
 * The goal view's fields and the properties they are, for PostgreSQL to build the views of a plan
 * load (`PlanViewsJson`); the same mapping as `toGoalView`.
 */
export const GOAL_VIEW_FIELDS: { [K in keyof GoalView]-?: keyof Goal & string } = {
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
  return {
    id: g.id,
    title: g.title,
    description: g.description,
    lifeArea: g.lifeArea,
    status: g.status,
    targetDate: g.targetDate,
    position: g.position,
    fieldRevisions: g.fieldRevisions,
  };
}

/** As GOAL_VIEW_FIELDS, for `toTaskView`. */
export const TASK_VIEW_FIELDS: { [K in keyof TaskView]-?: keyof Task & string } = {
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
  return {
    id: t.id,
    goalId: t.goalId,
    title: t.title,
    how: t.how,
    scope: t.scope,
    responsibleMemberId: t.responsibleMemberId,
    startDate: t.startDate,
    dueDate: t.dueDate,
    status: t.status,
    position: t.position,
    fieldRevisions: t.fieldRevisions,
  };
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
