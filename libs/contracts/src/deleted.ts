/**
 * Soft delete and restore. Deleting a goal, task, meeting or journal entry (the existing DELETE
 * routes) marks it deleted (deleted_at, deleted_by): it leaves the plan view and every list but
 * stays in the history (plan events) and can be restored. Nothing is hard-deleted.
 *
 * Routes (under /api, bearer token; each change goes through the write path: revision, event, audit):
 *   DELETE /plans/:planId/goals/:goalId                 → ChangeResult   (goal.write)
 *   POST   /plans/:planId/goals/:goalId/restore         → ChangeResult<GoalView>    (goal.write)
 *   DELETE /plans/:planId/tasks/:taskId                 → ChangeResult   (task.write)
 *   POST   /plans/:planId/tasks/:taskId/restore         → ChangeResult<TaskView>    (task.write)
 *   DELETE /plans/:planId/meetings/:meetingId           → ChangeResult   (meeting.write; a planned meeting ahead is cancelled)
 *   POST   /plans/:planId/meetings/:meetingId/restore   → ChangeResult<MeetingView> (meeting.write; its status before the delete comes back)
 *   DELETE /plans/:planId/journal/:entryId              → ChangeResult   (journal.write, the author only)
 *   POST   /plans/:planId/journal/:entryId/restore      → ChangeResult<JournalEntryView> (journal.write, the author only)
 *   GET    /plans/:planId/deleted                       → Page<DeletedItemView>, newest deletion first (plan.read; ?limit, ?offset)
 * Restore bodies are empty or { clientMutationId }. Restoring what is not deleted is 404.
 *
 * Plan events (entityType is the item's: 'goal' | 'task' | 'meeting' | 'journal'):
 *   action 'deleted'  patch: { deleted: true, deletedBy: accountId, ... }
 *                     (a goal adds `unlinkedTaskIds`: its tasks, no longer linked to it; a
 *                      meeting adds `status` (now) and `statusBeforeDelete`)
 *   action 'restored' patch: the whole item as its view (GoalView/TaskView/MeetingView/
 *                     JournalEntryView without fieldRevisions), like 'created'; a goal adds
 *                     `relinkedTaskIds` (the tasks linked to it again: their goalId is the goal's
 *                     id again); a task whose goal is gone comes back with goalId null.
 * "Angre" (undo) in the web is just restore.
 */
import type { EntityType } from './plans';

export const DELETABLE_TYPES = ['goal', 'task', 'meeting', 'journal'] as const satisfies readonly EntityType[];
export type DeletableType = (typeof DELETABLE_TYPES)[number];

export interface DeletedItemView {
  entityType: DeletableType;
  id: string;
  /** The goal's, task's or meeting's title; a journal entry's first words. */
  title: string;
  deletedAt: string;
  deletedBy: { accountId: string | null; name: string };
  /** The revision of the delete event. */
  revision: number | null;
  /** Whether the caller may restore it (their role may write it; journal entries: the author). */
  mayRestore: boolean;
}
