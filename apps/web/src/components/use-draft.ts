/**
 * A form's draft that survives a reload: what the user has typed into a form that is not sent
 * yet (a new goal, a task, a comment, an invitation, a meeting item) is kept in localStorage
 * under the account and a key naming the form, until it is sent (`clear`) or discarded.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useAuth } from '../api/auth';

const PREFIX = 'fellesplan.draft';

function storageKey(accountId: string, key: string): string {
  return `${PREFIX}.${accountId}.${key}`;
}

function read<T extends object>(key: string, initial: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw ? { ...initial, ...(JSON.parse(raw) as Partial<T>) } : initial;
  } catch {
    return initial;
  }
}

function isEmpty<T extends object>(value: T, initial: T): boolean {
  return Object.entries(value).every(([k, v]) => v === '' || v === (initial as Record<string, unknown>)[k]);
}

export interface FormDraft<T extends object> {
  value: T;
  /** Change some of the fields. */
  set(patch: Partial<T>): void;
  /** Sent or discarded: back to the initial value, nothing kept. */
  clear(): void;
  /** Whether anything was kept from before (e.g. to open a folded form). */
  restored: boolean;
}

export function useFormDraft<T extends object>(key: string, initial: T): FormDraft<T> {
  const { me } = useAuth();
  const fullKey = storageKey(me?.id ?? 'anon', key);
  const initialRef = useRef(initial);
  const [state, setState] = useState(() => {
    const value = read(fullKey, initial);
    return { key: fullKey, value, restored: !isEmpty(value, initial) };
  });
  // Another form key (e.g. another goal) starts from its own draft.
  const current = state.key === fullKey ? state : { key: fullKey, value: read(fullKey, initialRef.current), restored: false };
  useEffect(() => {
    if (state.key !== fullKey) setState(current);
  }, [fullKey, state.key, current]);

  const set = useCallback((patch: Partial<T>) => {
    setState((s) => {
      const value = { ...s.value, ...patch };
      try {
        if (isEmpty(value, initialRef.current)) localStorage.removeItem(s.key);
        else localStorage.setItem(s.key, JSON.stringify(value));
      } catch {
        // Storage full or blocked: the draft still lives in memory.
      }
      return { ...s, value };
    });
  }, []);
  const clear = useCallback(() => {
    setState((s) => {
      localStorage.removeItem(s.key);
      return { ...s, value: initialRef.current, restored: false };
    });
  }, []);
  return { value: current.value, set, clear, restored: current.restored };
}
