/**
 * The goal and task views of the largest plans, by the revision they were read at.
 *
 * A plan load reads the plan's two long lists (goals and tasks) only when the plan is no longer at
 * the revision cached here: the statement that authorizes the read compares the plan's revision
 * with the one passed in (`p.revision IS DISTINCT FROM $n`) and builds the lists only if they
 * differ, so one statement (one snapshot) still gives the whole view, and a hit costs PostgreSQL no
 * per-row work. This holds because goals and tasks change only through the write path, which takes
 * the plan's next revision in the same transaction (or the same guarded statement) as the content:
 * the lists at a revision are always the same lists. No foreign key changes them behind its back
 * (their only cascade is the plan's own deletion). A change made outside the application (by hand
 * in SQL) is seen at the plan's next revision, or after a restart.
 *
 * Only plans with at least `minRows` goals and tasks are kept (a small plan's lists cost little to
 * read, and the many small plans of a municipality would otherwise fill the memory), at most
 * `maxRows` goals and tasks in all (about 1 KB of memory each), least recently used first out.
 * Every list and view is frozen: a reader that tried to sort or change one would change it for
 * every later reader.
 */
import type { GoalView, TaskView } from '#contracts';

export interface PlanLists {
  revision: number;
  goals: readonly GoalView[];
  tasks: readonly TaskView[];
}

export class PlanListsCache {
  private readonly entries = new Map<string, PlanLists>();
  private rows = 0;

  constructor(
    private readonly maxRows: number,
    private readonly minRows: number,
  ) {}

  /** The lists cached for the plan (the caller passes their revision to the statement and uses them only if it read none). */
  get(planId: string): PlanLists | undefined {
    const entry = this.entries.get(planId);
    if (!entry) return undefined;
    // Most recently used last.
    this.entries.delete(planId);
    this.entries.set(planId, entry);
    return entry;
  }

  /** The lists as read at `revision` (kept only for a large plan; an older revision never replaces a newer one). */
  put(planId: string, revision: number, goals: GoalView[], tasks: TaskView[]): PlanLists {
    const lists: PlanLists = Object.freeze({ revision, goals: freezeViews(goals), tasks: freezeViews(tasks) });
    const current = this.entries.get(planId);
    if (current && current.revision > revision) return lists;
    if (current) this.forget(planId, current);
    const rows = goals.length + tasks.length;
    if (rows < this.minRows || rows > this.maxRows) return lists;
    this.entries.set(planId, lists);
    this.rows += rows;
    for (const [id, entry] of this.entries) {
      if (this.rows <= this.maxRows) break;
      this.forget(id, entry);
    }
    return lists;
  }

  private forget(planId: string, entry: PlanLists): void {
    this.entries.delete(planId);
    this.rows -= entry.goals.length + entry.tasks.length;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Goals and tasks held, in all plans. */
  get heldRows(): number {
    return this.rows;
  }
}

function freezeViews<V extends { fieldRevisions?: unknown }>(views: V[]): readonly V[] {
  for (const view of views) {
    if (view.fieldRevisions && typeof view.fieldRevisions === 'object') {
      for (const stamp of Object.values(view.fieldRevisions)) Object.freeze(stamp);
      Object.freeze(view.fieldRevisions);
    }
    Object.freeze(view);
  }
  return Object.freeze(views);
}
