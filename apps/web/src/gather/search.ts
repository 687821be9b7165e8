/** Searching as one types (staff of the municipality, its citizens): debounced, the latest answer wins. */
import { useEffect, useState } from 'react';
import type { CitizenEntry, DirectoryEntry } from '#contracts';
import { get } from '../api/client';

export interface Search<T> {
  results: T[];
  /** True while the answer for the current text is on its way. */
  searching: boolean;
  /** The text the results are for (null before any search). */
  answered: string | null;
}

function useSearch<T>(query: string, path: (q: string) => string | null, delayMs = 150): Search<T> {
  const [state, setState] = useState<Search<T>>({ results: [], searching: false, answered: null });
  const q = query.trim();
  const url = q.length >= 2 ? path(q) : null;
  useEffect(() => {
    if (!url) {
      setState({ results: [], searching: false, answered: null });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, searching: true }));
    const timer = setTimeout(() => {
      get<T[]>(url)
        .then((results) => live && setState({ results, searching: false, answered: q }))
        .catch(() => live && setState({ results: [], searching: false, answered: q }));
    }, delayMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [url, q, delayMs]);
  return state;
}

/** The municipality's staff: for a plan (`planId`), or for the plan being started (no plan yet). */
export function useStaffSearch(query: string, planId?: string): Search<DirectoryEntry> {
  return useSearch<DirectoryEntry>(
    query,
    (q) => `/api/directory/staff?limit=8&q=${encodeURIComponent(q)}${planId ? `&planId=${planId}` : ''}`,
  );
}

export function useCitizenSearch(query: string, enabled: boolean): Search<CitizenEntry> {
  return useSearch<CitizenEntry>(query, (q) => (enabled ? `/api/directory/citizens?limit=5&q=${encodeURIComponent(q)}` : null));
}

/** "Ergoterapi, Fjordvik kommune": what tells two staff of the same name apart. */
export function staffDetails(e: Pick<DirectoryEntry, 'service' | 'organisation'>): string {
  return [e.service, e.organisation].filter(Boolean).join(', ');
}
