/** A list read a page at a time from the api ("Vis flere"), for the plans and the needs queue. */
import { Button, Paragraph } from '@digdir/designsystemet-react';
import { useCallback, useEffect, useState } from 'react';
import type { Page } from '#contracts';
import { errorText } from '../api/errors';
import { useKeI18n } from './i18n';

export function usePagedList<T>(fetchPage: (offset: number) => Promise<Page<T>>) {
  const { tApp } = useKeI18n();
  const [rows, setRows] = useState<T[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  /** The first page again (after a filter changed, or something in the list did). */
  const reload = useCallback(() => {
    fetchPage(0)
      .then((page) => {
        setRows(page.items);
        setTotal(page.total);
        setError(null);
      })
      .catch((err: unknown) => setError(errorText(tApp, err)));
  }, [fetchPage, tApp]);

  useEffect(() => {
    setRows(null);
    reload();
  }, [reload]);

  const more = async () => {
    if (!rows) return;
    setLoadingMore(true);
    try {
      const page = await fetchPage(rows.length);
      setRows([...rows, ...page.items]);
      setTotal(page.total);
    } catch (err) {
      setError(errorText(tApp, err));
    } finally {
      setLoadingMore(false);
    }
  };

  return { rows, total, error, loadingMore, reload, more };
}

export function ShowMore({ shown, total, loading, onMore }: { shown: number; total: number; loading: boolean; onMore(): void }) {
  const { t } = useKeI18n();
  if (shown >= total) return null;
  return (
    <div className="actions">
      <Paragraph data-size="sm">{t('common.shownOf', { shown, total })}</Paragraph>
      <Button variant="secondary" onClick={onMore} loading={loading}>
        {t('common.showMore')}
      </Button>
    </div>
  );
}
