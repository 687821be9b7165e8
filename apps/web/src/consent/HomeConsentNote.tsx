/** On a home card, for whoever sees consent: "Samtykke mangler: 2 personer venter", a link to the plan's consent. */
import { Link } from 'react-router';
import type { ConsentNeeds } from '#contracts';
import { useConsentI18n } from './i18n';
import { isMissing } from './needs';

export function HomeConsentNote({ planId, needs }: { planId: string; needs: ConsentNeeds | null | undefined }) {
  const { c } = useConsentI18n();
  if (!isMissing(needs ?? null)) return null;
  const hash = needs!.personReach === 'none' ? '#consent-record' : '#consent';
  return (
    <Link to={`/planer/${planId}?vis=folk${hash}`} className="count-link consent-missing" data-count="consent-waiting">
      {c('needs.cardLink', { count: needs!.waiting })}
    </Link>
  );
}
