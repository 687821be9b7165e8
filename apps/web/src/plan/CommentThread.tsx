/**
 * Comments where the thing is: a short thread on a goal or a task, opened from its card. "@Navn"
 * lets the named member know (the server sends the notifications, also to the task's
 * responsible). Live: a comment event for this item reloads the thread. The thread itself
 * (CommentThreadBody.tsx) loads when first opened, not with the plan.
 */
import { Button, Spinner } from '@digdir/designsystemet-react';
import { createContext, lazy, Suspense, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { CommentCountsView, CommentTargetType } from '#contracts';
import { get } from '../api/client';
import { useLivePlan, usePlan } from '../live/context';
import { draftKey } from './comment-draft';
import { usePlanI18n } from './i18n';

const CommentThread = lazy(() => import('./CommentThreadBody').then((m) => ({ default: m.CommentThread })));

export interface Target {
  targetType: CommentTargetType;
  targetId: string;
  title: string;
}

const CountsContext = createContext<Map<string, number>>(new Map());

/** How many comments each goal and task has, for the cards; reloaded when a comment event arrives. */
export function CommentCountsProvider({ children }: { children: ReactNode }) {
  const plan = usePlan();
  const { live } = useLivePlan();
  const [counts, setCounts] = useState(new Map<string, number>());
  const load = useCallback(() => {
    get<CommentCountsView>(`/api/plans/${plan.id}/comments`)
      .then((view) => setCounts(new Map(view.items.map((i) => [`${i.targetType}:${i.targetId}`, i.count]))))
      .catch(() => undefined);
  }, [plan.id]);
  useEffect(load, [load]);
  useEffect(() => live.onEvent((ev) => ev.entityType === 'comment' && load()), [live, load]);
  return <CountsContext.Provider value={counts}>{children}</CountsContext.Provider>;
}

/** The "Kommentarer" button on a card; opens the thread below it. Open at once when a draft waits. */
export function CommentToggle(props: Target) {
  const { t, p } = usePlanI18n();
  const plan = usePlan();
  const { accountId } = useLivePlan();
  const hasDraft = localStorage.getItem(`fellesplan.draft.${accountId}.${draftKey(plan.id, props)}`) !== null;
  const [open, setOpen] = useState(hasDraft);
  const count = useContext(CountsContext).get(`${props.targetType}:${props.targetId}`) ?? 0;
  return (
    <>
      <Button variant="tertiary" data-size="sm" aria-expanded={open} onClick={() => setOpen((o) => !o)} data-testid="comments-toggle">
        {p('comments.show', { count })}
      </Button>
      {open && (
        <Suspense fallback={<Spinner aria-label={t('common.loading')} data-size="sm" />}>
          <CommentThread {...props} />
        </Suspense>
      )}
    </>
  );
}
