/** The plan: what matters to the person first, then goals and tasks, people, consent, meetings, notes and history. */
import { Alert, Heading, Link as DsLink, Paragraph, Spinner, Tag } from '@digdir/designsystemet-react';
import { Link, useParams } from 'react-router';
import { useAuth } from '../api/auth';
import { ApiError } from '../api/client';
import { errorText } from '../api/errors';
import { ConnectionBanner } from '../components/ConnectionBanner';
import { PresenceBar } from '../components/PresenceBar';
import { useI18n } from '../i18n';
import { LivePlanProvider, useLiveState, useMay } from '../live/context';
import { AccessLogSection } from '../plan/AccessLogSection';
import { ConsentSection } from '../plan/ConsentSection';
import { ExportMenu } from '../plan/ExportMenu';
import { GoalsSection } from '../plan/GoalsSection';
import { HistorySection } from '../plan/HistorySection';
import { JournalSection } from '../plan/JournalSection';
import { MeetingsSection } from '../plan/MeetingsSection';
import { MembersSection } from '../plan/MembersSection';
import { WhatMattersSection } from '../plan/WhatMattersSection';

export function PlanPage() {
  const { planId = '' } = useParams();
  const { me } = useAuth();
  if (!me) return null;
  return (
    <LivePlanProvider planId={planId} accountId={me.id}>
      <LoadedPlan>
        <PlanContent />
      </LoadedPlan>
    </LivePlanProvider>
  );
}

/** Shows loading, not found and "no longer access" states; renders children once the plan is here. */
export function LoadedPlan({ children }: { children: React.ReactNode }) {
  const { t } = useI18n();
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

function PlanContent() {
  const { t } = useI18n();
  const { plan } = useLiveState();
  const may = useMay();
  if (!plan) return null;
  const sections = [
    ['what-matters', plan.myRole === 'person' ? t('plan.whatMatters.titleMine') : t('plan.whatMatters.title', { name: plan.personName })],
    ['goals', t('plan.goals.title')],
    ['people', t('plan.members.title')],
    ...(plan.consents ? [['consent', t('plan.consent.title')]] : []),
    ['meetings', t('plan.meetings.title')],
    ['journal', t('plan.journal.title')],
    ['history', t('plan.history.title')],
    ...(may('accessLog.read')
      ? [['access-log', plan.myRole === 'person' ? t('plan.accessLog.titleMine') : t('plan.accessLog.title')]]
      : []),
  ];
  return (
    <div className="plan stack-lg" data-plan-revision={plan.revision}>
      <ConnectionBanner />
      <header className="plan-header stack-sm">
        <Heading level={1} data-size="lg">
          {plan.title}
        </Heading>
        <Paragraph>{t('plan.subtitle', { name: plan.personName, role: t(`role.${plan.myRole}`) })}</Paragraph>
        <div className="tags">
          <Tag data-color={plan.status === 'active' ? 'success' : 'neutral'}>{t(`planStatus.${plan.status}`)}</Tag>
        </div>
        <PresenceBar />
        <ExportMenu />
      </header>
      <nav aria-label={t('plan.sectionsNav')} className="section-nav">
        <ul>
          {sections.map(([id, label]) => (
            <li key={id}>
              <DsLink href={`#${id}`}>{label}</DsLink>
            </li>
          ))}
        </ul>
      </nav>
      <WhatMattersSection />
      <GoalsSection />
      <MembersSection />
      {plan.consents && <ConsentSection />}
      <MeetingsSection />
      <JournalSection />
      <HistorySection />
      {may('accessLog.read') && <AccessLogSection />}
    </div>
  );
}
