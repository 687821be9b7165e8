/**
 * Comments: a short thread on one goal or one task, where the thing is (the journal stays for
 * notes about the plan as a whole).
 *
 * Routes (all under /api, bearer token):
 *   GET    /plans/:planId/goals/:goalId/comments                    → Page<CommentView>, oldest first (?limit, ?offset)
 *   POST   /plans/:planId/goals/:goalId/comments   CommentInput      → ChangeResult<CommentView>
 *   DELETE /plans/:planId/goals/:goalId/comments/:commentId          → ChangeResult (own comment only; ?clientMutationId)
 *   POST   /plans/:planId/goals/:goalId/comments/:commentId/restore  → ChangeResult<CommentView> (own comment only)
 *   … and the same four under /plans/:planId/tasks/:taskId/comments.
 *   GET    /plans/:planId/comments                                  → CommentCountsView: how many comments each goal and
 *                                                                     task has (for the cards; only items with comments)
 *
 * Reading comments needs what reading the goal or task needs ('plan.read', consent in force);
 * writing needs 'comment.write' (docs/permissions.md). A comment on a deleted goal or task is
 * not found (404) until the goal or task is restored.
 *
 * Each write is a plan event through the write path (revision, plan_event, audit), so it reaches
 * the plan's room live like every other change:
 *   entityType 'comment', action 'created'  patch: CommentCreatedPatch
 *   entityType 'comment', action 'deleted'  patch: { deleted: true, targetType, targetId }
 *   entityType 'comment', action 'restored' patch: CommentCreatedPatch (the whole comment again)
 * Comments are not part of the PlanView snapshot: a client showing a thread applies these events
 * to it (matching targetType + targetId) or refetches the thread; the plan view only bumps its revision.
 *
 * Mentions: "@Full Name" or "@First" (a first name only one member has), as in the journal. The
 * members mentioned, and the task's responsible member, get a notification (kind 'mention' for
 * the mentioned, 'comment' for the responsible), if they may read the plan; never the author.
 */
export const COMMENT_TARGET_TYPES = ['goal', 'task'] as const;
export type CommentTargetType = (typeof COMMENT_TARGET_TYPES)[number];

/** Longest comment body accepted, in characters. */
export const MAX_COMMENT_LENGTH = 4000;

export interface CommentView {
  id: string;
  targetType: CommentTargetType;
  targetId: string;
  author: { accountId: string; name: string };
  body: string;
  /** Member ids the body mentions (members of the plan at the time of writing). */
  mentionedMemberIds: string[];
  createdAt: string;
}

/** POST body. */
export interface CommentInput {
  body: string;
  clientMutationId?: string;
}

/** The patch of a comment 'created' or 'restored' event: the whole comment (its id is also the event's entityId). */
export type CommentCreatedPatch = CommentView;

/** GET /plans/:planId/comments: the size of each thread, for showing "3 kommentarer" on a card. */
export interface CommentCountsView {
  items: { targetType: CommentTargetType; targetId: string; count: number; lastCommentAt: string }[];
}
