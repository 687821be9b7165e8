/**
 * Mentions in a journal entry: "@Kari Nilsen" (the full name) or "@Kari" (a first name that only
 * one member of the plan has). Case does not matter; the name must end at a word boundary.
 */
export interface MentionCandidate {
  id: string;
  name: string;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function mentions(body: string, name: string): boolean {
  if (!name) return false;
  return new RegExp(`(^|[^\\p{L}\\p{N}_])@${escape(name)}(?![\\p{L}\\p{N}_])`, 'iu').test(body);
}

/** The ids of the candidates the body mentions, in the candidates' order. */
export function findMentions(body: string, candidates: readonly MentionCandidate[]): string[] {
  if (!body.includes('@')) return [];
  const firstName = (c: MentionCandidate) => c.name.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  const firstNameCount = new Map<string, number>();
  for (const c of candidates) firstNameCount.set(firstName(c), (firstNameCount.get(firstName(c)) ?? 0) + 1);
  return candidates
    .filter(
      (c) => mentions(body, c.name.trim()) || (firstNameCount.get(firstName(c)) === 1 && mentions(body, c.name.trim().split(/\s+/)[0])),
    )
    .map((c) => c.id);
}
