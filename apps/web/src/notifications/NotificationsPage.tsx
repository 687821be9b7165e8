/**
 * "Varsler": every notification of mine, newest first, unread ones marked in words and colour;
 * mark one or all as read; each links to where it happened (opening it marks it read).
 */
import { Alert, Button, Card, Checkbox, Heading, Paragraph, Spinner, Tag } from '@digdir/designsystemet-react';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { NotificationPage, NotificationView } from '#contracts';
import { get, post } from '../api/client';
import { errorText } from '../api/errors';
import { useNotificationI18n, type NotificationTranslate } from './i18n';
import { changeUnread, setUnread } from './unread';
import { usePageTitle } from './page-title';

const PAGE_SIZE = 30;

/**
 * Where a notification takes you in the app: its link, else its plan. Links to one task or one
 * note (/planer/:id/tiltak/:taskId) are routes that open the plan at that section.
 */
export function notificationHref(n: NotificationView): string | null {
  return n.link ?? (n.planId ? `/planer/${n.planId}` : null);
}

function linkText(t: NotificationTranslate, href: string): string {
  if (href.startsWith('/planer/')) return t('list.openPlan');
  if (href.startsWith('/koordinerende-enhet/meldinger/')) return t('list.openNeed');
  return t('list.open');
}

export function NotificationsPage() {
  const { t, tApp, formatDate } = useNotificationI18n();
  const [items, setItems] = useState<NotificationView[] | null>(null);
  const [total, setTotal] = useState(0);
  const [unread, setUnreadHere] = useState(0);
  const [onlyUnread, setOnlyUnread] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle(t('list.title'));

  const fetchPage = useCallback(
    (offset: number) => get<NotificationPage>(`/api/notifications?limit=${PAGE_SIZE}&offset=${offset}${onlyUnread ? '&unread=true' : ''}`),
    [onlyUnread],
  );

  useEffect(() => {
    setItems(null);
    fetchPage(0)
      .then((page) => {
        setItems(page.items);
        setTotal(page.total);
        setUnreadHere(page.unread);
        setUnread(page.unread);
        setError(null);
      })
      .catch((err: unknown) => setError(errorText(tApp, err)));
  }, [fetchPage, tApp]);

  const more = async () => {
    if (!items) return;
    setBusy(true);
    try {
      const page = await fetchPage(items.length);
      setItems([...items, ...page.items]);
      setTotal(page.total);
      setUnreadHere(page.unread);
      setUnread(page.unread);
    } catch (err) {
      setError(errorText(tApp, err));
    } finally {
      setBusy(false);
    }
  };

  const markRead = async (n: NotificationView) => {
    if (n.readAt) return;
    try {
      const updated = await post<NotificationView>(`/api/notifications/${n.id}/read`);
      setItems((list) => list?.map((x) => (x.id === n.id ? updated : x)) ?? null);
      setUnreadHere((c) => Math.max(0, c - 1));
      changeUnread(-1);
    } catch (err) {
      setError(errorText(tApp, err));
    }
  };

  const markAll = async () => {
    setBusy(true);
    try {
      await post('/api/notifications/read-all');
      const now = new Date().toISOString();
      setItems((list) => list?.map((x) => (x.readAt ? x : { ...x, readAt: now })) ?? null);
      setUnreadHere(0);
      setUnread(0);
      setDone(t('list.markedAll'));
    } catch (err) {
      setError(errorText(tApp, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="stack-lg">
      <div className="stack">
        <Heading level={1} data-size="lg">
          {t('list.title')}
        </Heading>
        <Paragraph>{t('list.intro')}</Paragraph>
        <Paragraph>
          <Link to="/varsler/innstillinger">{t('list.settings')}</Link>
        </Paragraph>
      </div>
      {error && (
        <Alert data-color="danger" role="alert">
          <Paragraph>{error}</Paragraph>
        </Alert>
      )}
      <div role="status">
        {done && (
          <Alert data-color="success">
            <Paragraph>{done}</Paragraph>
          </Alert>
        )}
      </div>
      {!items && !error && <Spinner aria-label={tApp('common.loading')} />}
      {items && (
        <section aria-labelledby="notifications-list-title" className="stack">
          <div className="notification-toolbar">
            <Paragraph id="notifications-list-title" data-testid="unread-summary">
              {unread === 0 ? t('list.allRead') : t('list.unreadCount', { count: unread })}
            </Paragraph>
            {unread > 0 && (
              <Button variant="secondary" data-size="sm" onClick={() => void markAll()} loading={busy}>
                {t('list.markAll')}
              </Button>
            )}
          </div>
          <Checkbox label={t('list.onlyUnread')} checked={onlyUnread} onChange={(e) => setOnlyUnread(e.target.checked)} />
          {items.length === 0 ? (
            <Paragraph>{onlyUnread ? t('list.emptyUnread') : t('list.empty')}</Paragraph>
          ) : (
            <ol className="notification-list" aria-labelledby="notifications-list-title">
              {items.map((n) => (
                <li key={n.id}>
                  <NotificationCard n={n} t={t} when={formatDate(n.createdAt, true)} onRead={() => void markRead(n)} />
                </li>
              ))}
            </ol>
          )}
          {items.length < total && (
            <div>
              <Button variant="secondary" onClick={() => void more()} loading={busy}>
                {t('list.showMore')}
              </Button>
            </div>
          )}
        </section>
      )}
    </div>
  );
}

function NotificationCard({ n, t, when, onRead }: { n: NotificationView; t: NotificationTranslate; when: string; onRead(): void }) {
  const href = notificationHref(n);
  const titleId = `notification-${n.id}`;
  const unread = !n.readAt;
  return (
    <Card data-color="neutral" className="notification stack-sm" data-unread={unread} data-testid="notification">
      <div className="notification-meta">
        {unread && (
          <Tag data-color="accent" data-testid="unread-marker">
            {t('list.unread')}
          </Tag>
        )}
        {!n.title.startsWith(t(`kind.${n.kind}`)) && <span>{t(`kind.${n.kind}`)}</span>}
        <time dateTime={n.createdAt}>{when}</time>
      </div>
      <Heading level={2} data-size="xs" id={titleId}>
        {n.title}
      </Heading>
      {n.body && <Paragraph data-size="sm">{n.body}</Paragraph>}
      <div className="notification-actions">
        {href && (
          <Link to={href} aria-describedby={titleId} onClick={onRead}>
            {linkText(t, href)}
          </Link>
        )}
        {unread && (
          <Button variant="tertiary" data-size="sm" aria-describedby={titleId} onClick={onRead}>
            {t('list.markRead')}
          </Button>
        )}
      </div>
    </Card>
  );
}
