import { useEffect } from 'react';

/** The browser tab says which screen this is (WCAG 2.4.2). */
export function usePageTitle(title: string): void {
  useEffect(() => {
    const before = document.title;
    document.title = `${title} – Fellesplan`;
    return () => {
      document.title = before;
    };
  }, [title]);
}
