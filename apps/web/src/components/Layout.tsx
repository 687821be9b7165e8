/**
 * The frame of every screen: skip link, a header of one fixed-height row (at most 64 px, so
 * nothing moves when the login state arrives) with home and notifications, and a menu for the rest
 * (inline on wide screens, folded behind "Meny" on a phone); one main landmark.
 */
import { Button, SkipLink } from '@digdir/designsystemet-react';
import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../api/auth';
import { patch } from '../api/client';
import { useI18n } from '../i18n';
import { NotificationsNavLink } from '../notifications/NotificationsNavLink';
import { AccountNavLink } from '../account/AccountNavLink';

// Only staff see koordinerende enhet's link: citizens never load that feature's words.
const KoordinerendeEnhetNavLink = lazy(() =>
  import('../koordinerende-enhet/KoordinerendeEnhetNavLink').then((m) => ({ default: m.KoordinerendeEnhetNavLink })),
);

export function Layout({ children }: { children: ReactNode }) {
  const { t, locale, setLocale } = useI18n();
  const { me, status, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [location.pathname, location.search]);

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
            <NotificationsNavLink />
            <button
              type="button"
              className="menu-toggle"
              aria-expanded={menuOpen}
              aria-controls="header-menu"
              onClick={() => setMenuOpen((o) => !o)}
            >
              {t('layout.menu')}
            </button>
            <div id="header-menu" className={`header-menu${menuOpen ? ' is-open' : ''}`}>
              {me && <p className="signed-in-as">{t('layout.signedInAs', { name: me.name })}</p>}
              {status === 'in' && (
                <Link to="/" className="header-link">
                  {t('nav.myPlans')}
                </Link>
              )}
              <AccountNavLink />
              {me && me.role !== 'citizen' && (
                <Suspense fallback={null}>
                  <KoordinerendeEnhetNavLink />
                </Suspense>
              )}
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
            </div>
          </nav>
        </div>
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
