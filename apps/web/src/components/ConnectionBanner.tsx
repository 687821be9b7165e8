/**
 * Tells, calmly, when the connection is gone and that nothing is lost; disappears when caught up.
 * The first catch-up, right after the plan has loaded, is part of opening it and says nothing: a
 * banner that came and went there would push the whole plan down and up again (layout shift).
 */
import { Alert, Paragraph } from '@digdir/designsystemet-react';
import { useRef } from 'react';
import { useI18n, type MessageKey } from '../i18n';
import { useEditsVersion, useLivePlan, useLiveState } from '../live/context';
import type { ConnectionState } from '../live/plan-live';

const TEXT: Record<ConnectionState, MessageKey | null> = {
  connecting: null,
  live: null,
  catching_up: 'connection.catchingUp',
  reconnecting: 'connection.reconnecting',
  offline: 'connection.offline',
};

export function ConnectionBanner() {
  const { t } = useI18n();
  const { connection } = useLiveState();
  const { edits } = useLivePlan();
  useEditsVersion();
  const pending = edits.pendingCount;
  const wasLive = useRef(false);
  if (connection === 'live') wasLive.current = true;
  const key = connection === 'catching_up' && !wasLive.current && pending === 0 ? null : TEXT[connection];
  return (
    <div role="status" className="connection-banner" data-connection={connection}>
      {key && (
        <Alert data-color={connection === 'catching_up' ? 'info' : 'warning'} data-size="sm">
          <Paragraph data-size="sm">{t(key)}</Paragraph>
          {pending > 0 && <Paragraph data-size="sm">{t('connection.pending', { count: pending })}</Paragraph>}
        </Alert>
      )}
    </div>
  );
}
