/**
 * Pure Yjs helpers for shared text (unit-tested beside this file). A shared text is a Y.Doc with
 * one root Y.Text named 'text' and nothing else. Whatever a client sends is checked here before
 * anything is stored: it must decode, hold only plain text in that one root, depend on nothing
 * the server lacks, and keep the text within the field's bound.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as sync from 'y-protocols/sync';

export const TEXT_NAME = 'text';

export class InvalidUpdate extends Error {}

/** Reads the update's structure without applying it; throws InvalidUpdate for anything but plain text in the root 'text'. */
export function checkUpdateShape(update: Uint8Array): void {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    throw new InvalidUpdate('the update does not decode');
  }
  for (const struct of decoded.structs) {
    if (struct instanceof Y.GC || struct instanceof Y.Skip) continue;
    if (!(struct instanceof Y.Item)) throw new InvalidUpdate('unknown struct');
    const content = struct.content;
    if (!(content instanceof Y.ContentString) && !(content instanceof Y.ContentDeleted))
      throw new InvalidUpdate('only plain text may be inserted');
    // An item names its parent only when it has no neighbour to inherit it from: it must be the root text.
    const parent = struct.parent as unknown;
    if (parent !== null && parent !== TEXT_NAME) throw new InvalidUpdate(`only the root '${TEXT_NAME}' may be edited`);
    if (struct.parentSub !== null) throw new InvalidUpdate('map entries are not text');
  }
}

/** A server-side document from stored parts (snapshot first, then the updates in any order). */
export function docFrom(parts: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  Y.transact(doc, () => {
    for (const part of parts) Y.applyUpdate(doc, part);
  });
  return doc;
}

export function textOf(doc: Y.Doc): string {
  return doc.getText(TEXT_NAME).toString();
}

/** A document holding `text`, as one update (the seed of a field that has text before it is first shared). */
export function seedUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  if (text) doc.getText(TEXT_NAME).insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

export interface Applied {
  /** The update changed something the document did not have. */
  changed: boolean;
  text: string;
}

/**
 * Applies a client's update to the server's copy. Throws InvalidUpdate (the copy must then be
 * dropped: it may hold part of the update) when it does not apply, leaves something pending (it
 * depends on changes the server never received) or makes the text longer than `maxLength`.
 */
export function applyChecked(doc: Y.Doc, update: Uint8Array, maxLength: number): Applied {
  checkUpdateShape(update);
  const before = Y.encodeStateVector(doc);
  const beforeText = textOf(doc);
  try {
    Y.applyUpdate(doc, update);
  } catch {
    throw new InvalidUpdate('the update does not apply');
  }
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null)
    throw new InvalidUpdate('the update depends on changes the server does not have');
  if ([...doc.share.keys()].some((k) => k !== TEXT_NAME)) throw new InvalidUpdate(`only the root '${TEXT_NAME}' may be edited`);
  const text = textOf(doc);
  if (text.length > maxLength) throw new InvalidUpdate(`the text would be longer than ${maxLength} characters`);
  const after = Y.encodeStateVector(doc);
  return { changed: text !== beforeText || Buffer.compare(Buffer.from(before), Buffer.from(after)) !== 0, text };
}

/**
 * The update that turns the document's text into `target` (one replaced span: the common
 * beginning and end are kept, so concurrent typing elsewhere survives). Null when they are equal.
 */
export function replaceTextUpdate(doc: Y.Doc, target: string): Uint8Array | null {
  const ytext = doc.getText(TEXT_NAME);
  const current = ytext.toString();
  if (current === target) return null;
  let start = 0;
  while (start < current.length && start < target.length && current[start] === target[start]) start++;
  let end = 0;
  while (
    end < current.length - start &&
    end < target.length - start &&
    current[current.length - 1 - end] === target[target.length - 1 - end]
  )
    end++;
  const before = Y.encodeStateVector(doc);
  doc.transact(() => {
    const removed = current.length - start - end;
    if (removed > 0) ytext.delete(start, removed);
    const inserted = target.slice(start, target.length - end);
    if (inserted) ytext.insert(start, inserted);
  });
  return Y.encodeStateAsUpdate(doc, before);
}

/** y-protocols sync step 1 (our state vector) as bytes. */
export function syncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  sync.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** Reads a client's sync step 1 and answers its sync step 2 (what it lacks). Throws InvalidUpdate when it is not a step 1. */
export function answerSyncStep1(doc: Y.Doc, step1: Uint8Array): Uint8Array {
  try {
    const decoder = decoding.createDecoder(step1);
    if (decoding.readVarUint(decoder) !== sync.messageYjsSyncStep1) throw new InvalidUpdate('expected sync step 1');
    const stateVector = decoding.readVarUint8Array(decoder);
    Y.decodeStateVector(stateVector); // throws on garbage
    const encoder = encoding.createEncoder();
    sync.writeSyncStep2(encoder, doc, stateVector);
    return encoding.toUint8Array(encoder);
  } catch (error) {
    throw error instanceof InvalidUpdate ? error : new InvalidUpdate('the sync message does not decode');
  }
}

/** The whole state as one update (compaction). */
export function snapshotOf(doc: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(doc);
}
