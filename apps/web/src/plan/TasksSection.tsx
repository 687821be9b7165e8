/** Oppgaver: every task in the plan, mine first, due first; the same cards as under the goals. */
import { Heading, Paragraph } from '@digdir/designsystemet-react';
import type { TaskView } from '#contracts';
import { usePlan } from '../live/context';
import { byDue, TaskList } from './GoalsSection';
import { usePlanI18n } from './i18n';
import { Section } from './Section';

export function TasksSection() {
  const { p } = usePlanI18n();
  const plan = usePlan();
  const open = plan.tasks.filter((t) => t.status !== 'done' && t.status !== 'cancelled').sort(byDue);
  const mine = open.filter((t) => t.responsibleMemberId === plan.myMemberId);
  const others = open.filter((t) => t.responsibleMemberId !== plan.myMemberId);
  const done = plan.tasks.filter((t) => t.status === 'done' || t.status === 'cancelled');
  const group = (title: string, tasks: TaskView[]) => (
    <div className="stack-sm">
      <Heading level={3} data-size="xs">
        {title}
      </Heading>
      {tasks.length ? <TaskList tasks={tasks} /> : <Paragraph data-size="sm">{p('tasks.none')}</Paragraph>}
    </div>
  );
  return (
    <Section id="tasks" title={p('tasks.title')} intro={<Paragraph>{p('tasks.intro')}</Paragraph>}>
      {group(p('tasks.mine'), mine)}
      {group(p('tasks.others'), others)}
      {done.length > 0 && group(p('tasks.done'), done)}
    </Section>
  );
}
