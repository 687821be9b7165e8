/**
 * "Nytt siden sist": what others changed after I last looked is highlighted in the plan. The
 * marker (my seen revision) comes from the home endpoint; once the plan is open it is moved to
 * the plan's revision, so the highlights stay for this visit and are gone the next.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { FieldRevisions, HomeView, SeenView } from '#contracts';
import { get, post } from '../api/client';
import { useLivePlan, usePlan } from '../live/context';

interface SeenValue {
  /** Whether any field was changed by someone else after my marker. */
  isNew(revisions: FieldRevisions | undefined): boolean;
}

const SeenContext = createContext<SeenValue>({ isNew: () => false });

export function SeenProvider({ children }: { children: ReactNode }) {
  const plan = usePlan();
  const { accountId } = useLivePlan();
  const [seenRevision, setSeenRevision] = useState<number | null>(null);
  const planId = plan.id;
  // The revision when this plan was opened: what is newer arrived while I was looking.
  const [opened] = useState(() => ({ planId, revision: plan.revision }));
  const openedAt = opened.planId === planId ? opened.revision : plan.revision;

  useEffect(() => {
    let gone = false;
    get<HomeView>('/api/me/home')
      .then((home) => {
        const mine = home.plans.find((p) => p.planId === planId);
        if (gone || !mine) return;
        setSeenRevision(mine.changes.seenRevision);
        return post<SeenView>(`/api/plans/${planId}/seen`, { revision: openedAt });
      })
      .catch(() => undefined);
    return () => {
      gone = true;
    };
  }, [planId, openedAt]);

  const value = useMemo<SeenValue>(
    () => ({
      isNew: (revisions) =>
        seenRevision !== null &&
        Object.values(revisions ?? {}).some((r) => r && r.rev > seenRevision && r.rev <= openedAt && r.by !== accountId),
    }),
    [seenRevision, openedAt, accountId],
  );
  return <SeenContext.Provider value={value}>{children}</SeenContext.Provider>;
}

export function useSeen(): SeenValue {
  return useContext(SeenContext);
}
