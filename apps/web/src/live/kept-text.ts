/**
 * Shared text kept on this device until the server has it (nothing typed is lost, not on a
 * dropped network, not on a closed tab). Two kinds, one key each per field:
 *
 * - `fellesplan.unsaved.text.<account>.…`: edits made in the open shared document and not yet acknowledged,
 *   as one Yjs update (the editor's binding writes it; shared-text-binding.ts).
 * - `fellesplan.unsaved.typed.<account>.…`: text typed before the shared document was open
 *   (offline before the editor ever loaded, the socket down, the document still opening), as
 *   plain text with the value it was typed over. It is applied when the document opens, as the
 *   change from that value to the typed text, onto what the document holds by then.
 *
 * Both are the account's: on a shared device (a family's tablet) another account neither sees nor
 * sends them. No yjs here: the plan view reads these to open an item with kept text as a form.
 */
import type { SharedTextRef } from '#contracts';

const refPart = (ref: SharedTextRef) => `${ref.planId}.${ref.entityType}:${ref.entityId}:${ref.field}`;

export const keptUpdateKey = (accountId: string, ref: SharedTextRef): string => `fellesplan.unsaved.text.${accountId}.${refPart(ref)}`;
export const typedKey = (accountId: string, ref: SharedTextRef): string => `fellesplan.unsaved.typed.${accountId}.${refPart(ref)}`;

export interface TypedText {
  /** The value the text was typed over. */
  base: string;
  text: string;
}

export function readTyped(accountId: string, ref: SharedTextRef): TypedText | null {
  try {
    const raw = localStorage.getItem(typedKey(accountId, ref));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<TypedText>;
    return typeof parsed.base === 'string' && typeof parsed.text === 'string' ? { base: parsed.base, text: parsed.text } : null;
  } catch {
    return null;
  }
}

export function keepTyped(accountId: string, ref: SharedTextRef, typed: TypedText): void {
  keptKeys = null;
  try {
    if (typed.text === typed.base) localStorage.removeItem(typedKey(accountId, ref));
    else localStorage.setItem(typedKey(accountId, ref), JSON.stringify(typed));
  } catch {
    // Storage full or blocked: the text is still in the field, and sent when the document opens.
  }
}

export function dropTyped(accountId: string, ref: SharedTextRef): void {
  keptKeys = null;
  try {
    localStorage.removeItem(typedKey(accountId, ref));
  } catch {
    // Nothing to do.
  }
}

/**
 * The keys of kept shared text on this device, read at most every KEYS_FOR_MS (every item of a
 * plan asks on each render; a plan has hundreds). Typed text kept or dropped here is seen at
 * once; an update the editor's binding keeps, within that time.
 */
let keptKeys: { at: number; keys: string[] } | null = null;
const KEYS_FOR_MS = 500;
function keptKeysNow(): string[] {
  if (keptKeys && Date.now() - keptKeys.at < KEYS_FOR_MS) return keptKeys.keys;
  const keys: string[] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith('fellesplan.unsaved.text.') || key?.startsWith('fellesplan.unsaved.typed.')) keys.push(key);
    }
  } catch {
    // Storage blocked: nothing kept.
  }
  keptKeys = { at: Date.now(), keys };
  return keys;
}

/** Whether this device keeps shared text of one of the entity's fields that the server does not have yet (this account's). */
export function hasKeptText(accountId: string, planId: string, entityType: string, entityId: string): boolean {
  const item = `${accountId}.${planId}.${entityType}:${entityId}:`;
  return keptKeysNow().some((k) => k.startsWith(`fellesplan.unsaved.text.${item}`) || k.startsWith(`fellesplan.unsaved.typed.${item}`));
}

/** The common beginning and end of two strings: `a.slice(start, endA)` became `b.slice(start, endB)`. */
export function changedSpan(a: string, b: string): { start: number; endA: number; endB: number } {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return { start, endA: a.length - end, endB: b.length - end };
}

/**
 * Text typed over `base` (`typed`), applied to what the document holds now (`current`): the
 * typed change (one replaced span of `base`) is made where that span is now, so a change someone
 * else made meanwhile elsewhere in the text is kept. When the two changes overlap, the typed text
 * is taken as it is (it is what this person saw and wrote).
 */
export function rebaseTyped(base: string, typed: string, current: string): string {
  if (current === base || typed === base) return current === base ? typed : current;
  const mine = changedSpan(base, typed);
  const theirs = changedSpan(base, current);
  // Mine ends before theirs begins: current from where mine ends is the base's rest with theirs in it.
  if (mine.endA <= theirs.start) return typed.slice(0, mine.endB) + current.slice(mine.endA);
  // Theirs ends before mine begins: mine shifts by what theirs added or removed.
  if (theirs.endA <= mine.start) return current.slice(0, mine.start + (current.length - base.length)) + typed.slice(mine.start);
  return typed;
}
