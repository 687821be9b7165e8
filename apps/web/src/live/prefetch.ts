/**
 * Opening a plan by its address: its snapshot is asked for at once, in parallel with the login
 * check (GET /api/auth/me), instead of after it: on a slow phone line that is one round trip less
 * before the plan shows. The first load of that plan takes the answer; it is the same request
 * the plan view makes, so nothing is read twice.
 */
import type { PlanView } from '#contracts';
import { fromBoot } from '../api/boot';
import { get } from '../api/client';
import { readSession } from '../api/session';

const pending = new Map<string, Promise<PlanView>>();
/** The prefetched snapshots that have arrived, for a first render that shows the plan at once. */
const arrived = new Map<string, PlanView>();

/**
 * Called once at start with the page's address. Returns a promise that settles when the snapshot
 * has arrived (or failed), if one was asked for: the first render may wait for it (main.tsx).
 */
export function prefetchPlanFromAddress(pathname: string): Promise<void> | undefined {
  const match = /^\/planer\/([^/]+)\/?$/.exec(pathname);
  if (!match || !readSession()) return undefined;
  const planId = decodeURIComponent(match[1]);
  const path = `/api/plans/${encodeURIComponent(planId)}`;
  // Asked for already by src/boot.ts, before this script arrived, when the session allowed it.
  const request = fromBoot(path, () => get<PlanView>(path));
  const settled = request.then(
    (plan) => {
      if (pending.get(planId) === request) arrived.set(planId, plan);
    },
    () => undefined, // a failure is seen (and retried) by the plan view itself
  );
  pending.set(planId, request);
  return settled;
}

/** The prefetched snapshot of this plan, once; undefined when there is none. */
export function takePrefetchedPlan(planId: string): Promise<PlanView> | undefined {
  const request = pending.get(planId);
  pending.delete(planId);
  arrived.delete(planId);
  return request;
}

/**
 * The prefetched snapshot of this plan if it has arrived (then taken, as by takePrefetchedPlan);
 * undefined when it has not: then the plan loads as usual.
 */
export function takeArrivedPlan(planId: string): PlanView | undefined {
  const plan = arrived.get(planId);
  if (plan) takePrefetchedPlan(planId);
  return plan;
}
