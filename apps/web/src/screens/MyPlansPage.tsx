/**
 * Home: "Min plan" for the person or a guardian, "Mine planer" for someone in several plans. For
 * each plan: my next steps (tasks I am responsible for, due first, done in one tap), the next
 * meeting (to the calendar as .ics), what changed since I last looked, and who is here now.
 * Every count is a link to what it counts.
 */
import { Alert, Button, Card, Heading, Paragraph, Spinner, Tag } from '@digdir/designsystemet-react';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { RsvpButtons } from '../attendance/Rsvp';
import { tenantRoleMay, type HomeMeeting, type HomePlan, type HomeView, type TaskView } from '#contracts';
import { useAuth } from '../api/auth';
import { fromBoot } from '../api/boot';
import { get, patch } from '../api/client';
import { errorText } from '../api/errors';
import { freshAccessToken } from '../api/session';
import { useI18n } from '../i18n';
import { newMutationId } from '../live/edits';
import { usePlanI18n } from '../plan/i18n';
import { HomeConsentNote } from '../consent/HomeConsentNote';
import { useConsentI18n } from '../consent/i18n';

// The weekly "Hvordan går det med …?" for the person and guardians (issue 14), loaded when needed.
const CheckinCards = lazy(() => import('../evaluation/CheckinCard'));

const StartPlanPanel = lazy(() => import('../gather/StartPlanPanel').then((m) => ({ default: m.StartPlanPanel })));

export function MyPlansPage() {
  const { t, p } = usePlanI18n();
  const { me } = useAuth();
  const [plans, setPlans] = useState<HomePlan[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const load = useCallback(() => {
    fromBoot('/api/me/home', () => get<HomeView>('/api/me/home'))
      .then((home) => setPlans(home.plans))
      .catch((err: unknown) => setError(errorText(t, err)));
  }, [t]);
  useEffect(load, [load]);

  // The person's (or a guardian's) own home: every plan here is theirs.
  const single = !!plans?.length && plans.every((x) => x.myRole === 'person' || x.myRole === 'guardian');
  return (
    <div className="stack-lg home">
      <Heading level={1} data-size="lg">
        {single ? p('home.title') : t('myPlans.title')}
      </Heading>
      {me && tenantRoleMay(me.role, 'plans.create') && <StartPlan onStarted={load} />}
      {error && (
        <Alert data-color="danger" role="alert">
          <Paragraph>{error}</Paragraph>
        </Alert>
      )}
      <div role="status" className="visually-hidden-status" aria-live="polite">
        {done && p('home.doneNow', { title: done })}
      </div>
      {!plans && !error && <Spinner aria-label={t('common.loading')} />}
      {plans && plans.length === 0 && <Paragraph>{t('myPlans.empty')}</Paragraph>}
      {plans && plans.length > 0 && (
        <ul className="plan-list home-list" aria-label={t('myPlans.title')}>
          {plans.map((plan) => (
            <li key={plan.planId}>
              <HomePlanCard
                plan={plan}
                onDone={(task) => {
                  setDone(task.title);
                  load();
                }}
              />
            </li>
          ))}
        </ul>
      )}
      {plans?.some((x) => x.access === 'full' && (x.myRole === 'person' || x.myRole === 'guardian')) && (
        <Suspense fallback={null}>
          <CheckinCards />
        </Suspense>
      )}
    </div>
  );
}

function HomePlanCard({ plan, onDone }: { plan: HomePlan; onDone(task: TaskView): void }) {
  const { t, p, formatDate } = usePlanI18n();
  const { c } = useConsentI18n();
  const base = `/planer/${plan.planId}`;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const markDone = async (task: TaskView) => {
    setBusy(task.id);
    setError(null);
    try {
      await patch(`/api/plans/${plan.planId}/tasks/${task.id}`, {
        baseRevision: plan.revision ?? 0,
        status: 'done',
        clientMutationId: newMutationId(),
      });
      onDone(task);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card data-color="neutral" className="plan-card stack-sm" data-plan-id={plan.planId}>
      <Heading level={2} data-size="sm">
        <Link to={base}>{plan.title}</Link>
      </Heading>
      <Paragraph data-size="sm">{t('myPlans.planFor', { name: plan.personName })}</Paragraph>
      <div className="tags">
        <Tag data-color="brand1">{t(`role.${plan.myRole}`)}</Tag>
        {plan.status !== 'active' && <Tag data-color="neutral">{t(`planStatus.${plan.status}`)}</Tag>}
      </div>
      {plan.access === 'consent_required' ? (
        <Paragraph data-size="sm">
          {p('home.consentRequired')} <Link to={base}>{c('wait.home')}</Link>
        </Paragraph>
      ) : (
        <>
          {plan.myRole === 'coordinator' && <HomeConsentNote planId={plan.planId} needs={plan.consentNeeds} />}
          <section className="home-part stack-sm" aria-label={p('home.nextSteps')}>
            <Heading level={3} data-size="xs">
              {p('home.nextSteps')}
            </Heading>
            <Link to={`${base}?vis=oppgaver`} className="count-link" data-count="tasks">
              {p('home.nextStepsCount', { count: plan.myTasks.length })}
            </Link>
            {error && <Paragraph data-size="sm">{error}</Paragraph>}
            {plan.myTasks.length === 0 ? (
              <Paragraph data-size="sm">{p('home.noSteps')}</Paragraph>
            ) : (
              <ul className="home-tasks">
                {plan.myTasks.map((task) => (
                  <li key={task.id} className="home-task" data-task-id={task.id}>
                    <span className="task-title">{task.title}</span>
                    <span className="task-facts">
                      {[
                        task.dueDate ? p('task.due', { date: formatDate(task.dueDate) }) : null,
                        task.scope ? p('task.scope', { scope: task.scope }) : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </span>
                    <Button
                      data-size="sm"
                      loading={busy === task.id}
                      onClick={() => void markDone(task)}
                      aria-label={p('task.markDoneLabel', { title: task.title })}
                    >
                      {p('task.markDone')}
                    </Button>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="home-part stack-sm" aria-label={p('home.nextMeeting')}>
            <Heading level={3} data-size="xs">
              {t('myPlans.nextMeeting')}
            </Heading>
            {plan.nextMeeting ? (
              <NextMeeting planId={plan.planId} meeting={plan.nextMeeting} />
            ) : (
              <Paragraph data-size="sm">{p('home.noMeeting')}</Paragraph>
            )}
          </section>
          <section className="home-part stack-sm" aria-label={p('home.changes')}>
            <Heading level={3} data-size="xs">
              {p('home.changes')}
            </Heading>
            <Link to={`${base}?vis=historikk#history`} className="count-link" data-count="changes">
              {p('home.changesCount', { count: plan.changes.count })}
            </Link>
            {plan.changes.items.length > 0 && (
              <ul className="home-changes">
                {plan.changes.items.slice(0, 3).map((c) => (
                  <li key={c.revision}>
                    {p('home.change', { name: c.actor.name, what: p(`home.what.${c.entityType}`) })}, {formatDate(c.at, true)}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="home-part stack-sm" aria-label={p('home.hereNow')}>
            <Heading level={3} data-size="xs">
              {p('home.hereNow')}
            </Heading>
            <Link to={`${base}?vis=folk`} className="count-link" data-count="present">
              {p('home.hereNowCount', { count: plan.presentNow.length })}
            </Link>
            {plan.presentNow.length > 0 && <Paragraph data-size="sm">{plan.presentNow.map((x) => x.name).join(', ')}</Paragraph>}
          </section>
          <div>
            <Link to={base} className="primary-link">
              {p('home.openPlan')}
            </Link>
          </div>
        </>
      )}
    </Card>
  );
}

/**
 * "Start en ny plan", first on the home screen of those who start plans: one button, and the form
 * (loaded when first opened) in place; focus goes into it, and back to the button when closed.
 */
function StartPlan({ onStarted }: { onStarted(): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  if (open)
    return (
      <Suspense fallback={<Spinner aria-label={t('common.loading')} />}>
        <StartPlanPanel
          onStarted={onStarted}
          onClose={() => {
            setOpen(false);
            setTimeout(() => button.current?.focus(), 0);
          }}
        />
      </Suspense>
    );
  return (
    <div>
      <Button ref={button} onClick={() => setOpen(true)} data-action="start-plan">
        {t('myPlans.newPlan')}
      </Button>
    </div>
  );
}

/** The next meeting, a link to it, and the .ics (fetched with the session, then saved). */
function NextMeeting({ planId, meeting }: { planId: string; meeting: HomeMeeting }) {
  const { p, formatDate } = usePlanI18n();
  const download = async () => {
    const token = await freshAccessToken();
    const res = await fetch(`/api${meeting.icsPath.replace(/^\/api/, '')}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    if (!res.ok) return;
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = 'mote.ics';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <div className="stack-sm">
      <Paragraph data-size="sm">
        <Link to={`/planer/${planId}/mote/${meeting.id}`}>{meeting.title}</Link>: {formatDate(meeting.startsAt, true)}
        {meeting.location ? ` · ${meeting.location}` : ''}
      </Paragraph>
      <RsvpButtons planId={planId} meetingId={meeting.id} compact />
      <div>
        <Button variant="secondary" data-size="sm" onClick={() => void download()} data-testid="ics">
          {p('home.addToCalendar')}
        </Button>
      </div>
    </div>
  );
}
