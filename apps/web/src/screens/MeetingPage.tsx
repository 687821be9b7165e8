/**
 * Meeting mode for the ansvarsgruppe meeting: the agenda and the plan side by side, attendance,
 * minutes written live by several people, and a decision turned into a task (responsible and due
 * date) in one step. Everything saves itself.
 */
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Field,
  Fieldset,
  Heading,
  Label,
  Paragraph,
  Select,
  Tag,
  Textfield,
} from '@digdir/designsystemet-react';
import { useCallback, useId, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { AgendaItem, MeetingView } from '#contracts';
import { useAuth } from '../api/auth';
import { AttendanceOverview, type OnPlanEvent } from '../attendance/Rsvp';
import { post } from '../api/client';
import { errorText } from '../api/errors';
import { AutoField } from '../components/AutoField';
import { SharedTextField } from '../components/SharedTextField';
import { ResponsibleAndDue } from '../components/ResponsibleAndDue';
import { ConnectionBanner } from '../components/ConnectionBanner';
import { PresenceBar } from '../components/PresenceBar';
import { SaveIndicator } from '../components/SaveIndicator';
import { useI18n } from '../i18n';
import { LivePlanProvider, useField, useLivePlan, useMay, usePlan } from '../live/context';
import { newMutationId, uuid } from '../live/edits';
import { LoadedPlan } from './PlanPage';
import { useFormDraft } from '../components/use-draft';
import { ClosedMeetingNotice, CloseMeetingForm } from '../meeting/CloseMeeting';
import { useMeetingI18n } from '../meeting/i18n';
import { MeetingPlanPanel } from '../meeting/MeetingPlanPanel';
import { useEvaluationI18n } from '../evaluation/i18n';

/** The evaluation of the plan, held in this meeting (issue 14). */
function EvaluateHere({ planId, meetingId }: { planId: string; meetingId: string }) {
  const { e } = useEvaluationI18n();
  return (
    <Button asChild variant="secondary">
      <Link to={`/planer/${planId}/evaluering?mote=${meetingId}`} data-testid="evaluate-in-meeting">
        {e('meeting.evaluate')}
      </Link>
    </Button>
  );
}

export function MeetingPage() {
  const { planId = '', meetingId = '' } = useParams();
  const { me } = useAuth();
  if (!me) return null;
  return (
    <LivePlanProvider planId={planId} accountId={me.id}>
      <LoadedPlan>
        <MeetingMode meetingId={meetingId} />
      </LoadedPlan>
    </LivePlanProvider>
  );
}

function MeetingMode({ meetingId }: { meetingId: string }) {
  const { t, formatDate } = useI18n();
  const plan = usePlan();
  const may = useMay();
  const { live } = useLivePlan();
  const onEvent = useCallback<OnPlanEvent>((listener) => live.onEvent(listener), [live]);
  const meeting = plan.meetings.find((m) => m.id === meetingId);
  if (!meeting)
    return (
      <div className="stack">
        <Heading level={1} data-size="lg">
          {t('meeting.notFound')}
        </Heading>
        <Link to={`/planer/${plan.id}`}>{t('meeting.backToPlan')}</Link>
      </div>
    );
  // A closed meeting (minutes approved) is read-only for everyone; the server refuses writes too.
  const closed = Boolean(meeting.closedAt);
  const readOnly = !may('meeting.write') || closed;
  return (
    <div className="meeting stack-lg">
      <ConnectionBanner />
      <header className="stack-sm">
        <Link to={`/planer/${plan.id}`}>{t('meeting.backToPlan')}</Link>
        <Heading level={1} data-size="lg">
          {meeting.title}
        </Heading>
        <Paragraph>
          {t('meeting.subtitle', { name: plan.personName, when: formatDate(meeting.startsAt, true) })}
          {meeting.location ? ` · ${meeting.location}` : ''}
        </Paragraph>
        <PresenceBar />
      </header>
      {closed && <ClosedMeetingNotice meeting={meeting} />}
      <div className="meeting-grid">
        <div className="meeting-work stack-lg">
          <AttendanceOverview
            planId={plan.id}
            meetingId={meeting.id}
            planned={!closed && meeting.status === 'planned' && new Date(meeting.endsAt ?? meeting.startsAt).getTime() > Date.now()}
            onEvent={onEvent}
          />
          <Attendance meeting={meeting} readOnly={readOnly} />
          <Agenda meeting={meeting} readOnly={readOnly} />
          <section aria-labelledby="minutes-title" className="stack">
            <Heading level={2} data-size="sm" id="minutes-title">
              {t('meeting.minutes')}
            </Heading>
            <AutoField
              entityType="meeting"
              entityId={meeting.id}
              field="minutes"
              kind="textarea"
              rows={10}
              label={t('meeting.minutesLabel')}
              description={t('meeting.minutesHint')}
              value={meeting.minutes}
              readOnly={readOnly}
            />
          </section>
          <Decisions meeting={meeting} readOnly={readOnly} />
          {!closed && meeting.status !== 'cancelled' && <CloseMeetingForm meeting={meeting} />}
        </div>
        <aside className="meeting-plan stack" aria-labelledby="meeting-plan-title">
          <Heading level={2} data-size="sm" id="meeting-plan-title">
            {t('meeting.thePlan')}
          </Heading>
          <MeetingPlanPanel meeting={meeting} />
          {may('evaluation.write') && plan.goals.length > 0 && <EvaluateHere planId={plan.id} meetingId={meeting.id} />}
        </aside>
      </div>
    </div>
  );
}

function Attendance({ meeting, readOnly }: { meeting: MeetingView; readOnly: boolean }) {
  const { t } = useI18n();
  const plan = usePlan();
  const field = useField<string[]>('meeting', meeting.id, 'attendees', meeting.attendees);
  const members = plan.members.filter((m) => m.status !== 'removed');
  const toggle = (id: string, present: boolean) => {
    field.change(present ? [...new Set([...field.value, id])] : field.value.filter((x) => x !== id));
    field.blur();
  };
  return (
    <Fieldset id="meeting-attendance" data-field={field.key} data-save-status={field.status}>
      <Fieldset.Legend>{t('meeting.attendance')}</Fieldset.Legend>
      <Fieldset.Description>{t('meeting.attendanceHint')}</Fieldset.Description>
      {members.map((m) => (
        <Checkbox
          key={m.id}
          label={`${m.name} (${t(`role.${m.role}`)})`}
          checked={field.value.includes(m.id)}
          disabled={readOnly}
          onChange={(e) => toggle(m.id, e.target.checked)}
        />
      ))}
      <SaveIndicator status={field.status} touched={field.touched} />
    </Fieldset>
  );
}

function Agenda({ meeting, readOnly }: { meeting: MeetingView; readOnly: boolean }) {
  const { t } = useI18n();
  const field = useField<AgendaItem[]>('meeting', meeting.id, 'agenda', meeting.agenda);
  const agendaDraft = useFormDraft(`meeting.${meeting.id}.agendaItem`, { title: '' });
  const newItem = agendaDraft.value.title;
  const setNewItem = (title: string) => agendaDraft.set({ title });
  const save = (items: AgendaItem[]) => {
    field.change(items);
    field.blur();
  };
  const add = (e: FormEvent) => {
    e.preventDefault();
    if (!newItem.trim()) return;
    save([...field.value, { id: uuid(), title: newItem.trim(), done: false }]);
    setNewItem('');
  };
  return (
    <section aria-labelledby="agenda-title" className="stack" data-field={field.key} data-save-status={field.status}>
      <Heading level={2} data-size="sm" id="agenda-title">
        {t('meeting.agenda')}
      </Heading>
      {field.value.length === 0 && <Paragraph data-size="sm">{t('meeting.agendaEmpty')}</Paragraph>}
      <ol className="agenda-list">
        {field.value.map((item, n) =>
          readOnly ? (
            <li key={item.id}>
              <Checkbox label={item.title} checked={item.done} disabled />
            </li>
          ) : (
            // Writable: the item's words are shared text (several people write in it at once), "done" a plain field.
            <li key={item.id} className="agenda-item" data-agenda-item={item.id}>
              <SharedTextField
                entityType="agenda_item"
                entityId={item.id}
                field="title"
                label={t('meeting.agendaItemLabel', { n: n + 1 })}
                value={item.title}
                rows={1}
                presence={{ entityType: 'meeting', entityId: meeting.id, field: `agenda.${item.id}` }}
              />
              <Checkbox
                label={
                  <>
                    {t('meeting.agendaItemDone')}
                    <span className="visually-hidden"> {t('meeting.agendaItemDoneOf', { n: n + 1 })}</span>
                  </>
                }
                checked={item.done}
                onChange={(e) => save(field.value.map((x) => (x.id === item.id ? { ...x, done: e.target.checked } : x)))}
              />
            </li>
          ),
        )}
      </ol>
      {!readOnly && (
        <form className="inline-form" onSubmit={add}>
          <Textfield label={t('meeting.newAgendaItem')} value={newItem} onChange={(e) => setNewItem(e.target.value)} />
          <Button type="submit" variant="secondary">
            {t('meeting.addAgendaItem')}
          </Button>
        </form>
      )}
      <SaveIndicator status={field.status} touched={field.touched} />
    </section>
  );
}

function Decisions({ meeting, readOnly }: { meeting: MeetingView; readOnly: boolean }) {
  const { t, formatDate } = useI18n();
  const plan = usePlan();
  return (
    <section aria-labelledby="decisions-title" className="stack">
      <Heading level={2} data-size="sm" id="decisions-title">
        {t('meeting.decisions')}
      </Heading>
      {meeting.decisions.length === 0 && <Paragraph data-size="sm">{t('meeting.decisionsEmpty')}</Paragraph>}
      <ul className="decision-list">
        {meeting.decisions.map((d) => {
          const task = d.taskId ? plan.tasks.find((x) => x.id === d.taskId) : undefined;
          const who = task?.responsibleMemberId ? plan.members.find((m) => m.id === task.responsibleMemberId)?.name : undefined;
          return (
            <li key={d.id}>
              <Paragraph>{d.text}</Paragraph>
              {task && (
                <Paragraph data-size="sm">
                  <Tag data-color="info">{t('meeting.becameTask')}</Tag> {who ? t('meeting.taskWho', { name: who }) : ''}
                  {task.dueDate ? ` · ${t('meeting.taskDue', { date: formatDate(task.dueDate) })}` : ''}
                </Paragraph>
              )}
            </li>
          );
        })}
      </ul>
      {!readOnly && <DecisionForm meeting={meeting} />}
    </section>
  );
}

/** A decision, and if it is something someone will do, a task with responsible and due date. */
function DecisionForm({ meeting }: { meeting: MeetingView }) {
  const { t } = useI18n();
  const plan = usePlan();
  const { live } = useLivePlan();
  const id = useId();
  // Kept across a reload until sent (components/use-draft.ts).
  const { m } = useMeetingI18n();
  const draft = useFormDraft(`meeting.${meeting.id}.decision`, { text: '', asTask: true, responsible: '', dueDate: '', goalId: '' });
  const { text, asTask, responsible, dueDate } = draft.value;
  // A goal deleted meanwhile is no longer a choice.
  const goalId = plan.goals.some((g) => g.id === draft.value.goalId) ? draft.value.goalId : '';
  const setText = (value: string) => draft.set({ text: value });
  const setAsTask = (value: boolean) => draft.set({ asTask: value });
  const setResponsible = (value: string) => draft.set({ responsible: value });
  const setDueDate = (value: string) => draft.set({ dueDate: value });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return setError(t('meeting.decisionRequired'));
    if (asTask && !responsible) return setError(t('meeting.responsibleRequired'));
    setBusy(true);
    setError(null);
    try {
      await post(`/api/plans/${plan.id}/meetings/${meeting.id}/decisions`, {
        text: text.trim(),
        ...(asTask
          ? { task: { title: text.trim(), responsibleMemberId: responsible, dueDate: dueDate || null, goalId: goalId || null } }
          : {}),
        clientMutationId: newMutationId(),
      });
      draft.clear();
      await live.loadSnapshot().catch(() => undefined);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card className="stack-sm">
      <form className="stack-sm" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-h`}>
        <Heading level={3} data-size="xs" id={`${id}-h`}>
          {t('meeting.newDecision')}
        </Heading>
        {error && (
          <Alert data-color="danger" data-size="sm" role="alert">
            <Paragraph data-size="sm">{error}</Paragraph>
          </Alert>
        )}
        <Textfield label={t('meeting.decisionText')} multiline rows={2} value={text} onChange={(e) => setText(e.target.value)} />
        <Checkbox label={t('meeting.makeTask')} checked={asTask} onChange={(e) => setAsTask(e.target.checked)} />
        {asTask && (
          <>
            <Field>
              <Label htmlFor={`${id}-goal`}>{m('goal.label')}</Label>
              <Select id={`${id}-goal`} value={goalId} onChange={(e) => draft.set({ goalId: e.target.value })}>
                <Select.Option value="">{m('goal.none')}</Select.Option>
                {plan.goals.map((g) => (
                  <Select.Option key={g.id} value={g.id}>
                    {g.title}
                  </Select.Option>
                ))}
              </Select>
            </Field>
            <ResponsibleAndDue
              members={plan.members}
              responsible={responsible}
              onResponsible={setResponsible}
              dueDate={dueDate}
              onDueDate={setDueDate}
            />
          </>
        )}
        <div>
          <Button type="submit" loading={busy}>
            {asTask ? t('meeting.addDecisionAndTask') : t('meeting.addDecision')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
