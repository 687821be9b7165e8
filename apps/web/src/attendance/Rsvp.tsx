/**
 * Meeting attendance (RSVP): "Kommer du?" answered with one tap (on the home screen, the meeting
 * card and the meeting page), and for the meeting's readers who has confirmed, declined or not
 * answered, in the app or by SMS JA/NEI. Reloads when an answer arrives live (event 'rsvp').
 */
import { Alert, Button, Heading, Paragraph, Spinner, Tag } from '@digdir/designsystemet-react';
import { useCallback, useEffect, useState } from 'react';
import type { ChangeResult, MeetingAttendanceView, RsvpResponse } from '#contracts';
import { api, get } from '../api/client';
import { errorText } from '../api/errors';
import { newMutationId } from '../live/edits';
import { useRsvpI18n } from './i18n';

/** Subscribes to live plan events, where there is a live plan (the plan and meeting pages). */
export type OnPlanEvent = (listener: (ev: { entityType: string; entityId: string }) => void) => () => void;

export function useAttendance(planId: string, meetingId: string, onEvent?: OnPlanEvent) {
  const { tApp } = useRsvpI18n();
  const [view, setView] = useState<MeetingAttendanceView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    () =>
      get<MeetingAttendanceView>(`/api/plans/${planId}/meetings/${meetingId}/attendance`)
        .then((v) => {
          setView(v);
          setError(null);
        })
        .catch((err: unknown) => setError(errorText(tApp, err))),
    [planId, meetingId, tApp],
  );
  useEffect(() => void load(), [load]);
  useEffect(
    () => (onEvent ? onEvent((ev) => ev.entityType === 'rsvp' && ev.entityId === meetingId && void load()) : undefined),
    [onEvent, load, meetingId],
  );
  return { view, setView, error, setError, load };
}

/** One tap: "Ja, jeg kommer" / "Nei, jeg kommer ikke"; the answer shows, and can be taken back. */
export function RsvpButtons({
  planId,
  meetingId,
  onEvent,
  compact,
}: {
  planId: string;
  meetingId: string;
  onEvent?: OnPlanEvent;
  compact?: boolean;
}) {
  const { t, tApp } = useRsvpI18n();
  const { view, load, error, setError } = useAttendance(planId, meetingId, onEvent);
  const [busy, setBusy] = useState<RsvpResponse | 'undo' | null>(null);
  const answer = async (response: RsvpResponse | null) => {
    setBusy(response ?? 'undo');
    setError(null);
    try {
      await api<ChangeResult>('PUT', `/api/plans/${planId}/meetings/${meetingId}/rsvp`, { response, clientMutationId: newMutationId() });
      await load();
    } catch (err) {
      setError(errorText(tApp, err));
    } finally {
      setBusy(null);
    }
  };
  const headingId = `rsvp-q-${meetingId}`;
  return (
    <div className="rsvp stack-sm" role="group" aria-labelledby={headingId} data-rsvp={meetingId} data-mine={view?.mine ?? 'none'}>
      <Paragraph id={headingId} data-size={compact ? 'sm' : 'md'}>
        <strong>{t('rsvp.question')}</strong>
      </Paragraph>
      {!view && !error && <Spinner data-size="sm" aria-label={t('rsvp.loading')} />}
      {view && (
        <>
          <div className="rsvp-buttons">
            <Button
              variant={view.mine === 'confirmed' ? 'primary' : 'secondary'}
              aria-pressed={view.mine === 'confirmed'}
              loading={busy === 'confirmed'}
              onClick={() => void answer('confirmed')}
            >
              {t('rsvp.yes')}
            </Button>
            <Button
              variant={view.mine === 'declined' ? 'primary' : 'secondary'}
              aria-pressed={view.mine === 'declined'}
              loading={busy === 'declined'}
              onClick={() => void answer('declined')}
            >
              {t('rsvp.no')}
            </Button>
          </div>
          <div role="status">
            {view.mine && (
              <Paragraph data-size="sm">
                {t(view.mine === 'confirmed' ? 'rsvp.youConfirmed' : 'rsvp.youDeclined')} {t('rsvp.change')}{' '}
                <Button variant="tertiary" loading={busy === 'undo'} onClick={() => void answer(null)}>
                  {t('rsvp.undo')}
                </Button>
              </Paragraph>
            )}
          </div>
        </>
      )}
      {error && (
        <Alert data-color="danger" data-size="sm" role="alert">
          <Paragraph data-size="sm">{error}</Paragraph>
        </Alert>
      )}
    </div>
  );
}

/** Counts for a meeting card; each count links to the list on the meeting page. */
export function RsvpCounts({ planId, meetingId, onEvent }: { planId: string; meetingId: string; onEvent?: OnPlanEvent }) {
  const { t } = useRsvpI18n();
  const { view } = useAttendance(planId, meetingId, onEvent);
  if (!view) return null;
  const href = `/planer/${planId}/mote/${meetingId}#svar`;
  return (
    <Paragraph data-size="sm" data-rsvp-counts={meetingId}>
      <a href={href}>{t('rsvp.confirmed', { count: view.counts.confirmed })}</a>,{' '}
      <a href={href}>{t('rsvp.declined', { count: view.counts.declined })}</a>,{' '}
      <a href={href}>{t('rsvp.unanswered', { count: view.counts.unanswered })}</a>
    </Paragraph>
  );
}

/** The meeting page: my answer, and who has confirmed, declined or not answered. */
export function AttendanceOverview({
  planId,
  meetingId,
  planned,
  onEvent,
}: {
  planId: string;
  meetingId: string;
  planned: boolean;
  onEvent?: OnPlanEvent;
}) {
  const { t, tApp, formatDate } = useRsvpI18n();
  const { view, error } = useAttendance(planId, meetingId, onEvent);
  return (
    <section id="svar" aria-labelledby="rsvp-title" className="stack" data-attendance={meetingId}>
      <Heading level={2} data-size="sm" id="rsvp-title">
        {t('rsvp.title')}
      </Heading>
      <Paragraph data-size="sm">{t('rsvp.intro')}</Paragraph>
      {planned ? (
        <RsvpButtons planId={planId} meetingId={meetingId} onEvent={onEvent} />
      ) : (
        <Paragraph data-size="sm">{t('rsvp.closed')}</Paragraph>
      )}
      {error && (
        <Alert data-color="danger" data-size="sm" role="alert">
          <Paragraph data-size="sm">{error}</Paragraph>
        </Alert>
      )}
      {!view && !error && <Spinner data-size="sm" aria-label={t('rsvp.loading')} />}
      {view && (
        <>
          <Paragraph data-size="sm" data-testid="rsvp-counts">
            {t('rsvp.confirmed', { count: view.counts.confirmed })}, {t('rsvp.declined', { count: view.counts.declined })},{' '}
            {t('rsvp.unanswered', { count: view.counts.unanswered })}.
          </Paragraph>
          <ul className="rsvp-list">
            {view.members.map((m) => (
              <li key={m.memberId} data-member={m.memberId} data-response={m.response ?? 'none'}>
                <span>
                  {m.name} ({tApp(`role.${m.role}`)})
                </span>{' '}
                <Tag data-color={m.response === 'confirmed' ? 'success' : m.response === 'declined' ? 'danger' : 'neutral'}>
                  {t(m.response ? `rsvp.status.${m.response}` : 'rsvp.status.none')}
                </Tag>
                {m.answeredAt && (
                  <span className="muted">
                    {' '}
                    {formatDate(m.answeredAt, true)}
                    {m.via === 'sms' ? ` ${t('rsvp.viaSms')}` : ''}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
