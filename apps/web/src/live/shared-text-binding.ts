/**
 * Binds a plain <textarea> to a shared text (libs/contracts shared-text-sync.ts). Loaded with a
 * dynamic import when an editor first gets focus, so yjs is not in the initial bundle.
 *
 * The textarea is uncontrolled: local input becomes one replaced span in the Y.Text (the common
 * beginning and end of the old and new value are kept); a remote change rewrites the value and
 * puts the caret and selection back where they were relative to the text around them.
 */
import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import type { SharedTextRef, TextCursorEvent, TextUpdateEvent } from '#contracts';
import { REMOTE, SharedTextSync, type SharedTextSocket, type SharedTextStatus } from '../../../../libs/contracts/src/shared-text-sync';
import { keptUpdateKey, rebaseTyped } from './kept-text';

export interface RemoteCaret {
  deviceId: string;
  name: string;
  /** Index of the caret (head) and the selection's other end, in the current text. */
  head: number;
  anchor: number;
}

export interface BindingCallbacks {
  onStatus(status: SharedTextStatus, unsaved: boolean): void;
  onRemoteEdit(event: TextUpdateEvent): void;
  onCarets(carets: RemoteCaret[]): void;
  /** What was typed before the document opened is in it now (and kept as its update until stored). */
  onTypedApplied?(): void;
}

export interface SharedTextBinding {
  readonly writable: boolean;
  /** The document has been open (live) once: typing goes into it, not into the field alone. */
  readonly opened: boolean;
  /** Local edits not yet stored by the server. */
  readonly unsaved: boolean;
  /** The edits the server has not acknowledged, as one base64 Yjs update (null: none). */
  unstoredUpdate(): string | null;
  reopen(): void;
  settle(): void;
  destroy(): void;
}

/** Unsent edits are kept on the device (as a Yjs update, under the account) until the server has stored them, across reloads. */
export function bindTextarea(
  /** Whose edits these are: what is kept on the device is kept under the account. */
  accountId: string,
  socket: SharedTextSocket,
  ref: SharedTextRef,
  textarea: HTMLTextAreaElement,
  /**
   * The value the textarea's text was typed over (its value at focus, or a kept typed text's
   * base): anything typed since, before the document opened, is applied when it opens, as the
   * change from this value, onto what the document holds.
   */
  initialValue: string,
  callbacks: BindingCallbacks,
): SharedTextBinding {
  const cursors = new Map<string, TextCursorEvent>();
  let keepTimer: ReturnType<typeof setTimeout> | null = null;
  const keepNow = () => {
    try {
      if (sync.unsaved) localStorage.setItem(keptUpdateKey(accountId, ref), toBase64(Y.encodeStateAsUpdate(sync.doc)));
      else localStorage.removeItem(keptUpdateKey(accountId, ref));
    } catch {
      // Storage full or denied: the edits are still in memory and sent on reconnect.
    }
  };
  const keep = () => {
    if (keepTimer) return;
    keepTimer = setTimeout(() => {
      keepTimer = null;
      keepNow();
    }, 300);
  };
  const report = (): void => {
    keep();
    callbacks.onStatus(sync.status, sync.unsaved);
  };
  const sync: SharedTextSync = new SharedTextSync(ref, socket, {
    onRemote: (event) => callbacks.onRemoteEdit(event),
    onCursor: (event) => {
      if (event.anchor === null) cursors.delete(event.deviceId);
      else cursors.set(event.deviceId, event);
      showCarets();
    },
    onStored: () => report(),
    onStatus: () => report(),
  });
  const text = sync.text;
  try {
    const kept = localStorage.getItem(keptUpdateKey(accountId, ref));
    // Edits from before a reload, not yet stored: they are sent with the first sync.
    if (kept) sync.doc.transact(() => Y.applyUpdate(sync.doc, fromBase64(kept)));
  } catch {
    localStorage.removeItem(keptUpdateKey(accountId, ref));
  }

  const showCarets = () => {
    const carets: RemoteCaret[] = [];
    for (const c of cursors.values()) {
      const head = sync.positionOf(c.head);
      const anchor = sync.positionOf(c.anchor);
      if (head !== null) carets.push({ deviceId: c.deviceId, name: c.name, head, anchor: anchor ?? head });
    }
    callbacks.onCarets(carets);
  };

  // Remote changes: rewrite the value, keep the local selection where it was in the text.
  let selection: { anchor: Y.RelativePosition; head: Y.RelativePosition; backward: boolean } | null = null;
  const rememberSelection = () => {
    const { selectionStart, selectionEnd, selectionDirection } = textarea;
    selection = {
      anchor: Y.createRelativePositionFromTypeIndex(text, selectionStart),
      head: Y.createRelativePositionFromTypeIndex(text, selectionEnd),
      backward: selectionDirection === 'backward',
    };
  };
  let opened = false;
  let typedBeforeOpen: string | null = null;
  text.observe((_event: Y.YTextEvent, transaction: Y.Transaction) => {
    if (transaction.origin !== REMOTE) return;
    if (!opened && typedBeforeOpen === null && textarea.value !== initialValue) typedBeforeOpen = textarea.value;
    const focused = document.activeElement === textarea;
    if (focused && !selection) rememberSelection();
    const value = text.toString();
    if (textarea.value !== value) {
      const scroll = textarea.scrollTop;
      textarea.value = value;
      textarea.scrollTop = scroll;
      if (focused && selection) {
        const a = Y.createAbsolutePositionFromRelativePosition(selection.anchor, sync.doc)?.index ?? 0;
        const h = Y.createAbsolutePositionFromRelativePosition(selection.head, sync.doc)?.index ?? a;
        textarea.setSelectionRange(Math.min(a, h), Math.max(a, h), selection.backward ? 'backward' : 'forward');
      }
    }
    showCarets();
  });

  // Local input: one replaced span. Before the document has opened it holds none of the text
  // (only what this device kept): what is typed stays in the field, applied when it opens.
  const onInput = () => {
    if (!opened) {
      report();
      return;
    }
    const before = text.toString();
    const after = textarea.value;
    if (before === after) return;
    let start = 0;
    while (start < before.length && start < after.length && before[start] === after[start]) start++;
    let end = 0;
    while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end])
      end++;
    sync.doc.transact(() => {
      if (before.length - start - end > 0) text.delete(start, before.length - start - end);
      const inserted = after.slice(start, after.length - end);
      if (inserted) text.insert(start, inserted);
    });
    rememberSelection();
    report();
    showCarets();
    sendCursor();
  };
  let cursorTimer: ReturnType<typeof setTimeout> | null = null;
  const sendCursor = () => {
    if (cursorTimer) return;
    cursorTimer = setTimeout(() => {
      cursorTimer = null;
      if (document.activeElement === textarea) sync.cursor(textarea.selectionStart, textarea.selectionEnd);
    }, 150);
  };
  const onSelect = () => {
    if (document.activeElement !== textarea) return;
    rememberSelection();
    sendCursor();
  };
  const onBlur = () => {
    selection = null;
    sync.cursor(null, null);
    sync.settle();
  };
  textarea.addEventListener('input', onInput);
  textarea.addEventListener('select', onSelect);
  textarea.addEventListener('keyup', onSelect);
  textarea.addEventListener('pointerup', onSelect);
  textarea.addEventListener('focus', onSelect);
  textarea.addEventListener('blur', onBlur);

  const open = async () => {
    await sync.open();
    if (sync.status === 'live') {
      if (!opened) {
        opened = true;
        const typed = typedBeforeOpen ?? (textarea.value !== initialValue ? textarea.value : null);
        typedBeforeOpen = null;
        // (Opened read-only, this person may not write it: like a refused write, it is not kept.)
        if (typed !== null && sync.writable) {
          // Typed before the document opened (loading, offline, or on an earlier visit): the
          // change from what it was typed over, made now as one edit onto what the document holds.
          textarea.value = rebaseTyped(initialValue, typed, text.toString());
          onInput();
          keepNow();
        }
        callbacks.onTypedApplied?.();
      }
      if (textarea.value !== text.toString()) textarea.value = text.toString();
    }
    report();
    if (document.activeElement === textarea) sync.cursor(textarea.selectionStart, textarea.selectionEnd);
  };
  void open();

  return {
    get writable() {
      return sync.writable;
    },
    get opened() {
      return opened;
    },
    get unsaved() {
      return sync.unsaved;
    },
    unstoredUpdate: () => {
      const update = sync.unstored();
      return update ? toBase64(update) : null;
    },
    reopen: () => void open(),
    settle: () => sync.settle(),
    destroy: () => {
      textarea.removeEventListener('input', onInput);
      textarea.removeEventListener('select', onSelect);
      textarea.removeEventListener('keyup', onSelect);
      textarea.removeEventListener('pointerup', onSelect);
      textarea.removeEventListener('focus', onSelect);
      textarea.removeEventListener('blur', onBlur);
      if (cursorTimer) clearTimeout(cursorTimer);
      if (keepTimer) clearTimeout(keepTimer);
      try {
        if (sync.unsaved) localStorage.setItem(keptUpdateKey(accountId, ref), toBase64(Y.encodeStateAsUpdate(sync.doc)));
      } catch {
        // Nothing more to do: the page is going away.
      }
      sync.close();
      sync.doc.destroy();
    },
  };
}
