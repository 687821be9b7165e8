/**
 * Mål og tiltak, read first: each goal a compact card (title once, how it is going, the next
 * tasks with who, when and how much); details when opened; "Endre" turns one goal or one task
 * into a form in place (autosave, presence and conflicts as everywhere), the rest stays text.
 */
import { Alert, Button, Details, Field, Heading, Label, Paragraph, Select, Tag, Textfield } from '@digdir/designsystemet-react';
import { lazy, Suspense, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { GOAL_STATUSES, LIFE_AREAS, TASK_STATUSES, type ChangeResult, type GoalView, type TaskView } from '#contracts';
import { post } from '../api/client';
import { errorText } from '../api/errors';
import { AutoField } from '../components/LazyAutoField';
import { PresenceMarker } from '../components/PresenceMarker';
import { OTHER_RESPONSIBLE, ResponsibleAndDue } from '../components/ResponsibleAndDue';
import { useFormDraft } from '../components/use-draft';
import { useLivePlan, useLiveState, useMay, usePlan } from '../live/context';
import { fieldKey, newMutationId, type EditableType } from '../live/edits';
import { CommentToggle } from './CommentThread';
import { useEditing } from './editing';
import { usePlanI18n } from './i18n';
import { useSeen } from './seen';
import { useRemove } from './undo';
import { Section } from './Section';

/** A task's responsible not in the group yet: picked or invited from the task form (loaded when asked for). */
const NewResponsible = lazy(() => import('../gather/NewResponsible'));

/**
 * After "add", the form stays open and empty for the next one, with focus in its first field and
 * the add announced (WCAG 2.4.3); opened by its button, focus goes to that field too.
 */
function useNextEntryFocus() {
  const first = useRef<HTMLInputElement>(null);
  const [added, setAdded] = useState(0);
  const [focusWanted, setFocusWanted] = useState(false);
  useEffect(() => {
    if (!focusWanted) return;
    first.current?.focus();
    setFocusWanted(false);
  }, [focusWanted]);
  return { first, added, focusFirst: () => setFocusWanted(true), markAdded: () => setAdded((n) => n + 1) };
}

export function GoalsSection() {
  const { t, p } = usePlanI18n();
  const plan = usePlan();
  const may = useMay();
  const goals = [...plan.goals].sort((a, b) => a.position - b.position);
  const loose = plan.tasks.filter((task) => !task.goalId || !plan.goals.some((g) => g.id === task.goalId));
  return (
    <Section id="goals" title={t('plan.goals.title')} intro={<Paragraph>{p('goals.intro')}</Paragraph>}>
      {goals.length === 0 && <Paragraph>{t('plan.goals.empty')}</Paragraph>}
      <ol className="goal-list">
        {goals.map((goal) => (
          <li key={goal.id}>
            <GoalCard goal={goal} />
          </li>
        ))}
      </ol>
      {loose.length > 0 && (
        <div className="stack-sm">
          <Heading level={3} data-size="xs">
            {t('plan.tasks.other')}
          </Heading>
          <TaskList tasks={loose} />
        </div>
      )}
      {may('goal.write') && <NewGoalForm />}
    </Section>
  );
}

/** Others editing any field of this item now (shown on the card while it is read). */
function useEditorsOf(entityType: EditableType, entityId: string) {
  const { accountId } = useLivePlan();
  const { participants } = useLiveState();
  return participants.filter(
    (q) => q.accountId !== accountId && q.focus.some((f) => f.mode === 'editing' && f.entityType === entityType && f.entityId === entityId),
  );
}

/** Earliest due date first, undated last. */
export function byDue(a: TaskView, b: TaskView): number {
  return (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.position - b.position;
}

function GoalCard({ goal }: { goal: GoalView }) {
  const { t, p, formatDate } = usePlanI18n();
  const plan = usePlan();
  const may = useMay();
  const editing = useEditing('goal', goal.id);
  const editors = useEditorsOf('goal', goal.id);
  const isNew = useSeen().isNew(goal.fieldRevisions);
  const tasks = plan.tasks.filter((task) => task.goalId === goal.id);
  const open = tasks.filter((task) => task.status !== 'done' && task.status !== 'cancelled').sort(byDue);
  const done = tasks.filter((task) => task.status === 'done');
  const headingId = useId();
  return (
    <article
      className={`goal-card stack-sm${isNew ? ' is-new' : ''}`}
      data-goal-id={goal.id}
      aria-labelledby={headingId}
      data-editing-item={editing.isEditing ? 'true' : undefined}
    >
      <div className="card-head">
        <Heading level={3} data-size="sm" id={headingId} className="goal-title">
          {goal.title}
        </Heading>
        {isNew && <Tag data-color="warning">{p('seen.new')}</Tag>}
      </div>
      <div className="tags">
        <Tag data-color={goal.status === 'achieved' ? 'success' : 'info'}>{t(`goalStatus.${goal.status}`)}</Tag>
        <Tag data-color="neutral">{t(`lifeArea.${goal.lifeArea}`)}</Tag>
      </div>
      <Paragraph data-size="sm" className="goal-progress">
        {tasks.length ? p('goals.progress', { done: done.length, total: tasks.length }) : p('goals.noTasks')}
        {goal.targetDate ? ` · ${t('plan.goals.targetBy', { date: formatDate(goal.targetDate) })}` : ''}
      </Paragraph>
      <PresenceMarker editors={editors} />
      {editing.isEditing ? (
        <GoalForm goal={goal} onDone={editing.stop} />
      ) : (
        <>
          {open.length > 0 && <TaskList tasks={open} label={p('goals.next')} />}
          <Details>
            <Details.Summary>{p('goals.details')}</Details.Summary>
            <Details.Content className="stack-sm">
              <Paragraph className="prose">{goal.description || p('edit.empty')}</Paragraph>
              {done.length > 0 && (
                <>
                  <Heading level={4} data-size="2xs">
                    {p('goals.doneTasks', { count: done.length })}
                  </Heading>
                  <TaskList tasks={done} />
                </>
              )}
            </Details.Content>
          </Details>
          <div className="actions">
            {may('goal.write') && (
              <Button variant="secondary" data-size="sm" onClick={editing.start} aria-label={p('edit.startLabel', { title: goal.title })}>
                {p('edit.start')}
              </Button>
            )}
            <CommentToggle targetType="goal" targetId={goal.id} title={goal.title} />
          </div>
        </>
      )}
      {may('task.write') && <NewTaskForm goalId={goal.id} />}
    </article>
  );
}

function GoalForm({ goal, onDone }: { goal: GoalView; onDone(): void }) {
  const { t } = usePlanI18n();
  const plan = usePlan();
  return (
    <div className="edit-form stack-sm">
      <AutoField entityType="goal" entityId={goal.id} field="title" label={t('plan.goals.fields.title')} value={goal.title} />
      <AutoField
        entityType="goal"
        entityId={goal.id}
        field="description"
        kind="textarea"
        rows={2}
        label={t('plan.goals.fields.description')}
        value={goal.description}
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
        />
        <AutoField
          entityType="goal"
          entityId={goal.id}
          field="status"
          kind="select"
          label={t('plan.goals.fields.status')}
          value={goal.status}
          options={GOAL_STATUSES.map((s) => ({ value: s, label: t(`goalStatus.${s}`) }))}
        />
        <AutoField
          entityType="goal"
          entityId={goal.id}
          field="targetDate"
          kind="date"
          label={t('plan.goals.fields.targetDate')}
          value={goal.targetDate}
        />
      </div>
      <EditActions path={`/api/plans/${plan.id}/goals/${goal.id}`} label={goal.title} removeText={t('plan.goals.delete')} onDone={onDone} />
    </div>
  );
}

/** Under an item's fields: "Ferdig med å endre", and remove (one click, with "Angre" after). */
function EditActions({ path, label, removeText, onDone }: { path: string; label: string; removeText: string; onDone(): void }) {
  const { t, p } = usePlanI18n();
  const remove = useRemove();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      {error && <Paragraph data-size="sm">{error}</Paragraph>}
      <div className="actions">
        <Button data-size="sm" onClick={onDone}>
          {p('edit.done')}
        </Button>
        <Button
          variant="tertiary"
          data-size="sm"
          data-color="danger"
          onClick={() => {
            remove({ path, label }).catch((err: unknown) => setError(errorText(t, err)));
          }}
        >
          {removeText}
        </Button>
      </div>
    </>
  );
}

export function TaskList({ tasks, label }: { tasks: TaskView[]; label?: string }) {
  return (
    <ul className="task-list" aria-label={label}>
      {tasks.map((task) => (
        <li key={task.id}>
          <TaskCard task={task} />
        </li>
      ))}
    </ul>
  );
}

/** One task as a line or two of text: what, who, by when, how much; done in one tap. */
export function TaskCard({ task }: { task: TaskView }) {
  const { t, p, formatDate } = usePlanI18n();
  const plan = usePlan();
  const may = useMay();
  const { edits } = useLivePlan();
  const editing = useEditing('task', task.id);
  const editors = useEditorsOf('task', task.id);
  const isNew = useSeen().isNew(task.fieldRevisions);
  const responsible = plan.members.find((m) => m.id === task.responsibleMemberId);
  const mine = responsible?.id === plan.myMemberId;
  const status = (edits.get(fieldKey('task', task.id, 'status'))?.value as string | undefined) ?? task.status;
  const facts = [
    responsible ? p('task.who', { name: mine ? p('task.mine') : responsible.name }) : p('task.nobody'),
    task.dueDate ? p('task.due', { date: formatDate(task.dueDate) }) : null,
    task.scope ? p('task.scope', { scope: task.scope }) : null,
  ].filter(Boolean);
  return (
    <div
      className={`task-card stack-sm${isNew ? ' is-new' : ''}${status === 'done' ? ' is-done' : ''}`}
      data-task-id={task.id}
      data-editing-item={editing.isEditing ? 'true' : undefined}
    >
      <div className="card-head">
        <span className="task-title">{task.title}</span>
        {status === 'done' ? (
          <Tag data-color="success">{p('task.isDone')}</Tag>
        ) : (
          task.status !== 'planned' && <Tag data-color="info">{t(`taskStatus.${task.status}`)}</Tag>
        )}
        {isNew && <Tag data-color="warning">{p('seen.new')}</Tag>}
      </div>
      <Paragraph data-size="sm" className="task-facts">
        {facts.join(' · ')}
      </Paragraph>
      <PresenceMarker editors={editors} />
      {editing.isEditing ? (
        <TaskForm task={task} onDone={editing.stop} />
      ) : (
        <div className="actions">
          {may('task.write') && status !== 'done' && (
            <Button
              data-size="sm"
              variant={mine ? 'primary' : 'secondary'}
              aria-label={p('task.markDoneLabel', { title: task.title })}
              onClick={() => {
                edits.edit('task', task.id, 'status', 'done');
                edits.flush(fieldKey('task', task.id, 'status'));
              }}
            >
              {p('task.markDone')}
            </Button>
          )}
          {may('task.write') && (
            <Button variant="tertiary" data-size="sm" onClick={editing.start} aria-label={p('edit.startLabel', { title: task.title })}>
              {p('edit.start')}
            </Button>
          )}
          <CommentToggle targetType="task" targetId={task.id} title={task.title} />
        </div>
      )}
      {!editing.isEditing && task.how && (
        <Details>
          <Details.Summary>{p('task.how')}</Details.Summary>
          <Details.Content>
            <Paragraph data-size="sm" className="prose">
              {task.how}
            </Paragraph>
          </Details.Content>
        </Details>
      )}
    </div>
  );
}

function TaskForm({ task, onDone }: { task: TaskView; onDone(): void }) {
  const { t } = usePlanI18n();
  const plan = usePlan();
  const members = plan.members.filter((m) => m.status !== 'removed');
  return (
    <div className="edit-form stack-sm">
      <AutoField entityType="task" entityId={task.id} field="title" label={t('plan.tasks.fields.title')} value={task.title} />
      <AutoField
        entityType="task"
        entityId={task.id}
        field="how"
        kind="textarea"
        rows={2}
        label={t('plan.tasks.fields.how')}
        value={task.how}
      />
      <div className="grid-2">
        <AutoField
          entityType="task"
          entityId={task.id}
          field="scope"
          label={t('plan.tasks.fields.scope')}
          description={t('plan.tasks.fields.scopeHint')}
          value={task.scope}
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
        />
        <AutoField
          entityType="task"
          entityId={task.id}
          field="dueDate"
          kind="date"
          label={t('plan.tasks.fields.dueDate')}
          value={task.dueDate}
        />
        <AutoField
          entityType="task"
          entityId={task.id}
          field="status"
          kind="select"
          label={t('plan.tasks.fields.status')}
          value={task.status}
          options={TASK_STATUSES.map((s) => ({ value: s, label: t(`taskStatus.${s}`) }))}
        />
      </div>
      <EditActions path={`/api/plans/${plan.id}/tasks/${task.id}`} label={task.title} removeText={t('plan.tasks.delete')} onDone={onDone} />
    </div>
  );
}

function NewGoalForm() {
  const { t, p } = usePlanI18n();
  const plan = usePlan();
  const id = useId();
  const draft = useFormDraft(`plan.${plan.id}.newGoal`, { title: '', lifeArea: 'hverdagsmestring' });
  const [open, setOpen] = useState(draft.restored);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = useNextEntryFocus();
  if (!open)
    return (
      <div>
        <Button
          variant="secondary"
          onClick={() => {
            setOpen(true);
            next.focusFirst();
          }}
        >
          {p('goals.newGoal')}
        </Button>
      </div>
    );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft.value.title.trim()) return setError(t('plan.goals.titleRequired'));
    setBusy(true);
    setError(null);
    try {
      await post<ChangeResult>(`/api/plans/${plan.id}/goals`, {
        title: draft.value.title.trim(),
        lifeArea: draft.value.lifeArea,
        clientMutationId: newMutationId(),
      });
      draft.clear();
      next.markAdded();
      next.focusFirst();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="new-item stack-sm" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-h`} data-form="new-goal">
      <Heading level={3} data-size="xs" id={`${id}-h`}>
        {t('plan.goals.new')}
      </Heading>
      {draft.restored && <Paragraph data-size="sm">{p('new.hasDraft')}</Paragraph>}
      {error && (
        <Alert data-color="danger" data-size="sm">
          <Paragraph data-size="sm">{error}</Paragraph>
        </Alert>
      )}
      <p role="status" className="visually-hidden-status">
        {next.added > 0 && p('added.goal')}
      </p>
      <Textfield
        ref={next.first}
        label={t('plan.goals.fields.title')}
        description={t('plan.goals.titleHint')}
        value={draft.value.title}
        onChange={(e) => draft.set({ title: e.target.value })}
      />
      <Field>
        <Label htmlFor={`${id}-area`}>{t('plan.goals.fields.lifeArea')}</Label>
        <Select id={`${id}-area`} value={draft.value.lifeArea} onChange={(e) => draft.set({ lifeArea: e.target.value })}>
          {LIFE_AREAS.map((a) => (
            <Select.Option key={a} value={a}>
              {t(`lifeArea.${a}`)}
            </Select.Option>
          ))}
        </Select>
      </Field>
      <div className="actions">
        <Button type="submit" loading={busy}>
          {t('plan.goals.add')}
        </Button>
        <Button
          variant="tertiary"
          onClick={() => {
            draft.clear();
            setOpen(false);
          }}
        >
          {p('goals.discard')}
        </Button>
      </div>
    </form>
  );
}

function NewTaskForm({ goalId }: { goalId: string | null }) {
  const { t, p } = usePlanI18n();
  const plan = usePlan();
  const draft = useFormDraft(`plan.${plan.id}.newTask.${goalId ?? 'none'}`, { title: '', responsible: '', dueDate: '' });
  const [open, setOpen] = useState(draft.restored);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = useNextEntryFocus();
  const may = useMay();
  const dueRef = useRef<HTMLInputElement>(null);
  if (!open)
    return (
      <div>
        <Button
          variant="tertiary"
          data-size="sm"
          onClick={() => {
            setOpen(true);
            next.focusFirst();
          }}
        >
          {t('plan.tasks.new')}
        </Button>
      </div>
    );
  const responsible = draft.value.responsible === OTHER_RESPONSIBLE ? '' : draft.value.responsible;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft.value.title.trim()) return setError(t('plan.tasks.titleRequired'));
    setBusy(true);
    setError(null);
    try {
      await post<ChangeResult>(`/api/plans/${plan.id}/tasks`, {
        title: draft.value.title.trim(),
        goalId,
        responsibleMemberId: responsible || null,
        dueDate: draft.value.dueDate || null,
        clientMutationId: newMutationId(),
      });
      draft.clear();
      next.markAdded();
      next.focusFirst();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="new-item stack-sm" onSubmit={(e) => void submit(e)} noValidate aria-label={t('plan.tasks.new')} data-form="new-task">
      {draft.restored && <Paragraph data-size="sm">{p('new.hasDraft')}</Paragraph>}
      {error && (
        <Alert data-color="danger" data-size="sm">
          <Paragraph data-size="sm">{error}</Paragraph>
        </Alert>
      )}
      <p role="status" className="visually-hidden-status">
        {next.added > 0 && p('added.task')}
      </p>
      <Textfield
        ref={next.first}
        label={t('plan.tasks.fields.title')}
        value={draft.value.title}
        onChange={(e) => draft.set({ title: e.target.value })}
      />
      <ResponsibleAndDue
        members={plan.members}
        responsible={draft.value.responsible}
        onResponsible={(responsible) => draft.set({ responsible })}
        dueDate={draft.value.dueDate}
        onDueDate={(dueDate) => draft.set({ dueDate })}
        otherLabel={may('member.invite') ? p('responsible.other') : undefined}
        dueDateRef={dueRef}
      />
      {draft.value.responsible === OTHER_RESPONSIBLE && (
        <Suspense fallback={null}>
          <NewResponsible
            planId={plan.id}
            myRole={plan.myRole}
            memberAccountIds={plan.members.filter((m) => m.accountId && m.status !== 'removed').map((m) => m.accountId!)}
            onAdded={(memberId) => {
              draft.set({ responsible: memberId });
              setTimeout(() => dueRef.current?.focus(), 0);
            }}
          />
        </Suspense>
      )}
      <div className="actions">
        <Button type="submit" loading={busy}>
          {t('plan.tasks.add')}
        </Button>
        <Button
          variant="tertiary"
          onClick={() => {
            draft.clear();
            setOpen(false);
          }}
        >
          {p('goals.discard')}
        </Button>
      </div>
    </form>
  );
}
