/** "Samtykke gitt på papir 2. des. 2026, registrert av Kari Nilsen", and the scanned form to download (consent.read). */
import { Button, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useState } from 'react';
import type { ConsentView } from '#contracts';
import { errorText } from '../api/errors';
import { usePlan } from '../live/context';
import { downloadFile } from '../plan/download';
import { useConsentI18n } from './i18n';

const TYPE_NAMES: Record<string, string> = { 'application/pdf': 'PDF', 'image/png': 'PNG', 'image/jpeg': 'JPEG' };

export function RecordedConsentLine({ consent }: { consent: ConsentView }) {
  const { c, t, formatDate, locale } = useConsentI18n();
  const plan = usePlan();
  const [error, setError] = useState<string | null>(null);
  const doc = consent.document;
  const size = doc
    ? new Intl.NumberFormat(locale === 'nb' ? 'nb-NO' : 'en-GB', {
        style: 'unit',
        unit: doc.size >= 1024 * 1024 ? 'megabyte' : 'kilobyte',
        maximumFractionDigits: 1,
      }).format(doc.size >= 1024 * 1024 ? doc.size / (1024 * 1024) : Math.max(1, doc.size / 1024))
    : '';
  return (
    <>
      <Paragraph data-size="sm" data-testid="consent-recorded">
        <Tag data-color="success">{t('plan.consent.given')}</Tag>{' '}
        {c('given.recorded', { form: consent.form, date: formatDate(consent.givenAt), name: consent.recordedByName ?? '' })}
      </Paragraph>
      {doc && consent.recordId && (
        <div>
          <Button
            data-size="sm"
            variant="tertiary"
            data-testid="consent-document"
            onClick={() =>
              void downloadFile(`/api/plans/${plan.id}/consents/records/${consent.recordId}/document`, 'samtykke').catch((err: unknown) =>
                setError(errorText(t, err)),
              )
            }
          >
            {c('given.document', { type: TYPE_NAMES[doc.contentType] ?? doc.contentType, size })}
          </Button>
        </div>
      )}
      {error && <Paragraph data-size="sm">{error}</Paragraph>}
    </>
  );
}
