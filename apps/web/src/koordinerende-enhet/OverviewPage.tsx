/**
 * Koordinerende enhet's overview of its own municipality: counts first (plans without a
 * coordinator, evaluation passed, asleep, reported needs waiting, plans by status), then the lists
 * behind them, and the coordinators' caseloads and training. Plan metadata only, never content.
 */
import { Card, Heading, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import {
  NUDGE_REASONS,
  PLAN_STATUSES,
  type NeedView,
  type NudgeReason,
  type OverviewList,
  type OverviewPlanRow,
  type OverviewView,
} from '#contracts';
import { useAuth } from '../api/auth';
import { get } from '../api/client';
import { errorText } from '../api/errors';
import { AppointedMessage, type Appointed } from './AppointCoordinator';
import { CoordinatorCard } from './CoordinatorCard';
import { FollowUpCounts } from './FollowUpCounts';
import { NeedCard } from './NeedCard';
import { useKeI18n } from './i18n';
import { BASE, ErrorAlert, SectionFrame, usePageTitle } from './parts';
import { osloToday, PlanRowCard } from './PlanRowCard';

export function OverviewPage() {
  const { t, tApp, formatDate } = useKeI18n();
  const { me } = useAuth();
  const [overview, setOverview] = useState<OverviewView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [appointed, setAppointed] = useState<Appointed | null>(null);
  usePageTitle(t('overview.title'));

  const load = useCallback(() => {
    get<OverviewView>('/api/overview')
      .then((view) => {
        setOverview(view);
        setError(null);
      })
      .catch((err: unknown) => setError(errorText(tApp, err)));
  }, [tApp]);
  useEffect(load, [load]);

  const onAppointed = (result: Appointed) => {
    setAppointed(result);
    load();
  };

  return (
    <SectionFrame>
      <div className="stack">
        <Heading level={1} data-size="lg">
          {t('overview.title')}
        </Heading>
        <Paragraph>{t('overview.intro', { tenant: me?.tenantName ?? '' })}</Paragraph>
        <Paragraph data-size="sm" className="ke-muted">
          {t('overview.privacy')}
        </Paragraph>
      </div>
      <ErrorAlert message={error} />
      {!overview && !error && <Spinner aria-label={tApp('common.loading')} />}
      {appointed && <AppointedMessage result={appointed} />}
      {overview && (
        <>
          <Counts overview={overview} />
          <FollowUpCounts followUp={overview.followUp} />
          <PlanListSection
            id="uten-koordinator"
            title={t('overview.withoutCoordinator.title')}
            intro={t('overview.withoutCoordinator.intro')}
            empty={t('overview.withoutCoordinator.empty')}
            list={overview.plansWithoutCoordinator}
            view="without_coordinator"
            onAppointed={onAppointed}
          />
          <PlanListSection
            id="evaluering-passert"
            title={t('overview.evaluationOverdue.title')}
            intro={t('overview.evaluationOverdue.intro')}
            empty={t('overview.evaluationOverdue.empty')}
            list={overview.evaluationOverdue}
            view="evaluation_overdue"
            onAppointed={onAppointed}
          />
          <PlanListSection
            id="uten-aktivitet"
            title={t('overview.inactive.title', { days: overview.inactiveDays })}
            intro={t('overview.inactive.intro')}
            empty={t('overview.inactive.empty', { days: overview.inactiveDays })}
            list={overview.inactive}
            view="inactive"
            onAppointed={onAppointed}
          />
          <NeedsSection total={overview.openNeeds.total} needs={overview.openNeeds.oldest} />
          <section aria-labelledby="koordinatorer-title" className="stack" id="koordinatorer">
            <Heading level={2} data-size="md" id="koordinatorer-title">
              {t('overview.coordinators.title')}
            </Heading>
            <Paragraph>{t('overview.coordinators.intro', { threshold: overview.caseloadWarningThreshold })}</Paragraph>
            {overview.coordinators.length === 0 ? (
              <Paragraph>{t('overview.coordinators.empty')}</Paragraph>
            ) : (
              <ul className="ke-list" aria-labelledby="koordinatorer-title">
                {overview.coordinators.map((c) => (
                  <li key={c.accountId}>
                    <CoordinatorCard coordinator={c} />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <Paragraph data-size="sm" className="ke-muted">
            {t('overview.updated', { when: formatDate(overview.generatedAt, true) })}
          </Paragraph>
        </>
      )}
    </SectionFrame>
  );
}

function Counts({ overview }: { overview: OverviewView }) {
  const { t } = useKeI18n();
  const totalPlans = PLAN_STATUSES.reduce((sum, s) => sum + overview.plansByStatus[s], 0);
  return (
    <section aria-labelledby="tall-title" className="stack">
      <Heading level={2} data-size="md" id="tall-title">
        {t('overview.countsTitle')}
      </Heading>
      <ul className="ke-counts">
        <CountCard
          testId="without_coordinator"
          count={overview.plansWithoutCoordinator.total}
          label={t('overview.count.withoutCoordinator')}
          href="#uten-koordinator"
        />
        <CountCard
          testId="evaluation_overdue"
          count={overview.evaluationOverdue.total}
          label={t('overview.count.evaluationOverdue')}
          href="#evaluering-passert"
        />
        <CountCard
          testId="inactive"
          count={overview.inactive.total}
          label={t('overview.count.inactive', { days: overview.inactiveDays })}
          href="#uten-aktivitet"
        />
        <CountCard
          testId="open_needs"
          count={overview.openNeeds.total}
          label={t('overview.count.openNeeds')}
          detail={t('overview.count.openNeedsDetail', {
            new: overview.openNeeds.byStatus.new,
            inReview: overview.openNeeds.byStatus.in_review,
          })}
          href="#meldinger"
        />
      </ul>
      <Heading level={3} data-size="xs" id="status-title">
        {t('overview.byStatusTitle')}
      </Heading>
      <ul className="ke-status-counts" aria-labelledby="status-title">
        {PLAN_STATUSES.map((s) => (
          <li key={s} data-testid={`status-${s}`}>
            <span className="ke-count" data-testid="count">
              {overview.plansByStatus[s]}
            </span>
            <Link to={`${BASE}/planer?view=all&status=${s}`}>{t(`planStatus.${s}`)}</Link>
          </li>
        ))}
      </ul>
      <Paragraph data-size="sm">
        <Link to={`${BASE}/planer`}>{t('overview.byStatusTotal', { count: totalPlans })}</Link>
      </Paragraph>
    </section>
  );
}

function CountCard({
  testId,
  count,
  label,
  detail,
  href,
}: {
  testId: string;
  count: number;
  label: string;
  detail?: string;
  href: string;
}) {
  return (
    <li data-testid={`count-${testId}`}>
      <Card data-color="neutral" className="ke-count-card" data-attention={count > 0}>
        <span className="ke-count" data-testid="count">
          {count}
        </span>
        <a href={href} className="ke-count-label">
          {label}
        </a>
        {detail && <span className="ke-count-detail">{detail}</span>}
      </Card>
    </li>
  );
}

function PlanListSection(props: {
  id: string;
  title: string;
  intro: string;
  empty: string;
  list: OverviewList<OverviewPlanRow>;
  view: string;
  onAppointed(result: Appointed): void;
}) {
  const { t } = useKeI18n();
  const today = osloToday();
  const { list } = props;
  return (
    <ListSection id={props.id} title={props.title}>
      {list.total === 0 ? (
        <Paragraph>{props.empty}</Paragraph>
      ) : (
        <>
          <Paragraph>{props.intro}</Paragraph>
          <ul className="ke-list" aria-labelledby={`${props.id}-title`}>
            {list.items.map((p) => (
              <li key={p.id}>
                <PlanRowCard plan={p} today={today} onAppointed={props.onAppointed} nudgeReason={nudgeReasonOf(props.view)} />
              </li>
            ))}
          </ul>
          {list.total > list.items.length && (
            <Paragraph>
              {t('common.shownOf', { shown: list.items.length, total: list.total })}{' '}
              <Link to={`${BASE}/planer?view=${props.view}`}>{t('common.seeAll', { count: list.total })}</Link>
            </Paragraph>
          )}
        </>
      )}
    </ListSection>
  );
}

const nudgeReasonOf = (view: string): NudgeReason | undefined =>
  (NUDGE_REASONS as readonly string[]).includes(view) ? (view as NudgeReason) : undefined;

function NeedsSection({ total, needs }: { total: number; needs: NeedView[] }) {
  const { t } = useKeI18n();
  return (
    <ListSection id="meldinger" title={t('overview.needs.title')}>
      {total === 0 ? (
        <Paragraph>{t('overview.needs.empty')}</Paragraph>
      ) : (
        <ul className="ke-list" aria-labelledby="meldinger-title">
          {needs.map((n) => (
            <li key={n.id}>
              <NeedCard need={n} />
            </li>
          ))}
        </ul>
      )}
      <Paragraph>
        <Link to={`${BASE}/meldinger`}>{total > needs.length ? t('common.seeAll', { count: total }) : t('overview.needs.all')}</Link>
      </Paragraph>
    </ListSection>
  );
}

function ListSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="stack" id={id}>
      <Heading level={2} data-size="md" id={`${id}-title`} tabIndex={-1}>
        {title}
      </Heading>
      {children}
    </section>
  );
}
