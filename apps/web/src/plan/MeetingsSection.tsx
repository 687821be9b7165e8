/** Møter: the ansvarsgruppe's meetings; open one in meeting mode; plan a new one. */
import { Alert, Button, Card, Details, Heading, Paragraph, Tag, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { ChangeResult } from '#contracts';
import { post } from '../api/client';
import { errorText } from '../api/errors';
import { useI18n } from '../i18n';
import { useMay, usePlan } from '../live/context';
import { newMutationId } from '../live/edits';
import { Section } from './Section';
import { useFormDraft } from '../components/use-draft';

export function MeetingsSection() {
  const { t, formatDate } = useI18n();
  const plan = usePlan();
  const may = useMay();
  const meetings = [...plan.meetings].sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  return (
    <Section id="meetings" title={t('plan.meetings.title')} intro={<Paragraph>{t('plan.meetings.intro')}</Paragraph>}>
      {meetings.length === 0 && <Paragraph>{t('plan.meetings.empty')}</Paragraph>}
      <ul className="meeting-list">
        {meetings.map((m) => (
          <li key={m.id}>
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
