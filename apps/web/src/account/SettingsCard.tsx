/** One titled part of a settings screen (my account, staff). */
import { Card, Heading } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';

export function SettingsCard({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <Card data-color="neutral" className="stack">
      <Heading level={2} data-size="sm">
        {title}
      </Heading>
      {children}
    </Card>
  );
}
