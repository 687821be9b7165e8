/** React glue for the live plan: one PlanLive and EditQueue per open plan, and hooks to read them. */
import { createContext, useCallback, useContext, useLayoutEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { planRoleMay, type PlanAction, type PlanView, type PresenceParticipant } from '#contracts';
import { EditQueue, fieldKey, type Draft, type EditableType, type SaveStatus } from './edits';
import { PlanLive, type LiveState } from './plan-live';

interface LivePlanValue {
  live: PlanLive;
  edits: EditQueue;
  accountId: string;
}

const LivePlanContext = createContext<LivePlanValue | null>(null);

export function LivePlanProvider({ planId, accountId, children }: { planId: string; accountId: string; children: ReactNode }) {
  const [value, setValue] = useState<LivePlanValue | null>(null);
  // A layout effect: when the plan's snapshot is here already (prefetched at start), the render it
  // causes happens before the first paint, so the plan paints once, without a spinner before it.
  useLayoutEffect(() => {
    const live = new PlanLive(planId);
    live.takeArrivedSnapshot();
    const edits = new EditQueue(live, accountId);
    setValue({ live, edits, accountId });
    void live.start().catch(() => undefined);
    return () => {
      edits.dispose();
      live.stop();
    };
  }, [planId, accountId]);
  if (!value) return null;
  return <LivePlanContext.Provider value={value}>{children}</LivePlanContext.Provider>;
}

export function useLivePlan(): LivePlanValue {
  const value = useContext(LivePlanContext);
  if (!value) throw new Error('useLivePlan outside LivePlanProvider');
  return value;
}

export function useLiveState(): LiveState {
  const { live } = useLivePlan();
  return useSyncExternalStore(live.subscribe, live.getState);
}

/** The plan, once loaded (components below PlanPage only render when it is). */
export function usePlan(): PlanView {
  const plan = useLiveState().plan;
  if (!plan) throw new Error('usePlan before the plan is loaded');
  return plan;
}

export function useMay(): (action: PlanAction) => boolean {
  const plan = usePlan();
  return useCallback((action: PlanAction) => planRoleMay(plan.myRole, action), [plan.myRole]);
}

export function useEditsVersion(): number {
  const { edits } = useLivePlan();
  return useSyncExternalStore(edits.subscribe, edits.getVersion);
}

export interface FieldBinding<T> {
  key: string;
  /** What to show: my unsent draft if there is one, else the plan's value. */
  value: T;
  status: SaveStatus;
  touched: boolean;
  draft: Draft | undefined;
  /** Others editing this field now. */
  editors: PresenceParticipant[];
  change(value: T): void;
  focus(): void;
  blur(): void;
}

export function useField<T>(entityType: EditableType, entityId: string, field: string, serverValue: T): FieldBinding<T> {
  const { live, edits, accountId } = useLivePlan();
  useEditsVersion();
  const { participants } = useLiveState();
  const key = fieldKey(entityType, entityId, field);
  const draft = edits.get(key);
  const editors = participants.filter(
    (p) =>
      p.accountId !== accountId &&
      p.focus.some((f) => f.mode === 'editing' && f.entityType === entityType && f.entityId === entityId && f.field === field),
  );
  return {
    key,
    value: draft ? (draft.value as T) : serverValue,
    status: draft?.status ?? 'saved',
    touched: Boolean(draft) || edits.wasSaved(key),
    draft,
    editors,
    change: (value) => edits.edit(entityType, entityId, field, value),
    focus: () => live.setFocus({ entityType, entityId, field, mode: 'editing' }),
    blur: () => {
      live.setFocus(null);
      edits.flush(key);
    },
  };
}

/** Who is in the plan now, other than me. */
export function useOthersHere(): PresenceParticipant[] {
  const { accountId } = useLivePlan();
  return useLiveState().participants.filter((p) => p.accountId !== accountId);
}
