/**
 * The field editors (AutoField, shared text, the conflict panel) load when an edit starts, not
 * with the plan: the plan opens as a document to read (issue 12), and these are ~6 KB gzipped of
 * the first screen otherwise. The chunk is fetched ahead once the page is idle, so that "Endre"
 * opens at once (and offline) in practice; until it arrives the field's place is held.
 */
import { lazy, Suspense, type ComponentProps } from 'react';
import type { AutoField as RealAutoField } from './AutoField';

let loading: Promise<typeof import('./AutoField')> | null = null;
const load = () => (loading ??= import('./AutoField'));
const Loaded = lazy(() => load().then((m) => ({ default: m.AutoField })));

if (typeof window !== 'undefined') {
  // The shared-text editor (yjs) too, so that a field opened offline still keeps what is typed.
  const ahead = () => {
    void load().catch(() => (loading = null));
    void import('../live/shared-text-binding').catch(() => undefined);
  };
  window.addEventListener('load', () => setTimeout(ahead, 1500), { once: true });
}

export function AutoField(props: ComponentProps<typeof RealAutoField>) {
  return (
    <Suspense fallback={<div className="auto-field" aria-busy="true" style={{ minHeight: '4.5rem' }} />}>
      <Loaded {...props} />
    </Suspense>
  );
}
