/** Koordinerende enhet's queue of meldinger om behov: waiting ones first, oldest first. */
import { Field, Heading, Label, Paragraph, Select, Spinner } from '@digdir/designsystemet-react';
import { useCallback } from 'react';
import { Link, useSearchParams } from 'react-router';
import { NEED_STATUSES, type NeedStatus, type NeedView, type Page } from '#contracts';
import { get } from '../api/client';
import { useKeI18n, type KeTranslate } from './i18n';
import { NeedCard } from './NeedCard';
import { ShowMore, usePagedList } from './paged-list';
import { ErrorAlert, SectionFrame, usePageTitle } from './parts';

const PAGE_SIZE = 30;
type Filter = NeedStatus | 'open' | 'all';
const FILTERS: readonly Filter[] = ['open', ...NEED_STATUSES, 'all'];

function filterLabel(t: KeTranslate, f: Filter): string {
  if (f === 'open') return t('needs.filter.open');
  if (f === 'all') return t('needs.filter.all');
  return t(`needStatus.${f}`);
}

export function NeedsQueuePage() {
  const { t, tApp } = useKeI18n();
  const [params, setParams] = useSearchParams();
  const filter: Filter = (FILTERS as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as Filter) : 'open';
  usePageTitle(t('needs.title'));

  const fetchPage = useCallback(
    (offset: number) => {
      const q = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(offset) });
      if (filter !== 'all') q.set('status', filter);
      return get<Page<NeedView>>(`/api/needs?${q.toString()}`);
    },
    [filter],
  );
  const { rows: needs, total, error, loadingMore, more } = usePagedList(fetchPage);

  return (
    <SectionFrame>
      <div className="stack">
        <Heading level={1} data-size="lg">
          {t('needs.title')}
        </Heading>
        <Paragraph>{t('needs.intro')}</Paragraph>
        <Paragraph>
          <Link to="/meld-behov">{t('needs.reportLink')}</Link>
        </Paragraph>
      </div>
      <div className="ke-filters">
        <Field>
          <Label htmlFor="needs-filter">{t('needs.filter')}</Label>
          <Select id="needs-filter" value={filter} onChange={(e) => setParams({ status: e.target.value }, { replace: true })}>
            {FILTERS.map((f) => (
              <Select.Option key={f} value={f}>
                {filterLabel(t, f)}
              </Select.Option>
            ))}
          </Select>
        </Field>
      </div>
      <ErrorAlert message={error} />
      {!needs && !error && <Spinner aria-label={tApp('common.loading')} />}
      {needs && (
        <section aria-labelledby="needs-list-title" className="stack">
          <Heading level={2} data-size="sm" id="needs-list-title">
            {filterLabel(t, filter)} ({total})
          </Heading>
          {needs.length === 0 ? (
            <Paragraph>{t('needs.empty')}</Paragraph>
          ) : (
            <ul className="ke-list" aria-labelledby="needs-list-title">
              {needs.map((n) => (
                <li key={n.id}>
                  <NeedCard need={n} testId="need-card" />
                </li>
              ))}
            </ul>
          )}
          <ShowMore shown={needs.length} total={total} loading={loadingMore} onMore={() => void more()} />
        </section>
      )}
    </SectionFrame>
  );
}
