/**
 * The unread count the header shows: fetched on navigation, every minute while the tab is open,
 * and set directly when the list marks something read, so the badge follows at once.
 */
import { useSyncExternalStore } from 'react';
import type { NotificationPage } from '#contracts';
import { get } from '../api/client';

let unread: number | null = null;
const listeners = new Set<() => void>();

export function setUnread(count: number | null): void {
  if (count === unread) return;
  unread = count;
  listeners.forEach((l) => l());
}

export function changeUnread(delta: number): void {
  if (unread !== null) setUnread(Math.max(0, unread + delta));
}

export async function refreshUnread(): Promise<void> {
  try {
    const page = await get<NotificationPage>('/api/notifications?limit=1');
    setUnread(page.unread);
  } catch {
    // Offline or logged out: keep what we showed; the next refresh tries again.
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useUnreadCount(): number | null {
  return useSyncExternalStore(
    subscribe,
    () => unread,
    () => null,
  );
}
