/**
 * Reading the plan's own change log from inside a change: what a restore needs to know about the
 * delete it undoes (e.g. the tasks a deleted goal was unlinked from) is in that delete's event.
 */
import type { EntityManager } from 'typeorm';
import type { EntityType } from '#contracts';

/** The patch of the newest event of this entity with this action, or null if there is none. */
export async function lastEventPatch(
  tx: EntityManager,
  planId: string,
  entityType: EntityType,
  entityId: string,
  action: string,
): Promise<Record<string, unknown> | null> {
  const [row] = (await tx.query(
    `SELECT patch FROM plan_events WHERE plan_id = $1 AND entity_type = $2 AND entity_id = $3 AND action = $4
      ORDER BY revision DESC LIMIT 1`,
    [planId, entityType, entityId, action],
  )) as { patch: Record<string, unknown> }[];
  return row?.patch ?? null;
}

/** The ids in a patch's list field that are uuid strings (anything else is ignored). */
export function idsIn(patch: Record<string, unknown> | null, field: string): string[] {
  const value = patch?.[field];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
