/** The plan's evaluations and the person's own ratings, fetched again when the plan's revision moves. */
import { useEffect, useState } from 'react';
import type { ProgressView } from '#contracts';
import { get } from '../api/client';

export function useProgress(planId: string, revision: number) {
  const [progress, setProgress] = useState<ProgressView | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    get<ProgressView>(`/api/plans/${planId}/evaluations`).then(
      (p) => {
        if (!live) return;
        setProgress(p);
        setError(null);
      },
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [planId, revision]);
  return { progress, error };
}
