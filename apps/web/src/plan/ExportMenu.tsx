/** "Skriv ut / last ned": the plan as a PDF (normal or large text) and, for those who may, FHIR JSON. */
import { Button, Details, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useMay, usePlan } from '../live/context';
import { downloadFile } from './download';
import { useExportsI18n } from './exports-i18n';

type Kind = 'pdf' | 'pdfLarge' | 'fhir';

export function ExportMenu() {
  const { t, locale } = useExportsI18n();
  const plan = usePlan();
  const may = useMay();
  const [busy, setBusy] = useState<Kind | null>(null);
  const [status, setStatus] = useState<string>('');
  if (!may('plan.export')) return null;

  const run = async (kind: Kind) => {
    setBusy(kind);
    setStatus(t('menu.working'));
    try {
      const base = `/api/plans/${plan.id}`;
      const name =
        kind === 'fhir'
          ? await downloadFile(`${base}/fhir?lang=${locale}`, 'individuell-plan.fhir.json', 'application/fhir+json')
          : await downloadFile(`${base}/pdf?lang=${locale}${kind === 'pdfLarge' ? '&size=large' : ''}`, 'individuell-plan.pdf');
      setStatus(t('menu.done', { name }));
    } catch {
      setStatus(t('menu.failed'));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Details className="export-menu" data-testid="export-menu">
      <Details.Summary>{t('menu.title')}</Details.Summary>
      <Details.Content>
        <div className="stack-sm">
          <Paragraph data-size="sm">{t('menu.intro')}</Paragraph>
          <div className="tags">
            <Button variant="secondary" data-size="sm" disabled={busy !== null} onClick={() => void run('pdf')}>
              {t('menu.pdf')}
            </Button>
            <Button variant="secondary" data-size="sm" disabled={busy !== null} onClick={() => void run('pdfLarge')}>
              {t('menu.pdfLarge')}
            </Button>
            {may('plan.exportFhir') && (
              <Button variant="tertiary" data-size="sm" disabled={busy !== null} onClick={() => void run('fhir')}>
                {t('menu.fhir')}
              </Button>
            )}
          </div>
          <Paragraph data-size="sm" role="status" aria-live="polite">
            {status}
          </Paragraph>
        </div>
      </Details.Content>
    </Details>
  );
}
