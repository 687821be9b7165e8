import type { PresenceParticipant } from '#contracts';
import { useI18n } from '../i18n';

/** "Kari Nilsen skriver …" on the field someone else is editing now. */
export function PresenceMarker({ editors }: { editors: PresenceParticipant[] }) {
  const { t } = useI18n();
  if (!editors.length) return null;
  const names = editors.map((e) => e.name).join(', ');
  return (
    <span className="presence-marker" data-testid="presence-marker">
      <span aria-hidden="true" className="presence-dot" />
      {t(editors.length === 1 ? 'presence.typing' : 'presence.typingMany', { name: names })}
    </span>
  );
}
