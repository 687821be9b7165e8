/** What every export is made from: the plan at one revision, who it is for, and in which language. */
import type { EvaluationItemView, EvaluationView, MemberView, PlanView } from '#contracts';
import type { DocumentIdentity } from '../accounts/accounts.service';
import type { DocumentLanguage } from './document-messages';

export type PlanContent = Omit<PlanView, 'myRole' | 'myMemberId'>;

export interface ExportSnapshot {
  plan: PlanContent;
  identity: DocumentIdentity;
  language: DocumentLanguage;
  /** When the export was made: printed on the document, and its XMP/metadata date. */
  madeAt: Date;
  /** The plan's evaluations, oldest first (each goal's ratings and decisions). */
  evaluations: EvaluationView[];
}

/** A goal's latest evaluation rating, with the evaluation's date. */
export function latestRating(s: ExportSnapshot, goalId: string): (EvaluationItemView & { date: string }) | null {
  for (let i = s.evaluations.length - 1; i >= 0; i--) {
    const item = s.evaluations[i].items.find((x) => x.goalId === goalId);
    if (item) return { ...item, date: s.evaluations[i].date };
  }
  return null;
}

/** Control characters (other than line breaks and tabs) never reach a document. */
export function clean(text: string | null | undefined): string {
  return (text ?? '').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
}

export function memberById(plan: PlanContent): Map<string, MemberView> {
  return new Map(plan.members.map((m) => [m.id, m]));
}

/** The plan's members as a document lists them: the person first, then the coordinator, then the rest. */
export function membersInOrder(plan: PlanContent): MemberView[] {
  const rank: Record<MemberView['role'], number> = { person: 0, guardian: 1, coordinator: 2, professional: 3, relative: 4 };
  return [...plan.members].sort((a, b) => rank[a.role] - rank[b.role]);
}
