/**
 * "Angre": deleting is one action, and for a while after it (UNDO_MS, at least 10 s) a message
 * at the bottom of the screen says what was removed with a button that brings it back (restore
 * through the write path). No confirm dialogs. Announced politely to screen readers.
 */
import { Button, Paragraph } from '@digdir/designsystemet-react';
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { del, post } from '../api/client';
import { errorText } from '../api/errors';
import { newMutationId } from '../live/edits';
import { usePlanI18n } from './i18n';

export const UNDO_MS = 15_000;

interface Removed {
  id: number;
  label: string;
  restorePath: string;
  state: 'shown' | 'restoring' | 'restored' | 'failed';
  error?: string;
}

type Remove = (item: { path: string; label: string }) => Promise<void>;

const UndoContext = createContext<Remove | null>(null);

export function UndoProvider({ children }: { children: ReactNode }) {
  const { t, p } = usePlanI18n();
  const [removed, setRemoved] = useState<Removed | null>(null);
  const counter = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const hideLater = useCallback((ms: number) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setRemoved(null), ms);
  }, []);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const remove = useCallback<Remove>(
    async ({ path, label }) => {
      await del(`${path}?clientMutationId=${newMutationId()}`);
      setRemoved({ id: ++counter.current, label, restorePath: `${path}/restore`, state: 'shown' });
      hideLater(UNDO_MS);
    },
    [hideLater],
  );

  const undo = async () => {
    if (!removed) return;
    if (timer.current) clearTimeout(timer.current);
    setRemoved({ ...removed, state: 'restoring' });
    try {
      await post(removed.restorePath, { clientMutationId: newMutationId() });
      setRemoved({ ...removed, state: 'restored' });
      hideLater(4000);
    } catch (err) {
      setRemoved({ ...removed, state: 'failed', error: errorText(t, err) });
      hideLater(UNDO_MS);
    }
  };

  return (
    <UndoContext.Provider value={remove}>
      {children}
      <div className="undo-region" role="status" aria-live="polite" data-testid="undo-region">
        {removed && (
          <div className="undo-toast" key={removed.id}>
            <Paragraph data-size="sm">
              {removed.state === 'restored'
                ? p('undo.restored', { label: removed.label })
                : removed.state === 'failed'
                  ? removed.error
                  : p('undo.removed', { label: removed.label })}
            </Paragraph>
            {(removed.state === 'shown' || removed.state === 'restoring') && (
              <Button data-size="sm" variant="secondary" loading={removed.state === 'restoring'} onClick={() => void undo()}>
                {p('undo.undo')}
              </Button>
            )}
          </div>
        )}
      </div>
    </UndoContext.Provider>
  );
}

/** Removes an item (DELETE path) and offers "Angre". */
export function useRemove(): Remove {
  const remove = useContext(UndoContext);
  if (!remove) throw new Error('useRemove outside UndoProvider');
  return remove;
}
