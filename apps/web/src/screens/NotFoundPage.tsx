import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { Link } from 'react-router';
import { useI18n } from '../i18n';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <div className="narrow stack">
      <Heading level={1} data-size="lg">
        {t('notFound.title')}
      </Heading>
      <Paragraph>{t('notFound.text')}</Paragraph>
      <Link to="/">{t('nav.myPlans')}</Link>
    </div>
  );
}
