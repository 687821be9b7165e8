/** The frame of every screen: skip link, header with home, language and log out; one main landmark. */
import { Button, SkipLink } from '@digdir/designsystemet-react';
import { useEffect, useRef, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../api/auth';
import { patch } from '../api/client';
import { useI18n } from '../i18n';
import { KoordinerendeEnhetNavLink } from '../koordinerende-enhet/KoordinerendeEnhetNavLink';
import { NotificationsNavLink } from '../notifications/NotificationsNavLink';
import { AccountNavLink } from '../account/AccountNavLink';

export function Layout({ children }: { children: ReactNode }) {
  const { t, locale, setLocale } = useI18n();
  const { me, status, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();

  // Move focus to the new screen's main content after a navigation, so screen readers follow;
  // not on the first load, where the first Tab must reach the skip link.
  const firstPath = useRef(location.pathname);
  useEffect(() => {
    if (location.pathname === firstPath.current) return;
    firstPath.current = '';
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [location.pathname]);

  const switchLanguage = () => {
    const next = locale === 'nb' ? 'en' : 'nb';
    setLocale(next);
    if (status === 'in') void patch('/api/me', { locale: next }).catch(() => undefined);
  };

  return (
    <div className="app">
      <SkipLink href="#main">{t('layout.skipToContent')}</SkipLink>
      <header className="app-header">
        <div className="app-header-inner">
          <Link to="/" className="brand">
            {t('app.name')}
          </Link>
          <nav aria-label={t('layout.mainNav')} className="header-actions">
            {status === 'in' && (
              <Link to="/" className="header-link">
                {t('nav.myPlans')}
              </Link>
            )}
            <NotificationsNavLink />
            <AccountNavLink />
            <KoordinerendeEnhetNavLink />
            <Button
              variant="tertiary"
              data-size="sm"
              onClick={switchLanguage}
              lang={locale === 'nb' ? 'en' : 'nb'}
              data-testid="language-switch"
            >
              {locale === 'nb' ? 'English' : 'Norsk'}
            </Button>
            {status === 'in' && (
              <Button
                variant="tertiary"
                data-size="sm"
                onClick={() => {
                  void logout().then(() => navigate('/login'));
                }}
              >
                {t('nav.logout')}
              </Button>
            )}
          </nav>
        </div>
        {me && <p className="signed-in-as">{t('layout.signedInAs', { name: me.name })}</p>}
      </header>
      <main id="main" tabIndex={-1} className="app-main">
        {children}
      </main>
      <footer className="app-footer">
        <p>{t('layout.footer')}</p>
      </footer>
    </div>
  );
}
