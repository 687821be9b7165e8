/**
 * The plan, read first. Five parts, one tap apart (a bar at the bottom on a phone, tabs on a
 * wide screen): Planen (what matters, goals and their tasks), Oppgaver, Møter, Folk (the
 * ansvarsgruppe, consent, who has looked) and Historikk (journal, changes, what was removed).
 * The chosen part is in the URL (`?vis=`), so links and the back button work.
 */
import { Alert, Heading, Paragraph, Spinner, Tag } from '@digdir/designsystemet-react';
import { lazy, Suspense, useEffect, useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { useAuth } from '../api/auth';
import { ApiError } from '../api/client';
import { errorText } from '../api/errors';
import { ConnectionBanner } from '../components/ConnectionBanner';
import { ConsentNeedsGate } from '../consent/ConsentNeedsGate';
import { PresenceBar } from '../components/PresenceBar';
import { useI18n } from '../i18n';
import { LivePlanProvider, useLiveState, useMay } from '../live/context';
import { CommentCountsProvider } from '../plan/CommentThread';
import { EditingProvider } from '../plan/editing';
import { ExportMenu } from '../plan/ExportMenu';
import { GoalsSection } from '../plan/GoalsSection';
import { usePlanI18n, type PlanViewMessageKey } from '../plan/i18n';
import { SeenProvider } from '../plan/seen';
import { TasksSection } from '../plan/TasksSection';
import { UndoProvider } from '../plan/undo';
import { WhatMattersSection } from '../plan/WhatMattersSection';
import { MeetingsSection } from '../plan/MeetingsSection';

// Parts most people open less often load when opened.
const PeopleTab = lazy(() => import('../plan/PeopleTab'));
const WaitingForConsent = lazy(() => import('../consent/WaitingForConsent'));
const HistoryTab = lazy(() => import('../plan/HistoryTab'));
// How the goals are going: ratings, the T-score, the ways into an evaluation (issue 14).
const ProgressPanel = lazy(() => import('../evaluation/ProgressPanel'));

// Shown only where the device has a Norwegian voice, which is known only after load anyway.
const ReadAloud = lazy(() => import('../plan/ReadAloud').then((m) => ({ default: m.ReadAloud })));

/**
 * True a second after the plan's text has painted: parts below it or beside it (the progress
 * charts, "Les opp") load then, off the phone's critical path (issue 12: the scripts fetched before
 * the person's plan shows stay within 120 KB gzipped).
 */
function useAfterFirstPaint(ready: boolean): boolean {
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (!ready) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setDone(true), 1000);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer) clearTimeout(timer);
    };
  }, [ready]);
  return done;
}

export const PLAN_TABS = ['planen', 'oppgaver', 'moter', 'folk', 'historikk'] as const;
export type PlanTab = (typeof PLAN_TABS)[number];
const TAB_LABELS: Record<PlanTab, PlanViewMessageKey> = {
  planen: 'tabs.plan',
  oppgaver: 'tabs.tasks',
  moter: 'tabs.meetings',
  folk: 'tabs.people',
  historikk: 'tabs.history',
};
/** Old in-page anchors (notification links, bookmarks) → the part that holds them. */
const HASH_TABS: Record<string, PlanTab> = {
  '#goals': 'planen',
  '#what-matters': 'planen',
  '#tasks': 'oppgaver',
  '#meetings': 'moter',
  '#people': 'folk',
  '#consent': 'folk',
  '#access-log': 'folk',
  '#journal': 'historikk',
  '#history': 'historikk',
};

export function PlanPage() {
  const { planId = '' } = useParams();
  const { me } = useAuth();
  if (!me) return null;
  return (
    <LivePlanProvider planId={planId} accountId={me.id}>
      <LoadedPlan>
        <SeenProvider>
          <EditingProvider>
            <UndoProvider>
              <CommentCountsProvider>
                <PlanContent />
              </CommentCountsProvider>
            </UndoProvider>
          </EditingProvider>
        </SeenProvider>
      </LoadedPlan>
    </LivePlanProvider>
  );
}

/** Shows loading, not found and "no longer access" states; renders children once the plan is here. */
export function LoadedPlan({ children }: { children: React.ReactNode }) {
  const { t } = useI18n();
  const { planId = '' } = useParams();
  const { plan, loadError, revoked } = useLiveState();
  if (revoked)
    return (
      <Alert data-color="warning" role="alert">
        <Heading level={1} data-size="sm">
          {t('plan.revokedTitle')}
        </Heading>
        <Paragraph>{t(`plan.revoked.${revoked}`)}</Paragraph>
        <Link to="/">{t('nav.myPlans')}</Link>
      </Alert>
    );
  if (loadError && !plan && loadError instanceof ApiError && loadError.code === 'consent_required')
    return (
      <Suspense fallback={<Spinner aria-label={t('plan.loading')} />}>
        <WaitingForConsent planId={planId} />
      </Suspense>
    );
  if (loadError && !plan)
    return (
      <div className="stack">
        <Heading level={1} data-size="lg">
          {loadError instanceof ApiError && loadError.code === 'consent_required'
            ? t('plan.waitingForConsent')
            : loadError instanceof ApiError && loadError.status === 404
              ? t('plan.notFound')
              : t('plan.loadFailed')}
        </Heading>
        <Paragraph>{errorText(t, loadError)}</Paragraph>
        <Link to="/">{t('nav.myPlans')}</Link>
      </div>
    );
  if (!plan) return <Spinner aria-label={t('plan.loading')} />;
  return <>{children}</>;
}

function useTab(): PlanTab {
  const [params] = useSearchParams();
  const { hash } = useLocation();
  const asked = params.get('vis');
  if (PLAN_TABS.includes(asked as PlanTab)) return asked as PlanTab;
  return HASH_TABS[hash] ?? 'planen';
}

function PlanContent() {
  const { t, p } = usePlanI18n();
  const { plan } = useLiveState();
  const may = useMay();
  const tab = useTab();
  const afterFirstPaint = useAfterFirstPaint(!!plan);
  const { hash } = useLocation();
  // A link to a part of a tab (e.g. #journal) scrolls there once the tab is shown.
  useEffect(() => {
    if (hash) document.getElementById(hash.slice(1))?.scrollIntoView();
  }, [hash, tab]);
  if (!plan) return null;
  return (
    <div className="plan" data-plan-revision={plan.revision} data-tab={tab}>
      <ConnectionBanner />
      <header className="plan-header">
        <Heading level={1} data-size="md" className="plan-title">
          {plan.title}
        </Heading>
        <div className="plan-header-line">
          <Paragraph data-size="sm">{t('plan.subtitle', { name: plan.personName, role: t(`role.${plan.myRole}`) })}</Paragraph>
          <Tag data-color={plan.status === 'active' ? 'success' : 'neutral'}>{t(`planStatus.${plan.status}`)}</Tag>
          {afterFirstPaint && (
            <Suspense fallback={null}>
              <ReadAloud targetId="plan-tab" />
            </Suspense>
          )}
          <ExportMenu />
        </div>
        <PresenceBar />
        <ConsentNeedsGate />
      </header>
      <nav aria-label={p('tabs.label')} className="plan-tabs">
        <ul>
          {PLAN_TABS.map((id) => (
            <li key={id}>
              <Link to={{ search: `?vis=${id}` }} aria-current={id === tab ? 'page' : undefined} data-tab-link={id}>
                {p(TAB_LABELS[id])}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div id="plan-tab" className="plan-tab stack-lg">
        {tab === 'planen' && (
          <>
            <WhatMattersSection />
            <GoalsSection />
          </>
        )}
        {tab === 'oppgaver' && <TasksSection />}
        {tab === 'moter' && <MeetingsSection />}
        <Suspense fallback={<Spinner aria-label={t('common.loading')} />}>
          {tab === 'planen' && afterFirstPaint && <ProgressPanel />}
          {tab === 'folk' && <PeopleTab showAccessLog={may('accessLog.read')} />}
          {tab === 'historikk' && <HistoryTab />}
        </Suspense>
      </div>
    </div>
  );
}
