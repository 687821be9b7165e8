/**
 * What a relative or professional sees while the person's consent is missing: why (the person
 * decides), what happens next (the coordinator can remind the person, or record consent given on
 * paper when the person cannot log in), when the person was reminded, and a way to check again.
 * Metadata only (GET /consents/waiting).
 */
import { Button, Heading, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { ConsentWaitView } from '#contracts';
import { get } from '../api/client';
import { errorText } from '../api/errors';
import { useLivePlan } from '../live/context';
import { useConsentI18n } from './i18n';

export default function WaitingForConsent({ planId }: { planId: string }) {
  const { c, t, formatDate } = useConsentI18n();
  const { live } = useLivePlan();
  const [wait, setWait] = useState<ConsentWaitView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [checked, setChecked] = useState(false);
  const load = useCallback(
    () =>
      get<ConsentWaitView>(`/api/plans/${planId}/consents/waiting`)
        .then((w) => {
          setWait(w);
          return w;
        })
        .catch((err: unknown) => {
          setError(errorText(t, err));
          return null;
        }),
    [planId, t],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const checkAgain = async () => {
    const w = await load();
    if (w && !w.waiting) await live.start().catch(() => undefined);
    else setChecked(true);
  };
  return (
    <div className="stack" data-testid="waiting-for-consent">
      <Heading level={1} data-size="lg">
        {c('wait.title')}
      </Heading>
      {!wait && !error && <Spinner aria-label={t('common.loading')} />}
      {error && <Paragraph>{error}</Paragraph>}
      {wait && (
        <>
          <Paragraph>{c('wait.why', { title: wait.title, name: wait.personName })}</Paragraph>
          <Paragraph>
            {c(wait.personReach === 'none' ? 'wait.nextPaper' : 'wait.nextAccount', {
              name: wait.personName,
              coordinator: wait.coordinatorName ?? c('wait.coordinatorFallback'),
            })}
          </Paragraph>
          {wait.lastReminderAt && (
            <Paragraph data-size="sm">
              {c('wait.reminded', { name: wait.personName, date: formatDate(wait.lastReminderAt, true) })}
            </Paragraph>
          )}
          <Paragraph data-size="sm">{c('wait.since', { date: formatDate(wait.since) })}</Paragraph>
          <div className="actions">
            <Button variant="secondary" onClick={() => void checkAgain()} data-testid="consent-check-again">
              {c('wait.checkAgain')}
            </Button>
          </div>
          <div role="status" aria-live="polite">
            {checked && <Paragraph data-size="sm">{c('wait.stillWaiting')}</Paragraph>}
          </div>
        </>
      )}
      <Link to="/">{t('nav.myPlans')}</Link>
    </div>
  );
}
