/** One reported need in a list: whom it is about, its status and kind, who reported it and when. */
import { Card, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { Link } from 'react-router';
import type { NeedStatus, NeedView } from '#contracts';
import { useKeI18n } from './i18n';
import { BASE } from './parts';

export const NEED_STATUS_COLOR: Record<NeedStatus, string> = {
  new: 'warning',
  in_review: 'info',
  coordinator_appointed: 'success',
  plan_started: 'success',
  declined: 'neutral',
};

export function NeedCard({ need: n, showReporter = true, testId }: { need: NeedView; showReporter?: boolean; testId?: string }) {
  const { t, formatDate } = useKeI18n();
  return (
    <Card data-color="neutral" className="ke-row-card stack-sm" data-testid={testId}>
      <Heading level={3} data-size="xs">
        <Link to={`${BASE}/meldinger/${n.id}`}>{n.personName}</Link>
      </Heading>
      <div className="tags">
        <Tag data-color={NEED_STATUS_COLOR[n.status]}>{t(`needStatus.${n.status}`)}</Tag>
        <Tag data-color="neutral">{t(`needKind.${n.kind}`)}</Tag>
      </div>
      {showReporter && (
        <Paragraph data-size="sm">{t('needs.reportedBy', { name: n.reporter.name, service: n.reporter.service })}</Paragraph>
      )}
      <Paragraph data-size="sm" className="ke-muted">
        {t('needs.reportedOn', { when: formatDate(n.createdAt, true) })}
      </Paragraph>
    </Card>
  );
}
