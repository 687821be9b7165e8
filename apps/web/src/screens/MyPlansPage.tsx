/** "Mine planer": each plan I take part in, my role, the next meeting and my open tasks. */
import { Alert, Button, Card, Details, Heading, Paragraph, Spinner, Tag, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { tenantRoleMay, type MyPlanRow, type Page, type PlanView } from '#contracts';
import { useAuth } from '../api/auth';
import { get, post } from '../api/client';
import { errorText } from '../api/errors';
import { useI18n } from '../i18n';

export function MyPlansPage() {
  const { t, formatDate } = useI18n();
  const { me } = useAuth();
  const [plans, setPlans] = useState<MyPlanRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    get<Page<MyPlanRow>>('/api/plans?limit=200')
      .then((page) => setPlans(page.items))
      .catch((err: unknown) => setError(errorText(t, err)));
  }, [t]);

  return (
    <div className="stack-lg">
      <Heading level={1} data-size="lg">
        {t('myPlans.title')}
      </Heading>
      {error && (
        <Alert data-color="danger" role="alert">
          <Paragraph>{error}</Paragraph>
        </Alert>
      )}
      {!plans && !error && <Spinner aria-label={t('common.loading')} />}
      {plans && plans.length === 0 && <Paragraph>{t('myPlans.empty')}</Paragraph>}
      {plans && plans.length > 0 && (
        <ul className="plan-list" aria-label={t('myPlans.title')}>
          {plans.map((p) => (
            <li key={p.id}>
              <Card data-color="neutral" className="plan-card">
                <Heading level={2} data-size="sm">
                  <Link to={`/planer/${p.id}`}>{p.title}</Link>
                </Heading>
                <Paragraph data-size="sm">{t('myPlans.planFor', { name: p.personName })}</Paragraph>
                <div className="tags">
                  <Tag data-color="brand1">{t(`role.${p.myRole}`)}</Tag>
                  {p.status !== 'active' && <Tag data-color="neutral">{t(`planStatus.${p.status}`)}</Tag>}
                </div>
                <dl className="facts">
                  <div>
                    <dt>{t('myPlans.nextMeeting')}</dt>
                    <dd>
                      {p.nextMeeting ? `${formatDate(p.nextMeeting.startsAt, true)} (${p.nextMeeting.title})` : t('myPlans.noMeeting')}
                    </dd>
                  </div>
                  <div>
                    <dt>{t('myPlans.myTasks')}</dt>
                    <dd>{p.myOpenTasks === 0 ? t('myPlans.noTasks') : t('myPlans.openTasks', { count: p.myOpenTasks })}</dd>
                  </div>
                </dl>
              </Card>
            </li>
          ))}
        </ul>
      )}
      {me && tenantRoleMay(me.role, 'plans.create') && <NewPlanForm />}
    </div>
  );
}

function NewPlanForm() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [personName, setPersonName] = useState('');
  const [personEmail, setPersonEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!personName.trim()) return setError(t('myPlans.personNameRequired'));
    setBusy(true);
    try {
      const res = await post<{ plan: PlanView }>('/api/plans', {
        title: title.trim() || t('myPlans.defaultTitle', { name: personName.trim() }),
        personName: personName.trim(),
        ...(personEmail.trim() ? { personEmail: personEmail.trim() } : {}),
      });
      navigate(`/planer/${res.plan.id}`);
    } catch (err) {
      setError(errorText(t, err));
      setBusy(false);
    }
  };
  return (
    <Details>
      <Details.Summary>{t('myPlans.newPlan')}</Details.Summary>
      <Details.Content>
        <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
          {error && (
            <Alert data-color="danger" role="alert">
              <Paragraph>{error}</Paragraph>
            </Alert>
          )}
          <Textfield label={t('myPlans.personName')} value={personName} onChange={(e) => setPersonName(e.target.value)} required />
          <Textfield
            label={t('myPlans.personEmail')}
            description={t('myPlans.personEmailHint')}
            type="email"
            value={personEmail}
            onChange={(e) => setPersonEmail(e.target.value)}
          />
          <Textfield label={t('myPlans.planTitle')} value={title} onChange={(e) => setTitle(e.target.value)} />
          <Button type="submit" loading={busy}>
            {t('myPlans.create')}
          </Button>
        </form>
      </Details.Content>
    </Details>
  );
}
