/**
 * The plan's history in plain language: one sentence per committed change, deletes and restores
 * (goals, tasks, meetings, notes) and comments included.
 */
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

/** The GAS step of an evaluated goal, in words (the history never shows the number). */
function gasHistoryKey(rating: unknown): MessageKey {
  const steps: Record<string, MessageKey> = {
    '-2': 'history.gas.-2',
    '-1': 'history.gas.-1',
    '0': 'history.gas.0',
    '1': 'history.gas.1',
    '2': 'history.gas.2',
  };
  return steps[String(rating)] ?? 'history.gas.0';
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
  /** What a comment is on: the goal's or task's title, when the plan still has it. */
  const commentedOn = () => {
    const list = p.targetType === 'goal' ? plan.goals : p.targetType === 'task' ? plan.tasks : [];
    return (list as { id: string; title: string }[]).find((x) => x.id === p.targetId)?.title ?? '';
  };
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
    case 'consent.recorded':
      // Relatives and professionals read only whose access it is about (event-redaction.ts).
      return typeof ev.patch.givenOn === 'string'
        ? t('history.consentRecorded', { who, form: String(ev.patch.form), date: ev.patch.givenOn })
        : t('history.consentGiven', { who });
    case 'consent.document_attached':
      return t('history.consentDocument', { who });
    case 'consent.revoked':
      return t('history.consentRevoked', { who });
    case 'meeting.created':
      return t('history.meetingCreated', { who, title: nameOf('meetings') });
    case 'meeting.updated':
      return t('history.meetingUpdated', { who, title: nameOf('meetings'), fields: changed });
    case 'meeting.deleted':
      return t('history.meetingDeleted', { who });
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
    case 'journal_draft.updated':
      return t('history.journalDraftUpdated', { who });
    case 'evaluation.completed': {
      const items = Array.isArray(p.items) ? (p.items as { goalTitle?: unknown; rating?: unknown }[]) : [];
      const goals = items.map((i) => `${str(i.goalTitle)}: ${t(gasHistoryKey(i.rating))}`).join('; ');
      return t('history.evaluationCompleted', { who, count: items.length, goals });
    }
    case 'rating.drafted':
      return t('history.ratingDrafted', { who });
    case 'rating.checkin':
      return t('history.ratingCheckin', { who });
    case 'journal.deleted':
      return t('history.journalDeleted', { who });
    case 'journal.restored':
      return t('history.journalRestored', { who });
    case 'goal.restored':
      return t('history.goalRestored', { who, title: nameOf('goals') });
    case 'task.restored':
      return t('history.taskRestored', { who, title: nameOf('tasks') });
    case 'meeting.restored':
      return t('history.meetingRestored', { who, title: nameOf('meetings') });
    case 'comment.created':
    case 'comment.restored': {
      const title = commentedOn();
      const restored = ev.action === 'restored';
      if (title) return t(restored ? 'history.commentRestoredOn' : 'history.commentedOn', { who, title });
      return t(restored ? 'history.commentRestored' : 'history.commented', { who });
    }
    case 'comment.deleted':
      return t('history.commentDeleted', { who });
    default:
      if (ev.entityType === 'meeting') return t('history.meetingUpdated', { who, title: nameOf('meetings'), fields: changed });
      return t('history.other', { who });
  }
}
