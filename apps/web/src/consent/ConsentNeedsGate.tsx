/**
 * Whether the plan page shows what consent still needs: decided from the plan itself, here, so
 * that the banner and its words load only for a coordinator who has something to act on (never
 * with the person's first screen).
 */
import { lazy, Suspense } from 'react';
import { useMay, usePlan } from '../live/context';
import { isMissing, needsOf } from './needs';

const ConsentNeedsBanner = lazy(() => import('./ConsentNeedsBanner').then((m) => ({ default: m.ConsentNeedsBanner })));

export function ConsentNeedsGate() {
  const plan = usePlan();
  const may = useMay();
  if (!may('consent.remind') || !isMissing(needsOf(plan))) return null;
  return (
    <Suspense fallback={null}>
      <ConsentNeedsBanner />
    </Suspense>
  );
}
