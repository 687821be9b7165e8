/** Where a comment being written is kept across a reload (components/use-draft.ts). */
import type { CommentTargetType } from '#contracts';

export function draftKey(planId: string, { targetType, targetId }: { targetType: CommentTargetType; targetId: string }): string {
  return `plan.${planId}.comment.${targetType}.${targetId}`;
}
