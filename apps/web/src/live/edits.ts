/**
 * Autosave, with no save button that can lose work. Each edited field becomes a draft: kept in
 * localStorage until the server has it, sent a moment after typing stops (or on leaving the
 * field), with the plan revision it was based on and a client mutation id (so a retry after a
 * dropped connection is applied once). A field someone else changed meanwhile comes back as a
 * conflict, and the draft waits for the user to choose or merge. Unsent drafts go out again as
 * soon as the connection returns. When the page is hidden or closed, whatever is still unsent
 * goes out at once with `fetch(..., { keepalive: true })`, which outlives the page.
 */
import type { ConflictDetails, ChangeResult, FieldConflict } from '#contracts';
import { ApiError, NetworkError, patch } from '../api/client';
import { readSession } from '../api/session';
import type { PlanLive } from './plan-live';
import { hasKeptText } from './kept-text';

export type EditableType = 'plan' | 'goal' | 'task' | 'meeting' | 'member';
export type SaveStatus = 'saved' | 'saving' | 'unsaved' | 'conflict' | 'error';

export interface Draft {
  key: string;
  entityType: EditableType;
  entityId: string;
  field: string;
  value: unknown;
  /** The plan revision the value was based on. */
  base: number;
  mutationId: string;
  status: SaveStatus;
  conflict?: FieldConflict;
  error?: string;
}

export const DEBOUNCE_MS = 600;

export function fieldKey(entityType: EditableType, entityId: string, field: string): string {
  return `${entityType}:${entityId}:${field}`;
}

/** A random UUID v4, also where crypto.randomUUID is missing (plain http on a LAN address). */
export function uuid(): string {
  if (globalThis.crypto?.randomUUID) return globalThis.crypto.randomUUID();
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function newMutationId(): string {
  return `web-${uuid()}`;
}

function pathFor(planId: string, type: EditableType, id: string): string {
  const base = `/api/plans/${planId}`;
  return type === 'plan' ? base : `${base}/${type}s/${id}`;
}

export class EditQueue {
  private drafts = new Map<string, Draft>();
  /** Fields saved in this session: they show "Lagret". */
  private readonly savedKeys = new Set<string>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly inFlight = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private version = 0;
  private readonly storageKey: string;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly live: PlanLive,
    private readonly accountId: string,
  ) {
    this.storageKey = `fellesplan.unsaved.${accountId}.${live.planId}`;
    for (const draft of this.load()) this.drafts.set(draft.key, { ...draft, status: draft.status === 'conflict' ? 'conflict' : 'unsaved' });
    this.unsubscribe = live.onReconnected(() => this.flushAll());
    window.addEventListener('online', this.flushAllSoon);
    window.addEventListener('pagehide', this.sendBeforeLeaving);
    document.addEventListener('visibilitychange', this.flushWhenHidden);
  }

  dispose(): void {
    this.unsubscribe();
    window.removeEventListener('online', this.flushAllSoon);
    window.removeEventListener('pagehide', this.sendBeforeLeaving);
    document.removeEventListener('visibilitychange', this.flushWhenHidden);
    this.timers.forEach((t) => clearTimeout(t));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getVersion = (): number => this.version;

  private changed(): void {
    this.version++;
    this.persist();
    this.listeners.forEach((l) => l());
  }

  get(key: string): Draft | undefined {
    return this.drafts.get(key);
  }
  wasSaved(key: string): boolean {
    return this.savedKeys.has(key);
  }
  /** Whether an item has a change not yet on the server (its form stays open). */
  hasUnsent(entityType: EditableType, entityId: string): boolean {
    for (const d of this.drafts.values()) if (d.entityType === entityType && d.entityId === entityId && d.status !== 'saved') return true;
    // Shared text this device keeps (its editor sends it once the item's form shows it).
    return hasKeptText(this.accountId, this.live.planId, entityType, entityId);
  }
  /** How many edits are waiting to be sent (for the banner). */
  get pendingCount(): number {
    return [...this.drafts.values()].filter((d) => d.status !== 'saved').length;
  }

  /** The user typed or chose a value. */
  edit(entityType: EditableType, entityId: string, field: string, value: unknown): void {
    const key = fieldKey(entityType, entityId, field);
    const existing = this.drafts.get(key);
    if (existing?.status === 'conflict') {
      // Keep the conflict open, but do not lose what they type while deciding.
      this.drafts.set(key, { ...existing, value });
      return this.changed();
    }
    this.drafts.set(key, {
      key,
      entityType,
      entityId,
      field,
      value,
      base: existing?.base ?? this.live.revision,
      mutationId: newMutationId(),
      status: 'unsaved',
    });
    this.changed();
    this.schedule(key, DEBOUNCE_MS);
  }

  /** Leaving the field: send now. */
  flush(key: string): void {
    if (this.drafts.get(key)?.status === 'unsaved') this.schedule(key, 0);
  }

  flushAll = (): void => {
    for (const draft of this.drafts.values()) if (draft.status === 'unsaved' || draft.status === 'error') this.schedule(draft.key, 0);
  };
  private flushAllSoon = (): void => {
    setTimeout(this.flushAll, 200);
  };
  private flushWhenHidden = (): void => {
    if (document.visibilityState === 'hidden') this.flushAll();
  };

  /**
   * The page is going away (tab closed, navigated off, app switched on a phone): send every draft
   * not yet confirmed with a keepalive request, which the browser finishes after the page is gone.
   * Same body and client mutation id as the normal send, so one already in flight applies once.
   * The draft stays in localStorage until a later load sees the server has it.
   */
  private sendBeforeLeaving = (): void => {
    const token = readSession()?.accessToken;
    if (!token) return;
    for (const draft of this.drafts.values()) {
      if (draft.status === 'conflict' || draft.status === 'saved') continue;
      const timer = this.timers.get(draft.key);
      if (timer) clearTimeout(timer);
      this.timers.delete(draft.key);
      try {
        void fetch(pathFor(this.live.planId, draft.entityType, draft.entityId), {
          method: 'PATCH',
          keepalive: true,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ baseRevision: draft.base, clientMutationId: draft.mutationId, [draft.field]: draft.value }),
        }).catch(() => undefined);
      } catch {
        // Too large for keepalive (64 KB): it is still in localStorage for the next visit.
      }
    }
  };

  // ---- conflicts ----
  /** Keep my version: send it again, now based on what I have seen. */
  keepMine(key: string, value?: unknown): void {
    const draft = this.drafts.get(key);
    if (!draft) return;
    this.drafts.set(key, {
      ...draft,
      value: value === undefined ? draft.value : value,
      base: this.live.revision,
      mutationId: newMutationId(),
      status: 'unsaved',
      conflict: undefined,
    });
    this.changed();
    this.schedule(key, 0);
  }
  /** Take the other version: drop my draft. */
  discard(key: string): void {
    this.drafts.delete(key);
    this.changed();
  }

  // ---- sending ----
  private schedule(key: string, delay: number): void {
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.send(key);
      }, delay),
    );
  }

  private async send(key: string): Promise<void> {
    const draft = this.drafts.get(key);
    if (!draft || (draft.status !== 'unsaved' && draft.status !== 'error')) return;
    if (this.inFlight.has(key)) return this.schedule(key, 200);
    if (!navigator.onLine) return;
    this.inFlight.add(key);
    this.drafts.set(key, { ...draft, status: 'saving' });
    this.changed();
    try {
      const res = await patch<ChangeResult>(pathFor(this.live.planId, draft.entityType, draft.entityId), {
        baseRevision: draft.base,
        clientMutationId: draft.mutationId,
        [draft.field]: draft.value,
      });
      this.live.markSaved(draft.entityType, draft.entityId, draft.field, draft.value, res.revision, this.accountId);
      const now = this.drafts.get(key);
      if (now && now.mutationId === draft.mutationId) {
        this.drafts.delete(key);
        this.savedKeys.add(key);
      } else if (now) {
        // They typed on while it was saving: the rest goes next, built on what was just saved.
        this.drafts.set(key, { ...now, base: Math.max(now.base, res.revision), status: now.status === 'saving' ? 'unsaved' : now.status });
        this.schedule(key, DEBOUNCE_MS);
      }
    } catch (error) {
      const now = this.drafts.get(key);
      if (now) this.drafts.set(key, this.failed(now, error));
    } finally {
      this.inFlight.delete(key);
      this.changed();
    }
  }

  private failed(draft: Draft, error: unknown): Draft {
    if (error instanceof ApiError && error.code === 'conflict') {
      const details = error.details as ConflictDetails | undefined;
      const conflict = details?.conflicts?.find((c) => c.field === draft.field);
      if (conflict) return { ...draft, status: 'conflict', conflict };
    }
    if (error instanceof NetworkError || !(error instanceof ApiError))
      return { ...draft, status: draft.status === 'saving' ? 'unsaved' : draft.status };
    if (error.status >= 500) return { ...draft, status: 'unsaved' };
    return { ...draft, status: 'error', error: error.message };
  }

  // ---- storage: unsent edits survive a reload and a dropped connection ----
  private persist(): void {
    try {
      const unsent = [...this.drafts.values()];
      if (unsent.length) localStorage.setItem(this.storageKey, JSON.stringify(unsent));
      else localStorage.removeItem(this.storageKey);
    } catch {
      // Storage full or blocked: the drafts still live in memory.
    }
  }

  private load(): Draft[] {
    try {
      return JSON.parse(localStorage.getItem(this.storageKey) ?? '[]') as Draft[];
    } catch {
      return [];
    }
  }
}
