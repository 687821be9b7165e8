import { useI18n, type MessageKey } from '../i18n';
import type { SaveStatus } from '../live/edits';

const TEXT: Record<SaveStatus, MessageKey> = {
  saved: 'save.saved',
  saving: 'save.saving',
  unsaved: 'save.unsaved',
  conflict: 'save.conflict',
  error: 'save.error',
};

/** "Lagret" / "Lagrer …" / "Ikke lagret ennå": quiet until the field has been touched. */
export function SaveIndicator({ status, touched, error }: { status: SaveStatus; touched: boolean; error?: string }) {
  const { t } = useI18n();
  if (!touched && status === 'saved') return null;
  return (
    <span className={`save-indicator save-${status}`} data-testid="save-status">
      <span aria-hidden="true" className="save-dot" />
      {t(TEXT[status])}
      {status === 'error' && error ? `: ${error}` : ''}
    </span>
  );
}
