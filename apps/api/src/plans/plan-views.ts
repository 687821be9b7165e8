/** Entity → wire format, in one place. */
import type { ConsentView, GoalView, MeetingView, MemberView, PlanSummary, TaskView } from '#contracts';
import type { Consent } from '../consent/consent.entity';
import type { Goal } from '../goals/goal.entity';
import type { Meeting } from '../meetings/meeting.entity';
import type { PlanMember } from '../members/plan-member.entity';
import type { Task } from '../tasks/task.entity';
import type { Plan } from './plan.entity';

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

export function toConsentView(c: Consent): ConsentView {
  return {
    id: c.id,
    kind: c.kind,
    memberId: c.memberId,
    form: c.form,
    givenByName: c.givenByName,
    givenAt: c.givenAt.toISOString(),
    revokedAt: c.revokedAt?.toISOString() ?? null,
    note: c.note,
  };
}
