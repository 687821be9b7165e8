/** "Hvem har sett planen min": for the person (and those acting for them), from the audit log. */
import { Details, Paragraph, Spinner, Table } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import type { Page } from '#contracts';
import { get } from '../api/client';
import { errorText } from '../api/errors';
import type { AccessLogRow } from '#contracts';
import { useI18n, type MessageKey } from '../i18n';
import { usePlan } from '../live/context';
import { Section } from './Section';

function actionKey(action: string): MessageKey {
  if (action.endsWith('.read') || action === 'plan.export' || action === 'plan.archive.created') return 'accessLog.read';
  if (action.startsWith('consent.')) return 'accessLog.consent';
  if (action.startsWith('member.')) return 'accessLog.members';
  return 'accessLog.changed';
}

export function AccessLogSection() {
  const { t } = useI18n();
  const plan = usePlan();
  const [open, setOpen] = useState(false);
  const mine = plan.myRole === 'person';
  return (
    <Section
      id="access-log"
      title={mine ? t('plan.accessLog.titleMine') : t('plan.accessLog.title')}
      intro={<Paragraph>{mine ? t('plan.accessLog.introMine') : t('plan.accessLog.intro', { name: plan.personName })}</Paragraph>}
    >
      <Details open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
        <Details.Summary>{t('plan.accessLog.show')}</Details.Summary>
        <Details.Content>{open && <AccessLogTable />}</Details.Content>
      </Details>
    </Section>
  );
}

function AccessLogTable() {
  const { t, formatDate } = useI18n();
  const plan = usePlan();
  const [rows, setRows] = useState<AccessLogRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    get<Page<AccessLogRow>>(`/api/plans/${plan.id}/access-log?limit=200`)
      .then((page) => setRows(page.items))
      .catch((err: unknown) => setError(errorText(t, err)));
  }, [plan.id, t]);
  if (error) return <Paragraph data-size="sm">{error}</Paragraph>;
  if (!rows) return <Spinner aria-label={t('common.loading')} data-size="sm" />;
  // One line per person, action and minute: reading the plan touches several records at once.
  const seen = new Set<string>();
  const lines = rows.filter((r) => {
    const key = `${r.actor.name}|${actionKey(r.action)}|${r.at.slice(0, 16)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (!lines.length) return <Paragraph>{t('plan.accessLog.empty')}</Paragraph>;
  return (
    <div className="table-scroll">
      <Table data-size="sm" zebra>
        <caption className="visually-hidden">{t('plan.accessLog.title')}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('accessLog.when')}</Table.HeaderCell>
            <Table.HeaderCell>{t('accessLog.who')}</Table.HeaderCell>
            <Table.HeaderCell>{t('accessLog.what')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {lines.map((r, i) => (
            <Table.Row key={`${r.at}-${i}`}>
              <Table.Cell>{formatDate(r.at, true)}</Table.Cell>
              <Table.Cell>{r.actor.name || t('accessLog.system')}</Table.Cell>
              <Table.Cell>{t(actionKey(r.action))}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}
