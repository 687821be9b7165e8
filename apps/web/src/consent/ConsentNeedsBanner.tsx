/**
 * On the plan page, for the coordinator: what the plan still needs of consent, and the one
 * next step (record consent given on paper when nobody can log in; otherwise who waits and the
 * reminder). Shown only when something is missing; computed from the plan itself.
 */
import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import { Link } from 'react-router';
import { useMay, usePlan } from '../live/context';
import { useConsentI18n } from './i18n';
import { isMissing, needsOf } from './needs';

export function ConsentNeedsBanner() {
  const { c } = useConsentI18n();
  const plan = usePlan();
  const may = useMay();
  const needs = needsOf(plan);
  // The coordinator's to act on; the person gives consent in the consent section itself.
  if (!may('consent.remind') || !isMissing(needs)) return null;
  const name = plan.personName;
  return (
    <Alert data-color="warning" data-size="sm" className="consent-needs" data-testid="consent-needs">
      <Heading level={2} data-size="xs">
        {c('needs.title')}
      </Heading>
      {!needs.planConsent && <Paragraph data-size="sm">{c('needs.planMissing', { name })}</Paragraph>}
      {needs.waiting > 0 && <Paragraph data-size="sm">{c('needs.waiting', { count: needs.waiting })}</Paragraph>}
      {needs.personReach === 'none' && <Paragraph data-size="sm">{c('needs.noLogin', { name })}</Paragraph>}
      {needs.personReach === 'invited' && <Paragraph data-size="sm">{c('needs.invited', { name })}</Paragraph>}
      <Paragraph data-size="sm">
        {needs.personReach === 'none' ? (
          <Link to={{ search: '?vis=folk', hash: '#consent-record' }} className="primary-link" data-testid="consent-cta">
            {c('needs.recordCta')}
          </Link>
        ) : (
          <Link to={{ search: '?vis=folk', hash: '#consent' }} className="primary-link" data-testid="consent-cta">
            {c('needs.remindCta')}
          </Link>
        )}
      </Paragraph>
    </Alert>
  );
}
