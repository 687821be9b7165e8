/**
 * Møter: the ansvarsgruppe's meetings; open one in meeting mode; plan a new one. Those who may
 * write meetings remove one in one step, with "Angre" (undo.tsx) and a restore from the history.
 */
import { Alert, Button, Card, Details, Heading, Paragraph, Tag, Textfield } from '@digdir/designsystemet-react';
import { lazy, Suspense, useCallback, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { ChangeResult } from '#contracts';
import { post } from '../api/client';
import type { OnPlanEvent } from '../attendance/Rsvp';
import { errorText } from '../api/errors';
import { useI18n } from '../i18n';
import { useLivePlan, useMay, usePlan } from '../live/context';
import { newMutationId } from '../live/edits';
import { Section } from './Section';
import { useFormDraft } from '../components/use-draft';
import { usePlanI18n } from './i18n';
import { useRemove } from './undo';

// Answers to meetings load with the first meeting ahead (not with the plan's first screen).
const RsvpButtons = lazy(() => import('../attendance/Rsvp').then((m) => ({ default: m.RsvpButtons })));
const RsvpCounts = lazy(() => import('../attendance/Rsvp').then((m) => ({ default: m.RsvpCounts })));

export function MeetingsSection() {
  const { t, formatDate } = useI18n();
  const plan = usePlan();
  const may = useMay();
  const { p } = usePlanI18n();
  const remove = useRemove();
  const [removeError, setRemoveError] = useState<string | null>(null);
  const { live } = useLivePlan();
  const onEvent = useCallback<OnPlanEvent>((listener) => live.onEvent(listener), [live]);
  const meetings = [...plan.meetings].sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  const ahead = (m: (typeof meetings)[number]) => m.status === 'planned' && new Date(m.endsAt ?? m.startsAt).getTime() > Date.now();
  return (
    <Section id="meetings" title={t('plan.meetings.title')} intro={<Paragraph>{t('plan.meetings.intro')}</Paragraph>}>
      {meetings.length === 0 && <Paragraph>{t('plan.meetings.empty')}</Paragraph>}
      {removeError && (
        <Alert data-color="danger" data-size="sm" role="alert">
          <Paragraph data-size="sm">{removeError}</Paragraph>
        </Alert>
      )}
      <ul className="meeting-list">
        {meetings.map((m) => (
          <li key={m.id} data-meeting-id={m.id}>
            <Card className="meeting-card" data-color="neutral">
              <Heading level={3} data-size="xs">
                <Link to={`/planer/${plan.id}/mote/${m.id}`}>{m.title}</Link>
              </Heading>
              <Paragraph data-size="sm">
                {formatDate(m.startsAt, true)}
                {m.location ? ` · ${m.location}` : ''}
              </Paragraph>
              <div className="tags">
                <Tag data-color={m.status === 'planned' ? 'info' : 'neutral'}>{t(`meetingStatus.${m.status}`)}</Tag>
                {m.closedAt && <Tag data-color="success">{t('meetingStatus.closed')}</Tag>}
                {m.decisions.length > 0 && <Tag data-color="neutral">{t('plan.meetings.decisions', { count: m.decisions.length })}</Tag>}
              </div>
              {may('meeting.write') && (
                <div>
                  <Button
                    variant="tertiary"
                    data-size="sm"
                    aria-label={p('undo.removeMeetingLabel', { title: m.title })}
                    onClick={() => {
                      setRemoveError(null);
                      remove({ path: `/api/plans/${plan.id}/meetings/${m.id}`, label: m.title }).catch((err: unknown) =>
                        setRemoveError(errorText(t, err)),
                      );
                    }}
                  >
                    {p('undo.removeMeeting')}
                  </Button>
                </div>
              )}
              {ahead(m) && (
                <Suspense fallback={null}>
                  <RsvpCounts planId={plan.id} meetingId={m.id} onEvent={onEvent} />
                  <RsvpButtons planId={plan.id} meetingId={m.id} onEvent={onEvent} compact />
                </Suspense>
              )}
            </Card>
          </li>
        ))}
      </ul>
      {may('meeting.write') && <NewMeetingForm />}
    </Section>
  );
}

function NewMeetingForm() {
  const { t } = useI18n();
  const plan = usePlan();
  // Kept across a reload until sent (components/use-draft.ts).
  const draft = useFormDraft(`plan.${plan.id}.newMeeting`, { title: '', startsAt: '', location: '' });
  const { title, startsAt, location } = draft.value;
  const setTitle = (value: string) => draft.set({ title: value });
  const setStartsAt = (value: string) => draft.set({ startsAt: value });
  const setLocation = (value: string) => draft.set({ location: value });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!startsAt) return setError(t('plan.meetings.whenRequired'));
    setBusy(true);
    setError(null);
    try {
      await post<ChangeResult>(`/api/plans/${plan.id}/meetings`, {
        title: title.trim() || t('plan.meetings.defaultTitle'),
        startsAt: new Date(startsAt).toISOString(),
        location: location.trim(),
        clientMutationId: newMutationId(),
      });
      draft.clear();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Details defaultOpen={draft.restored}>
      <Details.Summary>{t('plan.meetings.new')}</Details.Summary>
      <Details.Content>
        <form className="stack" onSubmit={(e) => void submit(e)} noValidate data-form="new-meeting">
          {error && (
            <Alert data-color="danger" data-size="sm" role="alert">
              <Paragraph data-size="sm">{error}</Paragraph>
            </Alert>
          )}
          <Textfield
            label={t('plan.meetings.fields.title')}
            value={title}
            placeholder={t('plan.meetings.defaultTitle')}
            onChange={(e) => setTitle(e.target.value)}
          />
          <Textfield
            label={t('plan.meetings.fields.startsAt')}
            type="datetime-local"
            value={startsAt}
            onChange={(e) => setStartsAt(e.target.value)}
          />
          <Textfield label={t('plan.meetings.fields.location')} value={location} onChange={(e) => setLocation(e.target.value)} />
          <div>
            <Button type="submit" loading={busy}>
              {t('plan.meetings.create')}
            </Button>
          </div>
        </form>
      </Details.Content>
    </Details>
  );
}
