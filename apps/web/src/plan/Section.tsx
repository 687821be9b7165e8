import { Heading } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';

/** A titled part of the plan, reachable from the plan's section links. */
export function Section({ id, title, children, intro }: { id: string; title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="plan-section stack">
      <Heading level={2} data-size="md" id={`${id}-title`} tabIndex={-1}>
        {title}
      </Heading>
      {intro}
      {children}
    </section>
  );
}
