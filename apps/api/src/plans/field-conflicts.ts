/**
 * The conflict rule, field by field (docs/conflicts.md). Pure: unit-tested beside this file.
 *
 * An update names the plan revision it was based on. For each field it sets:
 * - the same value as now: nothing to do, never a conflict;
 * - a field last changed after the base revision by someone else: a conflict, not applied;
 * - otherwise: applied, and the field's revision becomes the new plan revision.
 * The same person editing from two devices is not a conflict with themself: last write wins.
 * A base revision newer than the plan's is refused (400), never trusted.
 */
import type { FieldRevisions } from '#contracts';
import { BadRequest } from '../errors/domain-error';

export interface RawConflict {
  field: string;
  yourValue: unknown;
  currentValue: unknown;
  changedBy: string;
  changedAtRevision: number;
}

export interface PatchOutcome<T> {
  applied: Partial<T>;
  conflicts: RawConflict[];
  fieldRevisions: FieldRevisions;
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

export function applyFieldPatch<T extends object>(
  current: T,
  fieldRevisions: FieldRevisions,
  patch: Partial<T>,
  baseRevision: number,
  revision: number,
  actorAccountId: string,
): PatchOutcome<T> {
  // A base from the future would switch conflict detection off: refuse it.
  if (baseRevision >= revision) throw new BadRequest(`baseRevision ${baseRevision} is ahead of the plan (revision ${revision - 1})`);
  const applied: Partial<T> = {};
  const conflicts: RawConflict[] = [];
  const next: FieldRevisions = { ...fieldRevisions };
  for (const key of Object.keys(patch) as (keyof T & string)[]) {
    const value = patch[key];
    if (value === undefined || sameValue(current[key], value)) continue;
    const last = fieldRevisions[key];
    if (last && last.rev > baseRevision && last.by !== actorAccountId) {
      conflicts.push({ field: key, yourValue: value, currentValue: current[key], changedBy: last.by, changedAtRevision: last.rev });
      continue;
    }
    applied[key] = value;
    next[key] = { rev: revision, by: actorAccountId };
  }
  return { applied, conflicts, fieldRevisions: next };
}
