/** Small pieces the koordinerende enhet screens share: the section's menu, the page title, errors. */
import { Alert, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, type ReactNode } from 'react';
import { NavLink } from 'react-router';
import { tenantRoleMay } from '#contracts';
import { useAuth } from '../api/auth';
import { useAccountI18n } from '../account/i18n';
import { useKeI18n } from './i18n';
import './koordinerende-enhet.css';

export const BASE = '/koordinerende-enhet';

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

/** The section's own menu, for koordinerende enhet only, above each of its screens. */
export function SectionFrame({ children }: { children: ReactNode }) {
  const { t } = useKeI18n();
  const { t: tAccount } = useAccountI18n();
  const { me } = useAuth();
  const showNav = me && tenantRoleMay(me.role, 'overview.read');
  return (
    <div className="stack-lg">
      {showNav && (
        <nav aria-label={t('nav.section')} className="ke-nav">
          <ul>
            <li>
              <NavLink to={BASE} end>
                {t('nav.overview')}
              </NavLink>
            </li>
            <li>
              <NavLink to={`${BASE}/planer`}>{t('nav.plans')}</NavLink>
            </li>
            <li>
              <NavLink to={`${BASE}/meldinger`}>{t('nav.needs')}</NavLink>
            </li>
            <li>
              <NavLink to={`${BASE}/opplaering`}>{t('nav.training')}</NavLink>
            </li>
            {tenantRoleMay(me.role, 'accounts.manage') && (
              <li>
                <NavLink to={`${BASE}/ansatte`}>{tAccount('staff.nav')}</NavLink>
              </li>
            )}
          </ul>
        </nav>
      )}
      {children}
    </div>
  );
}

export function ErrorAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <Alert data-color="danger" role="alert">
      <Paragraph>{message}</Paragraph>
    </Alert>
  );
}
