/** Mål og tiltak: each goal with its tasks (what, how, how much, who, by when, status). */
import { Alert, Button, Card, Heading, Paragraph, Select, Field, Label, Textfield } from '@digdir/designsystemet-react';
import { useId, useState, type FormEvent } from 'react';
import { GOAL_STATUSES, LIFE_AREAS, TASK_STATUSES, type ChangeResult, type GoalView, type TaskView } from '#contracts';
import { del, post } from '../api/client';
import { errorText } from '../api/errors';
import { AutoField } from '../components/AutoField';
import { ResponsibleAndDue } from '../components/ResponsibleAndDue';
import { useI18n } from '../i18n';
import { useMay, usePlan } from '../live/context';
import { newMutationId } from '../live/edits';
import { Section } from './Section';

export function GoalsSection() {
  const { t } = useI18n();
  const plan = usePlan();
  const may = useMay();
  const goals = [...plan.goals].sort((a, b) => a.position - b.position);
  const loose = plan.tasks.filter((task) => !task.goalId || !plan.goals.some((g) => g.id === task.goalId));
  return (
    <Section id="goals" title={t('plan.goals.title')} intro={<Paragraph>{t('plan.goals.intro')}</Paragraph>}>
      {goals.length === 0 && <Paragraph>{t('plan.goals.empty')}</Paragraph>}
      <ol className="goal-list">
        {goals.map((goal, i) => (
          <li key={goal.id}>
            <GoalCard goal={goal} number={i + 1} />
          </li>
        ))}
      </ol>
      {may('goal.write') && <NewGoalForm />}
      {loose.length > 0 && (
        <div className="stack">
          <Heading level={3} data-size="sm">
            {t('plan.tasks.other')}
          </Heading>
          <TaskList tasks={loose} />
        </div>
      )}
    </Section>
  );
}

function GoalCard({ goal, number }: { goal: GoalView; number: number }) {
  const { t, formatDate } = useI18n();
  const plan = usePlan();
  const may = useMay();
  const readOnly = !may('goal.write');
  const tasks = plan.tasks.filter((task) => task.goalId === goal.id).sort((a, b) => a.position - b.position);
  return (
    <Card className="goal-card stack" data-goal-id={goal.id}>
      <Heading level={3} data-size="sm">
        {t('plan.goals.number', { n: number })}: {goal.title}
      </Heading>
      {goal.targetDate && <Paragraph data-size="sm">{t('plan.goals.targetBy', { date: formatDate(goal.targetDate) })}</Paragraph>}
      <AutoField
        entityType="goal"
        entityId={goal.id}
        field="title"
        label={t('plan.goals.fields.title')}
        value={goal.title}
        readOnly={readOnly}
      />
      <AutoField
        entityType="goal"
        entityId={goal.id}
        field="description"
        kind="textarea"
        rows={2}
        label={t('plan.goals.fields.description')}
        value={goal.description}
        readOnly={readOnly}
      />
      <div className="grid-3">
        <AutoField
          entityType="goal"
          entityId={goal.id}
          field="lifeArea"
          kind="select"
          label={t('plan.goals.fields.lifeArea')}
          value={goal.lifeArea}
          options={LIFE_AREAS.map((a) => ({ value: a, label: t(`lifeArea.${a}`) }))}
          readOnly={readOnly}
        />
        <AutoField
          entityType="goal"
          entityId={goal.id}
          field="status"
          kind="select"
          label={t('plan.goals.fields.status')}
          value={goal.status}
          options={GOAL_STATUSES.map((s) => ({ value: s, label: t(`goalStatus.${s}`) }))}
          readOnly={readOnly}
        />
        <AutoField
          entityType="goal"
          entityId={goal.id}
          field="targetDate"
          kind="date"
          label={t('plan.goals.fields.targetDate')}
          value={goal.targetDate}
          readOnly={readOnly}
        />
      </div>
      <Heading level={4} data-size="xs">
        {t('plan.tasks.title')}
      </Heading>
      {tasks.length ? <TaskList tasks={tasks} /> : <Paragraph data-size="sm">{t('plan.tasks.empty')}</Paragraph>}
      {may('task.write') && <NewTaskForm goalId={goal.id} />}
      {!readOnly && (
        <DeleteButton
          path={`/api/plans/${plan.id}/goals/${goal.id}`}
          label={t('plan.goals.delete')}
          confirm={t('plan.goals.deleteConfirm')}
        />
      )}
    </Card>
  );
}

export function TaskList({ tasks }: { tasks: TaskView[] }) {
  return (
    <ul className="task-list">
      {tasks.map((task) => (
        <li key={task.id}>
          <TaskCard task={task} />
        </li>
      ))}
    </ul>
  );
}

function TaskCard({ task }: { task: TaskView }) {
  const { t } = useI18n();
  const plan = usePlan();
  const may = useMay();
  const readOnly = !may('task.write');
  const members = plan.members.filter((m) => m.status !== 'removed');
  return (
    <div className="task-card stack-sm" data-task-id={task.id}>
      <AutoField
        entityType="task"
        entityId={task.id}
        field="title"
        label={t('plan.tasks.fields.title')}
        value={task.title}
        readOnly={readOnly}
      />
      <AutoField
        entityType="task"
        entityId={task.id}
        field="how"
        kind="textarea"
        rows={2}
        label={t('plan.tasks.fields.how')}
        value={task.how}
        readOnly={readOnly}
      />
      <div className="grid-2">
        <AutoField
          entityType="task"
          entityId={task.id}
          field="scope"
          label={t('plan.tasks.fields.scope')}
          description={t('plan.tasks.fields.scopeHint')}
          value={task.scope}
          readOnly={readOnly}
        />
        <AutoField
          entityType="task"
          entityId={task.id}
          field="responsibleMemberId"
          kind="select"
          nullable
          label={t('plan.tasks.fields.responsible')}
          value={task.responsibleMemberId}
          options={members.map((m) => ({ value: m.id, label: `${m.name} (${t(`role.${m.role}`)})` }))}
          readOnly={readOnly}
        />
        <AutoField
          entityType="task"
          entityId={task.id}
          field="dueDate"
          kind="date"
          label={t('plan.tasks.fields.dueDate')}
          value={task.dueDate}
          readOnly={readOnly}
        />
        <AutoField
          entityType="task"
          entityId={task.id}
          field="status"
          kind="select"
          label={t('plan.tasks.fields.status')}
          value={task.status}
          options={TASK_STATUSES.map((s) => ({ value: s, label: t(`taskStatus.${s}`) }))}
          readOnly={readOnly}
        />
      </div>
      {!readOnly && (
        <DeleteButton
          path={`/api/plans/${plan.id}/tasks/${task.id}`}
          label={t('plan.tasks.delete')}
          confirm={t('plan.tasks.deleteConfirm')}
        />
      )}
    </div>
  );
}

/** Two steps, so one wrong click never removes anything. */
function DeleteButton({ path, label, confirm }: { path: string; label: string; confirm: string }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!asking)
    return (
      <div>
        <Button variant="tertiary" data-size="sm" data-color="danger" onClick={() => setAsking(true)}>
          {label}
        </Button>
      </div>
    );
  return (
    <div className="confirm stack-sm" role="group" aria-label={label}>
      <Paragraph data-size="sm">{confirm}</Paragraph>
      {error && <Paragraph data-size="sm">{error}</Paragraph>}
      <div className="actions">
        <Button
          data-size="sm"
          data-color="danger"
          onClick={() => {
            del(`${path}?clientMutationId=${newMutationId()}`).catch((err: unknown) => setError(errorText(t, err)));
          }}
        >
          {t('common.yesDelete')}
        </Button>
        <Button data-size="sm" variant="secondary" onClick={() => setAsking(false)}>
          {t('common.cancel')}
        </Button>
      </div>
    </div>
  );
}

function NewGoalForm() {
  const { t } = useI18n();
  const plan = usePlan();
  const id = useId();
  const [title, setTitle] = useState('');
  const [lifeArea, setLifeArea] = useState<string>('hverdagsmestring');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return setError(t('plan.goals.titleRequired'));
    setBusy(true);
    setError(null);
    try {
      await post<ChangeResult>(`/api/plans/${plan.id}/goals`, { title: title.trim(), lifeArea, clientMutationId: newMutationId() });
      setTitle('');
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="new-item stack-sm" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-h`}>
      <Heading level={3} data-size="xs" id={`${id}-h`}>
        {t('plan.goals.new')}
      </Heading>
      {error && (
        <Alert data-color="danger" data-size="sm">
          <Paragraph data-size="sm">{error}</Paragraph>
        </Alert>
      )}
      <Textfield
        label={t('plan.goals.fields.title')}
        description={t('plan.goals.titleHint')}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
      />
      <Field>
        <Label htmlFor={`${id}-area`}>{t('plan.goals.fields.lifeArea')}</Label>
        <Select id={`${id}-area`} value={lifeArea} onChange={(e) => setLifeArea(e.target.value)}>
          {LIFE_AREAS.map((a) => (
            <Select.Option key={a} value={a}>
              {t(`lifeArea.${a}`)}
            </Select.Option>
          ))}
        </Select>
      </Field>
      <div>
        <Button type="submit" loading={busy}>
          {t('plan.goals.add')}
        </Button>
      </div>
    </form>
  );
}

function NewTaskForm({ goalId }: { goalId: string | null }) {
  const { t } = useI18n();
  const plan = usePlan();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [responsible, setResponsible] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!open)
    return (
      <div>
        <Button variant="secondary" data-size="sm" onClick={() => setOpen(true)}>
          {t('plan.tasks.new')}
        </Button>
      </div>
    );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return setError(t('plan.tasks.titleRequired'));
    setBusy(true);
    setError(null);
    try {
      await post<ChangeResult>(`/api/plans/${plan.id}/tasks`, {
        title: title.trim(),
        goalId,
        responsibleMemberId: responsible || null,
        dueDate: dueDate || null,
        clientMutationId: newMutationId(),
      });
      setTitle('');
      setResponsible('');
      setDueDate('');
      setOpen(false);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="new-item stack-sm" onSubmit={(e) => void submit(e)} noValidate aria-label={t('plan.tasks.new')}>
      {error && (
        <Alert data-color="danger" data-size="sm">
          <Paragraph data-size="sm">{error}</Paragraph>
        </Alert>
      )}
      <Textfield label={t('plan.tasks.fields.title')} value={title} onChange={(e) => setTitle(e.target.value)} />
      <ResponsibleAndDue
        members={plan.members}
        responsible={responsible}
        onResponsible={setResponsible}
        dueDate={dueDate}
        onDueDate={setDueDate}
      />
      <div className="actions">
        <Button type="submit" loading={busy}>
          {t('plan.tasks.add')}
        </Button>
        <Button variant="tertiary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
