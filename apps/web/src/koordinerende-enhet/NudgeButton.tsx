/**
 * "Minn koordinatoren på planen" on a row of the overview's lists: one step, a notification with a
 * link and metadata only; once per plan, reason and day (a second press says it was sent already).
 */
import { Button, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import type { NudgeReason, NudgeResult, OverviewPlanRow } from '#contracts';
import { post } from '../api/client';
import { errorText } from '../api/errors';
import { useKeI18n } from './i18n';
import { osloToday } from './PlanRowCard';

export function NudgeButton({ plan, reason }: { plan: OverviewPlanRow; reason: NudgeReason }) {
  const { t, tApp, formatDate } = useKeI18n();
  const [result, setResult] = useState<NudgeResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const lastAt = result?.sentAt ?? plan.lastNudgeAt;
  const nudgedToday = !!lastAt && new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date(lastAt)) === osloToday();
  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await post<NudgeResult>(`/api/overview/plans/${plan.id}/nudges`, { reason }));
    } catch (err) {
      setError(errorText(tApp, err));
    } finally {
      setBusy(false);
    }
  };
  const label = reason === 'without_coordinator' ? t('nudge.creator') : t('nudge.coordinator', { name: plan.coordinator?.name ?? '' });
  return (
    <div className="stack-sm ke-nudge" data-testid="nudge">
      <div>
        <Button variant="secondary" data-size="sm" loading={busy} onClick={() => void send()} aria-label={`${label}: ${plan.title}`}>
          {label}
        </Button>
      </div>
      <div role="status" aria-live="polite">
        {result && (
          <Paragraph data-size="sm" data-testid="nudge-result">
            {result.alreadySentToday
              ? t('nudge.already', { name: result.recipient.name, date: formatDate(result.sentAt, true) })
              : t('nudge.sent', { name: result.recipient.name })}
          </Paragraph>
        )}
        {!result && lastAt && (
          <Paragraph data-size="sm">{nudgedToday ? t('nudge.todayBefore') : t('nudge.before', { date: formatDate(lastAt) })}</Paragraph>
        )}
      </div>
      {error && <Paragraph data-size="sm">{error}</Paragraph>}
    </div>
  );
}
