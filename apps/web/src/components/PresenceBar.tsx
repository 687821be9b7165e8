import { Paragraph } from '@digdir/designsystemet-react';
import { useI18n } from '../i18n';
import { useOthersHere } from '../live/context';

/** "Her nå: Kari Nilsen, Per Hansen" — who else has the plan open. */
export function PresenceBar() {
  const { t } = useI18n();
  const others = useOthersHere();
  return (
    <Paragraph data-size="sm" className="presence-bar" data-testid="presence-bar">
      {others.length ? t('presence.here', { names: others.map((p) => p.name).join(', ') }) : t('presence.alone')}
    </Paragraph>
  );
}
