/**
 * The plan beside the agenda in meeting mode, live: what matters, each goal with its tasks, and
 * the tasks not linked to a goal ("Andre tiltak"). What the meeting makes shows at once from the
 * plan's live events (live/apply-event.ts): tasks from this meeting's decisions, and goals and
 * tasks created or changed while the meeting is open, marked "Nytt"/"Endret" and listed in a
 * polite live region so a screen reader hears them too.
 */
import { Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useEffect, useMemo, useState } from 'react';
import type { MeetingView, TaskView } from '#contracts';
import { useLivePlan, usePlan } from '../live/context';
import { useMeetingI18n } from './i18n';

interface SeenHere {
  newGoals: Set<string>;
  changedGoals: Set<string>;
  newTasks: Set<string>;
}

/** Goals and tasks created or changed since this meeting page opened, from the live events. */
function useSeenHere(): SeenHere {
  const { live } = useLivePlan();
  const [seen, setSeen] = useState<SeenHere>(() => ({ newGoals: new Set(), changedGoals: new Set(), newTasks: new Set() }));
  useEffect(
    () =>
      live.onEvent((ev) => {
        const created = ev.action === 'created' || ev.action === 'restored';
        const taskId =
          ev.entityType === 'meeting' && ev.action === 'decided' ? (ev.patch.createdTask as { id?: string } | undefined)?.id : null;
        if (ev.entityType !== 'goal' && ev.entityType !== 'task' && !taskId) return;
        setSeen((s) => {
          const next = { newGoals: new Set(s.newGoals), changedGoals: new Set(s.changedGoals), newTasks: new Set(s.newTasks) };
          if (ev.entityType === 'goal' && created) next.newGoals.add(ev.entityId);
          else if (ev.entityType === 'goal' && ev.action === 'updated') next.changedGoals.add(ev.entityId);
          else if (ev.entityType === 'task' && created) next.newTasks.add(ev.entityId);
          if (taskId) next.newTasks.add(taskId);
          return next;
        });
      }),
    [live],
  );
  return seen;
}

export function MeetingPlanPanel({ meeting }: { meeting: MeetingView }) {
  const { m, t, formatDate } = useMeetingI18n();
  const plan = usePlan();
  const seen = useSeenHere();
  const nameOf = (id: string | null) => plan.members.find((x) => x.id === id)?.name ?? t('meeting.noOne');
  const fromDecisions = useMemo(() => new Set(meeting.decisions.map((d) => d.taskId).filter(Boolean) as string[]), [meeting.decisions]);
  const isNewTask = (id: string) => fromDecisions.has(id) || seen.newTasks.has(id);
  const goalIds = new Set(plan.goals.map((g) => g.id));
  const newTasks = plan.tasks.filter((task) => isNewTask(task.id));
  const newGoals = plan.goals.filter((g) => seen.newGoals.has(g.id) || seen.changedGoals.has(g.id));
  const others = plan.tasks.filter((task) => !task.goalId || !goalIds.has(task.goalId));

  const taskLine = (task: TaskView) => (
    <li key={task.id} data-task-id={task.id}>
      {task.title} · {nameOf(task.responsibleMemberId)}
      {task.dueDate ? ` · ${formatDate(task.dueDate)}` : ''} · {t(`taskStatus.${task.status}`)}{' '}
      {isNewTask(task.id) && (
        <Tag data-size="sm" data-color="success">
          {m('panel.newTag')}
        </Tag>
      )}
    </li>
  );

  return (
    <div className="stack">
      <section className="glance-new" aria-labelledby="meeting-new-title">
        <Heading level={3} data-size="2xs" id="meeting-new-title">
          {m('panel.newHere')}
        </Heading>
        <div aria-live="polite" aria-relevant="additions text">
          {newTasks.length === 0 && newGoals.length === 0 ? (
            <Paragraph data-size="sm">{m('panel.newHereEmpty')}</Paragraph>
          ) : (
            <ul>
              {newGoals.map((g) => (
                <li key={`goal-${g.id}`}>
                  {g.title}{' '}
                  <Tag data-size="sm" data-color={seen.newGoals.has(g.id) ? 'success' : 'info'}>
                    {seen.newGoals.has(g.id) ? m('panel.newTag') : m('panel.changedTag')}
                  </Tag>
                </li>
              ))}
              {newTasks.map((task) => (
                <li key={`task-${task.id}`}>
                  {task.title} · {nameOf(task.responsibleMemberId)}
                  {task.dueDate ? ` · ${formatDate(task.dueDate)}` : ''}
                  {task.goalId && goalIds.has(task.goalId) ? ` · ${plan.goals.find((g) => g.id === task.goalId)?.title}` : ''}
                </li>
              ))}
            </ul>
          )}
        </div>
      </section>
      <div>
        <Heading level={3} data-size="2xs">
          {t('plan.whatMatters.title', { name: plan.personName })}
        </Heading>
        <p className="pre-wrap">{plan.whatMatters || t('common.empty')}</p>
      </div>
      {plan.goals.map((g) => {
        const tasks = plan.tasks.filter((task) => task.goalId === g.id);
        return (
          <div key={g.id} className="glance-goal" data-goal-id={g.id}>
            <Heading level={3} data-size="2xs">
              {g.title} <Tag data-size="sm">{t(`goalStatus.${g.status}`)}</Tag>
            </Heading>
            {tasks.length ? <ul>{tasks.map(taskLine)}</ul> : <Paragraph data-size="sm">{m('panel.noTasks')}</Paragraph>}
          </div>
        );
      })}
      {others.length > 0 && (
        <div className="glance-goal" data-goal-id="none">
          <Heading level={3} data-size="2xs">
            {m('panel.otherTasks')}
          </Heading>
          <ul>{others.map(taskLine)}</ul>
        </div>
      )}
    </div>
  );
}
