/** Samtykke: to the plan, and to each relative or professional seeing it; revocable at any time. */
import { Alert, Button, Paragraph, Tag } from '@digdir/designsystemet-react';
import { lazy, Suspense, useState } from 'react';
import type { ConsentView, MemberView } from '#contracts';
import { post } from '../api/client';
import { errorText } from '../api/errors';
import { useI18n } from '../i18n';
import { useLivePlan, useMay, usePlan } from '../live/context';
import { newMutationId } from '../live/edits';
import { RecordedConsentLine } from '../consent/RecordedConsentLine';
import { Section } from './Section';

// Who waits, the reminder and recording consent from paper: only for those who see consent.
const ConsentPanel = lazy(() => import('../consent/ConsentPanel'));

export function ConsentSection() {
  const { t } = useI18n();
  const plan = usePlan();
  const consents = plan.consents ?? [];
  const active = (c: ConsentView) => !c.revokedAt;
  const planConsent = consents.find((c) => c.kind === 'plan' && active(c)) ?? null;
  const needing = plan.members.filter((m) => m.status !== 'removed' && (m.role === 'relative' || m.role === 'professional'));
  return (
    <Section
      id="consent"
      title={t('plan.consent.title')}
      intro={<Paragraph>{t('plan.consent.intro', { name: plan.personName })}</Paragraph>}
    >
      <ul className="consent-list">
        <li>
          <ConsentRow label={t('plan.consent.toPlan')} consent={planConsent} kind="plan" />
        </li>
        {needing.map((m) => (
          <li key={m.id}>
            <ConsentRow
              label={t('plan.consent.toMember', { name: m.name, role: t(`role.${m.role}`) })}
              consent={consents.find((c) => c.kind === 'member_access' && c.memberId === m.id && active(c)) ?? null}
              kind="member_access"
              member={m}
            />
          </li>
        ))}
      </ul>
      <Suspense fallback={null}>
        <ConsentPanel />
      </Suspense>
    </Section>
  );
}

function ConsentRow({
  label,
  consent,
  kind,
  member,
}: {
  label: string;
  consent: ConsentView | null;
  kind: 'plan' | 'member_access';
  member?: MemberView;
}) {
  const { t, formatDate } = useI18n();
  const plan = usePlan();
  const { live } = useLivePlan();
  const may = useMay();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (path: string, body: object) => {
    setBusy(true);
    setError(null);
    try {
      await post(path, { ...body, clientMutationId: newMutationId() });
      setAsking(false);
      await live.loadSnapshot().catch(() => undefined);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="consent-row stack-sm" data-consent-kind={kind} data-member-id={member?.id}>
      <Paragraph>
        <strong>{label}</strong>
      </Paragraph>
      {consent?.recordId ? (
        <RecordedConsentLine consent={consent} />
      ) : consent ? (
        <Paragraph data-size="sm">
          <Tag data-color="success">{t('plan.consent.given')}</Tag>{' '}
          {t('plan.consent.givenBy', { name: consent.givenByName, date: formatDate(consent.givenAt) })}
        </Paragraph>
      ) : (
        <Paragraph data-size="sm">
          <Tag data-color="warning">{t('plan.consent.notGiven')}</Tag>
        </Paragraph>
      )}
      {error && (
        <Alert data-color="danger" data-size="sm">
          <Paragraph data-size="sm">{error}</Paragraph>
        </Alert>
      )}
      {may('consent.manage') && (
        <div className="actions">
          {!consent && (
            <Button
              data-size="sm"
              loading={busy}
              onClick={() => void run(`/api/plans/${plan.id}/consents`, { kind, ...(member ? { memberId: member.id } : {}) })}
            >
              {t('plan.consent.give')}
            </Button>
          )}
          {consent && !asking && (
            <Button data-size="sm" variant="secondary" onClick={() => setAsking(true)}>
              {t('plan.consent.revoke')}
            </Button>
          )}
          {consent && asking && (
            <>
              <Paragraph data-size="sm">
                {kind === 'plan' ? t('plan.consent.revokePlanConfirm') : t('plan.consent.revokeConfirm', { name: member?.name ?? '' })}
              </Paragraph>
              <Button
                data-size="sm"
                data-color="danger"
                loading={busy}
                onClick={() => void run(`/api/plans/${plan.id}/consents/${consent.id}/revoke`, {})}
              >
                {t('plan.consent.revokeYes')}
              </Button>
              <Button data-size="sm" variant="tertiary" onClick={() => setAsking(false)}>
                {t('common.cancel')}
              </Button>
            </>
          )}
        </div>
      )}
    </div>
  );
}
