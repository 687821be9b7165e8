/**
 * Reading first, editing as a step: the plan is shown as text, and one item at a time (a goal, a
 * task, "what matters") becomes a form when someone who may edit it chooses "Endre". The rest of
 * the plan stays readable. An item with unsent changes (e.g. after a reload) opens as a form, so
 * the draft is in view.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useEditsVersion, useLivePlan } from '../live/context';
import type { EditableType } from '../live/edits';

interface EditingValue {
  editing: string | null;
  start(key: string): void;
  stop(): void;
}

const EditingContext = createContext<EditingValue>({ editing: null, start: () => undefined, stop: () => undefined });

export function EditingProvider({ children }: { children: ReactNode }) {
  const [editing, setEditing] = useState<string | null>(null);
  const stop = useCallback(() => setEditing(null), []);
  const value = useMemo(() => ({ editing, start: setEditing, stop }), [editing, stop]);
  return <EditingContext.Provider value={value}>{children}</EditingContext.Provider>;
}

/** Whether this item is the one being edited, and the switch. */
export function useEditing(entityType: EditableType, entityId: string) {
  const { editing, start, stop } = useContext(EditingContext);
  const { edits } = useLivePlan();
  useEditsVersion();
  const key = `${entityType}:${entityId}`;
  const hasDraft = edits.hasUnsent(entityType, entityId);
  // Opened as a form because of what this device kept: it stays one when that has been sent (it
  // must not fold away under someone's fingers), until they are done with it.
  useEffect(() => {
    if (hasDraft && editing === null) start(key);
  }, [hasDraft, editing, key, start]);
  return {
    isEditing: editing === key || hasDraft,
    start: () => start(key),
    stop: () => {
      if (editing === key) stop();
    },
  };
}
