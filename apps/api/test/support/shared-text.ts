/** Helpers of the shared-text tests (real Yjs documents over real sockets). */
import * as Y from 'yjs';
import type { SharedTextSync } from '../../../../libs/contracts/src/shared-text-sync';

/** Waits until `check` holds, polling every 25 ms; names `what` when it never does. */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Types `chars` one by one at the writer's own caret (just after what it typed last), `delayMs` apart. */
export async function typeInto(sync: SharedTextSync, chars: string, delayMs: number): Promise<void> {
  let caret: Y.RelativePosition | null = null;
  for (const ch of chars) {
    const abs = caret ? Y.createAbsolutePositionFromRelativePosition(caret, sync.doc) : null;
    const at = abs ? abs.index : sync.text.length;
    sync.text.insert(at, ch);
    caret = Y.createRelativePositionFromTypeIndex(sync.text, at + 1);
    await new Promise((r) => setTimeout(r, delayMs));
  }
}
