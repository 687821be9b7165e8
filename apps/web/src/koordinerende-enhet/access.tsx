/** Shows a screen only to accounts whose tenant role may do the action; others get a plain sentence. */
import { Alert, Paragraph } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { tenantRoleMay, type TenantAction } from '#contracts';
import { useAuth } from '../api/auth';

export function RequireTenantAction({ action, message, children }: { action: TenantAction; message: string; children: ReactNode }) {
  const { me } = useAuth();
  if (!me) return null;
  if (!tenantRoleMay(me.role, action)) {
    return (
      <Alert data-color="info">
        <Paragraph>{message}</Paragraph>
      </Alert>
    );
  }
  return <>{children}</>;
}
