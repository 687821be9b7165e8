/** Every plan in the municipality (metadata only), filtered by what needs attention or by status. */
import { Field, Heading, Label, Paragraph, Select, Spinner } from '@digdir/designsystemet-react';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  NUDGE_REASONS,
  type NudgeReason,
  OVERVIEW_PLAN_VIEWS,
  PLAN_STATUSES,
  type OverviewPlanRow,
  type OverviewPlanViewName,
  type Page,
  type PlanStatus,
} from '#contracts';
import { get } from '../api/client';
import { AppointedMessage, type Appointed } from './AppointCoordinator';
import { useKeI18n } from './i18n';
import { ShowMore, usePagedList } from './paged-list';
import { ErrorAlert, SectionFrame, usePageTitle } from './parts';
import { osloToday, PlanRowCard } from './PlanRowCard';

const PAGE_SIZE = 30;

export function PlansPage() {
  const { t, tApp } = useKeI18n();
  const [params, setParams] = useSearchParams();
  const view = (OVERVIEW_PLAN_VIEWS as readonly string[]).includes(params.get('view') ?? '')
    ? (params.get('view') as OverviewPlanViewName)
    : 'all';
  const status = (PLAN_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as PlanStatus) : '';
  const [appointed, setAppointed] = useState<Appointed | null>(null);
  usePageTitle(t('plans.title'));

  const fetchPage = useCallback(
    (offset: number) => {
      const q = new URLSearchParams({ view, limit: String(PAGE_SIZE), offset: String(offset) });
      if (view === 'all' && status) q.set('status', status);
      return get<Page<OverviewPlanRow>>(`/api/overview/plans?${q.toString()}`);
    },
    [view, status],
  );

  const { rows, total, error, loadingMore, reload, more } = usePagedList(fetchPage);

  const choose = (next: { view?: string; status?: string }) => {
    const q = new URLSearchParams();
    const v = next.view ?? view;
    q.set('view', v);
    const s = next.status ?? status;
    if (v === 'all' && s) q.set('status', s);
    setParams(q, { replace: true });
  };

  const today = osloToday();
  return (
    <SectionFrame>
      <div className="stack">
        <Heading level={1} data-size="lg">
          {t('plans.title')}
        </Heading>
        <Paragraph>{t('plans.intro')}</Paragraph>
      </div>
      <div className="ke-filters">
        <Field>
          <Label htmlFor="plans-view">{t('plans.view')}</Label>
          <Select id="plans-view" value={view} onChange={(e) => choose({ view: e.target.value })}>
            {OVERVIEW_PLAN_VIEWS.map((v) => (
              <Select.Option key={v} value={v}>
                {t(`plans.view.${v}`)}
              </Select.Option>
            ))}
          </Select>
        </Field>
        {view === 'all' && (
          <Field>
            <Label htmlFor="plans-status">{t('plans.status')}</Label>
            <Select id="plans-status" value={status} onChange={(e) => choose({ status: e.target.value })}>
              <Select.Option value="">{t('plans.status.any')}</Select.Option>
              {PLAN_STATUSES.map((s) => (
                <Select.Option key={s} value={s}>
                  {t(`planStatus.${s}`)}
                </Select.Option>
              ))}
            </Select>
          </Field>
        )}
      </div>
      <ErrorAlert message={error} />
      {appointed && <AppointedMessage result={appointed} />}
      {!rows && !error && <Spinner aria-label={tApp('common.loading')} />}
      {rows && (
        <section aria-labelledby="plans-list-title" className="stack">
          <Heading level={2} data-size="sm" id="plans-list-title">
            {t(`plans.view.${view}`)}
            {view === 'all' && status ? `: ${t(`planStatus.${status}`)}` : ''} ({t('plans.count', { count: total })})
          </Heading>
          {rows.length === 0 ? (
            <Paragraph>{t('plans.empty')}</Paragraph>
          ) : (
            <ul className="ke-list" aria-labelledby="plans-list-title">
              {rows.map((p) => (
                <li key={p.id}>
                  <PlanRowCard
                    plan={p}
                    today={today}
                    nudgeReason={(NUDGE_REASONS as readonly string[]).includes(view) ? (view as NudgeReason) : undefined}
                    onAppointed={(result) => {
                      setAppointed(result);
                      reload();
                    }}
                  />
                </li>
              ))}
            </ul>
          )}
          <ShowMore shown={rows.length} total={total} loading={loadingMore} onMore={() => void more()} />
        </section>
      )}
    </SectionFrame>
  );
}
