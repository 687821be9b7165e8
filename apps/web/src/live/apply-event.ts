/**
 * Applies one committed plan event to the plan the browser holds. Pure. Returns null when the
 * event cannot be applied from its patch alone (consent, closing a plan, ...): the caller then
 * reloads a snapshot. Events must be applied in revision order; the caller guarantees that.
 */
import type { FieldRevisions, GoalView, MeetingView, MemberView, PlanEventView, PlanView, TaskView } from '#contracts';

type Collection = 'goals' | 'tasks' | 'members' | 'meetings';
type Item = GoalView | TaskView | MemberView | MeetingView;

const COLLECTIONS: Partial<Record<PlanEventView['entityType'], Collection>> = {
  goal: 'goals',
  task: 'tasks',
  member: 'members',
  meeting: 'meetings',
};

const PLAN_FIELDS = new Set([
  'title',
  'whatMatters',
  'resources',
  'needs',
  'cooperation',
  'periodStart',
  'periodEnd',
  'nextEvaluation',
  'status',
  'personName',
]);

function revisionsFor(patch: Record<string, unknown>, ev: PlanEventView, current: FieldRevisions = {}): FieldRevisions {
  const next = { ...current };
  for (const field of Object.keys(patch)) next[field] = { rev: ev.revision, by: ev.actor.accountId };
  return next;
}

/** Merges a patch, but never over a field the browser knows a newer value of (its own save). */
function merge<T extends { fieldRevisions: FieldRevisions }>(entity: T, patch: Record<string, unknown>, ev: PlanEventView): T {
  const fresh: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(patch)) {
    const known = entity.fieldRevisions[field];
    if (known && known.rev > ev.revision) continue;
    fresh[field] = value;
  }
  return { ...entity, ...fresh, fieldRevisions: revisionsFor(fresh, ev, entity.fieldRevisions) };
}

export function applyEvent(plan: PlanView, ev: PlanEventView): PlanView | null {
  const bumped = { ...plan, revision: ev.revision, updatedAt: ev.at };
  // The journal (and the note being written together), the comments and the answers to meetings (rsvp) are not part of the plan view.
  // Nor are the person's own ratings (drafts, check-ins); an evaluation changes goals and dates: reload.
  if (
    ev.entityType === 'journal' ||
    ev.entityType === 'journal_draft' ||
    ev.entityType === 'comment' ||
    ev.entityType === 'rating' ||
    ev.entityType === 'rsvp'
  )
    return bumped;
  if (ev.entityType === 'plan') {
    if (ev.action === 'reordered') return reorder(bumped, ev);
    const keys = Object.keys(ev.patch);
    if (!keys.every((k) => PLAN_FIELDS.has(k)) || (ev.action !== 'updated' && ev.action !== 'status')) return null;
    return merge(bumped, ev.patch, ev);
  }
  if (ev.entityType === 'meeting' && MEETING_ACTIONS.has(ev.action)) return applyMeetingEvent(bumped, ev);
  const collection = COLLECTIONS[ev.entityType];
  if (!collection) return null;
  const list = plan[collection] as Item[];
  const index = list.findIndex((item) => item.id === ev.entityId);
  switch (ev.action) {
    case 'created':
    case 'restored': // a restore carries the whole item, like a create
    case 'invited': {
      const { relinkedTaskIds: _relinked, ...fields } = ev.patch;
      const created = { ...fields, id: ev.entityId, fieldRevisions: revisionsFor(fields, ev) } as unknown as Item;
      const next = index >= 0 ? list.map((item, i) => (i === index ? created : item)) : [...list, created];
      return relinkTasks({ ...bumped, [collection]: next }, ev, 'relinkedTaskIds', ev.entityId);
    }
    case 'updated':
    case 'joined': {
      if (index < 0) return null;
      return { ...bumped, [collection]: list.map((item, i) => (i === index ? merge(item, ev.patch, ev) : item)) };
    }
    case 'deleted':
    case 'removed':
      return relinkTasks({ ...bumped, [collection]: list.filter((item) => item.id !== ev.entityId) }, ev, 'unlinkedTaskIds', null);
    default:
      return null;
  }
}

/** A goal's delete unlinks its tasks and its restore links them again (the ids are in the patch). */
function relinkTasks(plan: PlanView, ev: PlanEventView, field: 'relinkedTaskIds' | 'unlinkedTaskIds', goalId: string | null): PlanView {
  const ids = ev.entityType === 'goal' ? ev.patch[field] : undefined;
  if (!Array.isArray(ids) || !ids.length) return plan;
  const set = new Set(ids.map(String));
  return { ...plan, tasks: plan.tasks.map((t) => (set.has(t.id) ? { ...t, goalId } : t)) };
}

function reorder(plan: PlanView, ev: PlanEventView): PlanView | null {
  const order = ev.patch.order;
  if (!Array.isArray(order)) return null;
  const rank = new Map(order.map((id, i) => [String(id), i]));
  const sortBy = <T extends { id: string; position: number }>(items: T[]) =>
    items.map((item) => (rank.has(item.id) ? { ...item, position: rank.get(item.id)! } : item)).sort((a, b) => a.position - b.position);
  const ids = new Set(order.map(String));
  if (plan.goals.some((g) => ids.has(g.id))) return { ...plan, goals: sortBy(plan.goals) };
  if (plan.tasks.some((t) => ids.has(t.id))) return { ...plan, tasks: sortBy(plan.tasks) };
  return plan;
}

/** What meeting mode does beyond created/updated: a decision (with its task), a close (with the next meeting), a reopen. */
const MEETING_ACTIONS = new Set(['decided', 'closed', 'reopened']);

/**
 * A decision adds the task made from it (`createdTask`) to the plan, so the meeting's plan panel
 * shows it live; a close adds the next meeting set in the same step (`createdMeeting`). A redacted
 * event (or one of a meeting the browser does not hold) cannot be applied: the caller reloads.
 */
function applyMeetingEvent(plan: PlanView, ev: PlanEventView): PlanView | null {
  if (ev.redacted) return null;
  const index = plan.meetings.findIndex((m) => m.id === ev.entityId);
  if (index < 0) return null;
  const {
    createdTask,
    createdMeeting,
    reason: _reason,
    ...fields
  } = ev.patch as Record<string, unknown> & {
    createdTask?: Omit<TaskView, 'fieldRevisions'>;
    createdMeeting?: Omit<MeetingView, 'fieldRevisions'>;
  };
  let meetings = plan.meetings.map((m, i) => (i === index ? merge(m, fields, ev) : m));
  let tasks = plan.tasks;
  if (createdTask && !tasks.some((t) => t.id === createdTask.id))
    tasks = [...tasks, { ...createdTask, fieldRevisions: revisionsFor(createdTask, ev) } as TaskView];
  if (createdMeeting && !meetings.some((m) => m.id === createdMeeting.id))
    meetings = [...meetings, { ...createdMeeting, fieldRevisions: revisionsFor(createdMeeting, ev) } as MeetingView];
  return { ...plan, meetings, tasks };
}
