/** The plan's archive copies (PDF/A + metadata, one zip each), for those who may see them; in the history. */
import { Button, Heading, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import type { ArchiveCopyView } from '#contracts';
import { get } from '../api/client';
import { useMay, usePlan } from '../live/context';
import { downloadFile } from './download';
import { useExportsI18n } from './exports-i18n';

export function ArchiveCopies() {
  const may = useMay();
  if (!may('archive.read')) return null;
  return <ArchiveCopyList />;
}

function ArchiveCopyList() {
  const { t, formatDate } = useExportsI18n();
  const plan = usePlan();
  const [copies, setCopies] = useState<ArchiveCopyView[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    // A close makes a copy: look again when the plan's status changes.
    get<ArchiveCopyView[]>(`/api/plans/${plan.id}/archive`)
      .then(setCopies)
      .catch(() => setFailed(true));
  }, [plan.id, plan.status]);

  return (
    <div className="stack-sm" data-testid="archive-copies">
      <Heading level={3} data-size="2xs">
        {t('archive.title')}
      </Heading>
      <Paragraph data-size="sm">{t('archive.intro')}</Paragraph>
      {failed ? (
        <Paragraph data-size="sm">{t('menu.failed')}</Paragraph>
      ) : !copies ? (
        <Spinner aria-label={t('archive.loading')} data-size="sm" />
      ) : copies.length === 0 ? (
        <Paragraph data-size="sm">{t('archive.empty')}</Paragraph>
      ) : (
        <ul className="history-list">
          {copies.map((c) => (
            <li key={c.id}>
              <span className="history-when">{formatDate(c.createdAt, true)}</span>
              <span>
                {t(`archive.reason.${c.reason}`)}, {t('archive.revision', { revision: c.revision })}
              </span>
              <Button
                variant="tertiary"
                data-size="sm"
                onClick={() => void downloadFile(`/api/plans/${plan.id}/archive/${c.id}`, c.fileName).catch(() => setFailed(true))}
              >
                {t('archive.download')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
