/** The plan's history in plain language: one sentence per committed change. */
import type { PlanEventView, PlanView } from '#contracts';
import type { MessageKey, Translate } from '../i18n';

const FIELD_KEYS: Record<string, MessageKey> = {
  title: 'field.title',
  whatMatters: 'field.whatMatters',
  resources: 'field.resources',
  needs: 'field.needs',
  cooperation: 'field.cooperation',
  periodStart: 'field.periodStart',
  periodEnd: 'field.periodEnd',
  nextEvaluation: 'field.nextEvaluation',
  description: 'field.description',
  lifeArea: 'field.lifeArea',
  status: 'field.status',
  targetDate: 'field.targetDate',
  how: 'field.how',
  scope: 'field.scope',
  responsibleMemberId: 'field.responsible',
  dueDate: 'field.dueDate',
  startDate: 'field.startDate',
  minutes: 'field.minutes',
  agenda: 'field.agenda',
  attendees: 'field.attendees',
  location: 'field.location',
  contribution: 'field.contribution',
  phone: 'field.phone',
  role: 'field.role',
};

function fields(t: Translate, patch: Record<string, unknown>): string {
  return Object.keys(patch)
    .map((f) => (FIELD_KEYS[f] ? t(FIELD_KEYS[f]) : null))
    .filter(Boolean)
    .join(', ');
}

export function describeEvent(t: Translate, ev: PlanEventView, plan: PlanView): string {
  const who = ev.actor.name || t('conflict.someone');
  const p = ev.patch;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const nameOf = (collection: 'goals' | 'tasks' | 'meetings' | 'members') =>
    str(p.title) ||
    str(p.name) ||
    ((plan[collection] as { id: string; title?: string; name?: string }[]).find((x) => x.id === ev.entityId)?.title ?? '') ||
    ((plan[collection] as { id: string; name?: string }[]).find((x) => x.id === ev.entityId)?.name ?? '');
  const changed = fields(t, p);
  switch (`${ev.entityType}.${ev.action}`) {
    case 'plan.updated':
      return t('history.planUpdated', { who, fields: changed || t('history.someFields') });
    case 'plan.closed':
      return t('history.planClosed', { who });
    case 'plan.reopened':
      return t('history.planReopened', { who });
    case 'plan.reordered':
      return t('history.reordered', { who });
    case 'goal.created':
      return t('history.goalCreated', { who, title: nameOf('goals') });
    case 'goal.updated':
      return t('history.goalUpdated', { who, title: nameOf('goals'), fields: changed });
    case 'goal.deleted':
      return t('history.goalDeleted', { who });
    case 'task.created':
      return t('history.taskCreated', { who, title: nameOf('tasks') });
    case 'task.updated':
      return t('history.taskUpdated', { who, title: nameOf('tasks'), fields: changed });
    case 'task.deleted':
      return t('history.taskDeleted', { who });
    case 'member.invited':
      return t('history.memberInvited', { who, name: nameOf('members') });
    case 'member.joined':
      return t('history.memberJoined', { name: str(p.name) || who });
    case 'member.removed':
      return t('history.memberRemoved', { who, name: nameOf('members') });
    case 'member.updated':
      return t('history.memberUpdated', { who, name: nameOf('members') });
    case 'consent.given':
      return t('history.consentGiven', { who });
    case 'consent.revoked':
      return t('history.consentRevoked', { who });
    case 'meeting.created':
      return t('history.meetingCreated', { who, title: nameOf('meetings') });
    case 'meeting.updated':
      return t('history.meetingUpdated', { who, title: nameOf('meetings'), fields: changed });
    case 'meeting.decided': {
      const task = p.createdTask && typeof p.createdTask === 'object' ? str((p.createdTask as { title?: unknown }).title) : '';
      return task
        ? t('history.meetingDecidedTask', { who, title: nameOf('meetings'), task })
        : t('history.meetingDecided', { who, title: nameOf('meetings') });
    }
    case 'meeting.closed':
      return t('history.meetingClosed', { who, title: nameOf('meetings') });
    case 'meeting.reopened':
      return t('history.meetingReopened', { who, title: nameOf('meetings'), reason: str(p.reason) });
    case 'journal.created':
      return t('history.journalCreated', { who });
    default:
      if (ev.entityType === 'meeting') return t('history.meetingUpdated', { who, title: nameOf('meetings'), fields: changed });
      return t('history.other', { who });
  }
}
