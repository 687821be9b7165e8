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

/** Called once at start with the page's address. */
export function prefetchPlanFromAddress(pathname: string): void {
  const match = /^\/planer\/([^/]+)\/?$/.exec(pathname);
  if (!match || !readSession()) return;
  const planId = decodeURIComponent(match[1]);
  const path = `/api/plans/${encodeURIComponent(planId)}`;
  // Asked for already by src/boot.ts, before this script arrived, when the session allowed it.
  const request = fromBoot(path, () => get<PlanView>(path));
  request.catch(() => undefined); // a failure is seen (and retried) by the plan view itself
  pending.set(planId, request);
}

/** The prefetched snapshot of this plan, once; undefined when there is none. */
export function takePrefetchedPlan(planId: string): Promise<PlanView> | undefined {
  const request = pending.get(planId);
  pending.delete(planId);
  return request;
}
