/** Hva har skjedd: the plan's change log (plan events) in plain language, newest first, live. */
import { Button, Details, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import type { PlanEventView } from '#contracts';
import { get } from '../api/client';
import { errorText } from '../api/errors';
import { useI18n } from '../i18n';
import { useLivePlan, usePlan } from '../live/context';
import { ArchiveCopies } from './ArchiveCopies';
import { describeEvent } from './describe-event';
import { Section } from './Section';

const SHOW = 30;

export function HistorySection() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <Section id="history" title={t('plan.history.title')} intro={<Paragraph>{t('plan.history.intro')}</Paragraph>}>
      <Details open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
        <Details.Summary>{t('plan.history.show')}</Details.Summary>
        <Details.Content>{open && <HistoryList />}</Details.Content>
      </Details>
      <ArchiveCopies />
    </Section>
  );
}

function HistoryList() {
  const { t, formatDate } = useI18n();
  const plan = usePlan();
  const { live } = useLivePlan();
  const [events, setEvents] = useState<PlanEventView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [limit, setLimit] = useState(SHOW);

  useEffect(() => {
    get<{ events: PlanEventView[] }>(`/api/plans/${plan.id}/events?since=0&limit=1000`)
      .then((res) => setEvents(res.events))
      .catch((err: unknown) => setError(errorText(t, err)));
    // Loaded once when opened; live events are added below.
  }, [plan.id, t]);
  useEffect(
    () => live.onEvent((ev) => setEvents((list) => (list && !list.some((e) => e.revision === ev.revision) ? [...list, ev] : list))),
    [live],
  );

  if (error) return <Paragraph data-size="sm">{error}</Paragraph>;
  if (!events) return <Spinner aria-label={t('common.loading')} data-size="sm" />;
  const newest = [...events].sort((a, b) => b.revision - a.revision);
  return (
    <div className="stack-sm">
      <ol className="history-list">
        {newest.slice(0, limit).map((ev) => (
          <li key={ev.revision}>
            <span className="history-when">{formatDate(ev.at, true)}</span>
            <span>{describeEvent(t, ev, plan)}</span>
          </li>
        ))}
      </ol>
      {newest.length > limit && (
        <Button variant="tertiary" data-size="sm" onClick={() => setLimit((n) => n + SHOW)}>
          {t('plan.history.more')}
        </Button>
      )}
    </div>
  );
}
