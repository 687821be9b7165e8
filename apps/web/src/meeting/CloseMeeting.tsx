/**
 * Closing a meeting and reopening it. The coordinator approves the minutes in one step: who was
 * present (the attendance ticked during the meeting, "Hvem er med"), optionally the next meeting
 * (date, time, place). After that the meeting is read-only for everyone, and the notice says who
 * approved it, who was present and when the next meeting is; the coordinator can reopen it for a
 * correction, with a reason that goes into the history. No confirm dialog: a close is undone by
 * reopening.
 */
import { Alert, Button, Card, Fieldset, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { MeetingView } from '#contracts';
import { post } from '../api/client';
import { errorText } from '../api/errors';
import { useFormDraft } from '../components/use-draft';
import { useField, useLivePlan, useMay, usePlan } from '../live/context';
import { newMutationId } from '../live/edits';
import { useMeetingI18n } from './i18n';

/** A local date and time (from the form's inputs) as an ISO moment with the browser's offset. */
function localMoment(date: string, time: string): string {
  return new Date(`${date}T${time}:00`).toISOString();
}

export function CloseMeetingForm({ meeting }: { meeting: MeetingView }) {
  const { m, t } = useMeetingI18n();
  const plan = usePlan();
  const may = useMay();
  const { live } = useLivePlan();
  const id = useId();
  const draft = useFormDraft(`meeting.${meeting.id}.close`, { nextDate: '', nextTime: '', nextPlace: meeting.location });
  // Who was present is the attendance ticked in the meeting ("Hvem er med"), my unsent ticks included.
  const attendance = useField<string[]>('meeting', meeting.id, 'attendees', meeting.attendees);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!may('meeting.close'))
    return (
      <Paragraph data-size="sm" className="meeting-close-hint">
        {m('close.onlyCoordinator')}
      </Paragraph>
    );
  const members = plan.members.filter((x) => x.status === 'active');
  const present = attendance.value.filter((x) => members.some((mem) => mem.id === x));
  const presentNames = members.filter((mem) => present.includes(mem.id)).map((mem) => mem.name);
  const { nextDate, nextTime, nextPlace } = draft.value;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!meeting.minutes.trim() && !meeting.decisions.length) return setError(m('close.nothingToApprove'));
    if (nextDate && !nextTime) return setError(m('close.nextTimeRequired'));
    if (nextTime && !nextDate) return setError(m('close.nextDateRequired'));
    setBusy(true);
    setError(null);
    try {
      await post(`/api/plans/${plan.id}/meetings/${meeting.id}/close`, {
        present,
        minutesApproved: true,
        ...(nextDate
          ? { nextMeeting: { startsAt: localMoment(nextDate, nextTime), ...(nextPlace.trim() ? { location: nextPlace.trim() } : {}) } }
          : {}),
        clientMutationId: newMutationId(),
      });
      draft.clear();
      await live.loadSnapshot().catch(() => undefined);
    } catch (err) {
      setError(errorText(t, err));
      // What the server has is what counts (someone may have closed it already).
      await live.loadSnapshot().catch(() => undefined);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card className="stack-sm meeting-close">
      <form className="stack-sm" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-h`}>
        <Heading level={2} data-size="sm" id={`${id}-h`}>
          {m('close.title')}
        </Heading>
        <Paragraph data-size="sm">{m('close.intro')}</Paragraph>
        {error && (
          <Alert data-color="danger" data-size="sm" role="alert">
            <Paragraph data-size="sm">{error}</Paragraph>
          </Alert>
        )}
        <div className="stack-xs" data-testid="close-present">
          <Paragraph data-size="sm">{m('closed.present', { count: presentNames.length, names: presentNames.join(', ') })}</Paragraph>
          <Paragraph data-size="sm">
            <a href="#meeting-attendance">{m('close.presentHint')}</a>
          </Paragraph>
        </div>
        <Fieldset>
          <Fieldset.Legend>{m('close.next')}</Fieldset.Legend>
          <div className="grid-2">
            <Textfield label={m('close.nextDate')} type="date" value={nextDate} onChange={(e) => draft.set({ nextDate: e.target.value })} />
            <Textfield label={m('close.nextTime')} type="time" value={nextTime} onChange={(e) => draft.set({ nextTime: e.target.value })} />
          </div>
          <Textfield label={m('close.nextPlace')} value={nextPlace} onChange={(e) => draft.set({ nextPlace: e.target.value })} />
        </Fieldset>
        <div>
          <Button type="submit" loading={busy}>
            {m('close.submit')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

/** The closed meeting: who approved it and when, who was present, the next meeting; reopening for the coordinator. */
export function ClosedMeetingNotice({ meeting }: { meeting: MeetingView }) {
  const { m, t, formatDate } = useMeetingI18n();
  const plan = usePlan();
  const may = useMay();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Focus follows the change: from the close button to what the close made (WCAG 2.4.3).
  useEffect(() => {
    if (document.activeElement === document.body || document.activeElement?.closest('.meeting-close')) heading.current?.focus();
  }, []);
  const next = meeting.nextMeetingId ? plan.meetings.find((x) => x.id === meeting.nextMeetingId) : undefined;
  // In the order the plan lists its members, not the order of the ids.
  const names = plan.members.filter((x) => meeting.attendees.includes(x.id)).map((x) => x.name);

  const reopen = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setError(m('closed.reasonRequired'));
    setBusy(true);
    setError(null);
    try {
      await post(`/api/plans/${plan.id}/meetings/${meeting.id}/reopen`, { reason: reason.trim(), clientMutationId: newMutationId() });
      setReason('');
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={`${id}-h`} className="meeting-closed">
      <Alert data-color="success" className="stack-sm">
        <Heading level={2} data-size="xs" id={`${id}-h`} ref={heading} tabIndex={-1}>
          {m('closed.title')}
        </Heading>
        <Paragraph data-size="sm">
          {m('closed.by', { name: meeting.closedBy?.name ?? '', when: formatDate(meeting.closedAt, true) })}
        </Paragraph>
        <Paragraph data-size="sm">{m('closed.present', { count: names.length, names: names.join(', ') })}</Paragraph>
        <Paragraph data-size="sm">{m('closed.sent')}</Paragraph>
        <Paragraph data-size="sm">
          {next ? (
            <Link to={`/planer/${plan.id}/mote/${next.id}`}>
              {m('closed.next', { when: `${formatDate(next.startsAt, true)}${next.location ? `, ${next.location}` : ''}` })}
            </Link>
          ) : (
            m('closed.noNext')
          )}
        </Paragraph>
        {may('meeting.close') && (
          <form className="stack-sm" onSubmit={(e) => void reopen(e)} noValidate>
            {error && (
              <Paragraph data-size="sm" role="alert">
                {error}
              </Paragraph>
            )}
            <Textfield
              label={m('closed.reopenLabel')}
              description={m('closed.reopenHint')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
            <div>
              <Button type="submit" variant="secondary" loading={busy}>
                {m('closed.reopen')}
              </Button>
            </div>
          </form>
        )}
      </Alert>
    </section>
  );
}
