/**
 * "Varsler" in the header for everyone logged in, with the number of unread notifications. Its
 * words are in the app's catalogue, so that the notification pages' own load only with them.
 */
import { useEffect } from 'react';
import { Link, useLocation } from 'react-router';
import { useAuth } from '../api/auth';
import { useI18n } from '../i18n';
import { refreshUnread, setUnread, useUnreadCount } from './unread';
import './notifications.css';

const REFRESH_MS = 60_000;

export function NotificationsNavLink() {
  const { t } = useI18n();
  const { status } = useAuth();
  const { pathname } = useLocation();
  const unread = useUnreadCount();

  useEffect(() => {
    if (status !== 'in') {
      setUnread(null);
      return;
    }
    void refreshUnread();
  }, [status, pathname]);

  useEffect(() => {
    if (status !== 'in') return;
    const tick = () => {
      if (document.visibilityState === 'visible') void refreshUnread();
    };
    const timer = window.setInterval(tick, REFRESH_MS);
    document.addEventListener('visibilitychange', tick);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [status]);

  if (status !== 'in') return null;
  const count = unread ?? 0;
  // The number is shown as a badge and read out as words ("Varsler 2 uleste"), with no aria-label,
  // so that the name a screen reader hears starts with the visible text.
  return (
    <Link to="/varsler" className="header-link notifications-link" data-testid="notifications-link">
      {t('layout.notifications')}
      {count > 0 && (
        <>
          <span className="unread-badge" aria-hidden="true" data-testid="unread-badge">
            {count > 99 ? '99+' : count}
          </span>
          <span className="visually-hidden">{t('layout.notificationsUnread', { count })}</span>
        </>
      )}
    </Link>
  );
}
