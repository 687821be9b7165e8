/** Fjernet fra planen: deleted goals, tasks, meetings and notes, each brought back in one step. */
import { Button, Heading, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useCallback, useEffect, useState } from 'react';
import type { DeletedItemView, Page } from '#contracts';
import { get, post } from '../api/client';
import { errorText } from '../api/errors';
import { usePlan } from '../live/context';
import { newMutationId } from '../live/edits';
import { usePlanI18n } from './i18n';

const PATHS = { goal: 'goals', task: 'tasks', meeting: 'meetings', journal: 'journal' } as const;

export function DeletedItems() {
  const { t, p, formatDate } = usePlanI18n();
  const plan = usePlan();
  const [items, setItems] = useState<DeletedItemView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    get<Page<DeletedItemView>>(`/api/plans/${plan.id}/deleted?limit=100`)
      .then((page) => setItems(page.items))
      .catch((err: unknown) => setError(errorText(t, err)));
  }, [plan.id, t]);
  // Reload when the plan moves on: a delete or a restore anywhere changes the list.
  useEffect(load, [load, plan.revision]);

  const restore = async (item: DeletedItemView) => {
    try {
      await post(`/api/plans/${plan.id}/${PATHS[item.entityType]}/${item.id}/restore`, { clientMutationId: newMutationId() });
      load();
    } catch (err) {
      setError(errorText(t, err));
    }
  };

  return (
    <section className="stack-sm" aria-labelledby="deleted-title" data-testid="deleted-items">
      <Heading level={3} data-size="xs" id="deleted-title">
        {p('deleted.title')}
      </Heading>
      <Paragraph data-size="sm">{p('deleted.intro')}</Paragraph>
      {error && <Paragraph data-size="sm">{error}</Paragraph>}
      {!items && !error && <Spinner aria-label={t('common.loading')} data-size="sm" />}
      {items && items.length === 0 && <Paragraph data-size="sm">{p('deleted.empty')}</Paragraph>}
      {items && items.length > 0 && (
        <ul className="deleted-list">
          {items.map((item) => (
            <li key={`${item.entityType}:${item.id}`} data-deleted-id={item.id}>
              <span>
                <strong>{p(`deleted.type.${item.entityType}`)}:</strong>{' '}
                {p('deleted.row', { title: item.title, name: item.deletedBy.name, date: formatDate(item.deletedAt, true) })}
              </span>
              {item.mayRestore && (
                <Button
                  variant="secondary"
                  data-size="sm"
                  onClick={() => void restore(item)}
                  aria-label={p('deleted.restoreLabel', { title: item.title })}
                >
                  {p('deleted.restore')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
