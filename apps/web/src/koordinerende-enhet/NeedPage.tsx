/**
 * One melding om behov: what was reported, by whom, and what koordinerende enhet did with it.
 * The systemkoordinator reviews it here (status and note) and appoints a coordinator; the reporter
 * sees their own report, read only.
 */
import {
  Alert,
  Button,
  Field,
  Fieldset,
  Heading,
  Label,
  Paragraph,
  Radio,
  Select,
  Spinner,
  Tag,
  Textarea,
} from '@digdir/designsystemet-react';
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { NEED_TRANSITIONS, tenantRoleMay, type NeedStatus, type NeedView, type OverviewPlanRow, type Page } from '#contracts';
import { useAuth } from '../api/auth';
import { ApiError, get, post } from '../api/client';
import { errorText } from '../api/errors';
import { AppointCoordinator, AppointedMessage, type Appointed } from './AppointCoordinator';
import { useKeI18n } from './i18n';
import { NEED_STATUS_COLOR } from './NeedCard';
import { BASE, ErrorAlert, SectionFrame, usePageTitle } from './parts';

export function NeedPage() {
  const { t, tApp, formatDate } = useKeI18n();
  const { me } = useAuth();
  const { needId = '' } = useParams();
  const [need, setNeed] = useState<NeedView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [hidden, setHidden] = useState(false);
  const [appointed, setAppointed] = useState<Appointed | null>(null);
  const triager = !!me && tenantRoleMay(me.role, 'needs.triage');
  usePageTitle(need ? t('need.title', { name: need.personName }) : t('needs.title'));

  const load = useCallback(() => {
    get<NeedView>(`/api/needs/${needId}`)
      .then((n) => {
        setNeed(n);
        setError(null);
      })
      .catch((err: unknown) => {
        if (err instanceof ApiError && (err.status === 404 || err.status === 400)) setHidden(true);
        else setError(errorText(tApp, err));
      });
  }, [needId, tApp]);
  useEffect(load, [load]);

  if (hidden) {
    return (
      <SectionFrame>
        <Heading level={1} data-size="lg">
          {t('needs.title')}
        </Heading>
        <Alert data-color="info">
          <Paragraph>{t('need.notVisible')}</Paragraph>
        </Alert>
      </SectionFrame>
    );
  }

  return (
    <SectionFrame>
      {triager && (
        <Paragraph>
          <Link to={`${BASE}/meldinger`}>{t('need.back')}</Link>
        </Paragraph>
      )}
      <ErrorAlert message={error} />
      {!need && !error && <Spinner aria-label={tApp('common.loading')} />}
      {need && (
        <>
          <div className="stack">
            <Heading level={1} data-size="lg">
              {t('need.title', { name: need.personName })}
            </Heading>
            <div className="tags">
              <Tag data-color={NEED_STATUS_COLOR[need.status]} data-testid="need-status">
                {t(`needStatus.${need.status}`)}
              </Tag>
              <Tag data-color="neutral">{t(`needKind.${need.kind}`)}</Tag>
            </div>
            <dl className="facts">
              <div>
                <dt>{t('need.person')}</dt>
                <dd>{need.personName}</dd>
              </div>
              {need.personContact && (
                <div>
                  <dt>{t('need.contact')}</dt>
                  <dd>{need.personContact}</dd>
                </div>
              )}
              <div>
                <dt>{t('need.kind')}</dt>
                <dd>{t(`needKind.${need.kind}`)}</dd>
              </div>
              <div>
                <dt>{t('need.reporter')}</dt>
                <dd>
                  {need.reporter.name}, {need.reporter.service}
                </dd>
              </div>
              <div>
                <dt>{t('need.reportedAt')}</dt>
                <dd>{formatDate(need.createdAt, true)}</dd>
              </div>
              {need.coordinator && (
                <div>
                  <dt>{t('need.coordinator')}</dt>
                  <dd>{need.coordinator.name}</dd>
                </div>
              )}
              {need.triagedBy && (
                <div>
                  <dt>{t('need.triagedBy')}</dt>
                  <dd>
                    {need.triagedBy.name}
                    {need.triagedAt ? `, ${formatDate(need.triagedAt, true)}` : ''}
                  </dd>
                </div>
              )}
            </dl>
            <div>
              <Heading level={2} data-size="xs">
                {t('need.description')}
              </Heading>
              <Paragraph className="ke-pre">{need.description}</Paragraph>
            </div>
            {need.triageNote && (
              <div>
                <Heading level={2} data-size="xs">
                  {t('need.note')}
                </Heading>
                <Paragraph className="ke-pre">{need.triageNote}</Paragraph>
              </div>
            )}
          </div>
          {triager && <TriageForm need={need} onSaved={setNeed} />}
          {triager && (
            <section aria-labelledby="appoint-title" className="stack">
              <Heading level={2} data-size="md" id="appoint-title">
                {t('triage.appointTitle')}
              </Heading>
              {appointed && <AppointedMessage result={appointed} />}
              {need.status === 'declined' || need.status === 'plan_started' ? (
                <Paragraph>{t('triage.appointClosed')}</Paragraph>
              ) : (
                <>
                  <Paragraph>{t('triage.appointIntro')}</Paragraph>
                  <AppointCoordinator
                    key={need.coordinator?.accountId ?? 'none'}
                    target={{ type: 'need', needId: need.id, label: need.personName }}
                    currentCoordinatorId={need.coordinator?.accountId ?? null}
                    onAppointed={(result) => {
                      setAppointed(result);
                      load();
                    }}
                  />
                </>
              )}
            </section>
          )}
        </>
      )}
    </SectionFrame>
  );
}

function TriageForm({ need, onSaved }: { need: NeedView; onSaved(need: NeedView): void }) {
  const { t, tApp } = useKeI18n();
  const id = useId();
  const moves = NEED_TRANSITIONS[need.status];
  const [status, setStatus] = useState<NeedStatus | ''>('');
  const [note, setNote] = useState('');
  const [planId, setPlanId] = useState('');
  const [plans, setPlans] = useState<OverviewPlanRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The confirmation, for the version of the need it confirms (an appointment after it makes it stale).
  const [saved, setSaved] = useState<{ text: string; updatedAt: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (status !== 'plan_started' || plans) return;
    get<Page<OverviewPlanRow>>('/api/overview/plans?view=all&limit=200')
      .then((page) => setPlans(page.items.filter((p) => p.status !== 'closed')))
      .catch(() => setPlans([]));
  }, [status, plans]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!status) return setError(t('triage.pickStatus'));
    if (status === 'declined' && !note.trim()) return setError(t('triage.noteRequired'));
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const updated = await post<NeedView>(`/api/needs/${need.id}/triage`, {
        status,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(status === 'plan_started' && planId ? { planId } : {}),
      });
      onSaved(updated);
      setSaved({ text: t('triage.saved', { status: t(`needStatus.${updated.status}`) }), updatedAt: updated.updatedAt });
      setStatus('');
      setNote('');
      setPlanId('');
    } catch (err) {
      setError(errorText(tApp, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={`${id}-title`} className="stack">
      <Heading level={2} data-size="md" id={`${id}-title`}>
        {t('triage.title')}
      </Heading>
      <div role="status">
        {saved?.updatedAt === need.updatedAt && (
          <Alert data-color="success">
            <Paragraph>{saved.text}</Paragraph>
          </Alert>
        )}
      </div>
      {moves.length === 0 ? (
        <Paragraph>{t('triage.noMoves')}</Paragraph>
      ) : (
        <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
          <ErrorAlert message={error} />
          <Fieldset>
            <Fieldset.Legend>{t('triage.status')}</Fieldset.Legend>
            {moves.map((s) => (
              <Radio
                key={s}
                name={`${id}-status`}
                value={s}
                label={t(`needStatus.${s}`)}
                checked={status === s}
                onChange={() => setStatus(s)}
              />
            ))}
          </Fieldset>
          {status === 'plan_started' && (
            <Field>
              <Label htmlFor={`${id}-plan`}>{t('triage.plan')}</Label>
              <Select id={`${id}-plan`} value={planId} onChange={(e) => setPlanId(e.target.value)}>
                <Select.Option value="">{t('triage.noPlan')}</Select.Option>
                {(plans ?? []).map((p) => (
                  <Select.Option key={p.id} value={p.id}>
                    {p.title} ({p.personName})
                  </Select.Option>
                ))}
              </Select>
            </Field>
          )}
          <Field>
            <Label htmlFor={`${id}-note`}>{t('triage.note')}</Label>
            <Field.Description>{t('triage.noteHint')}</Field.Description>
            <Textarea id={`${id}-note`} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
          </Field>
          <div>
            <Button type="submit" loading={busy} disabled={busy}>
              {t('triage.submit')}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
