/** After a password login: "Logg inn med fingeren eller ansiktet neste gang". One question, two answers. */
import { Alert, Button, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import type { PasskeyView } from '#contracts';
import { get } from '../api/client';
import { useNavigate, useSearchParams } from 'react-router';
import { usePageTitle } from '../notifications/page-title';
import { safeReturnTo } from '../screens/return-to';
import { useAccountI18n } from './i18n';
import { declineOffer, deviceName, registerPasskey } from './passkeys';

export function PasskeyOfferPage() {
  const { t } = useAccountI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const returnTo = safeReturnTo(params.get('returnTo'));
  const [name, setName] = useState(() => deviceName(t('offer.defaultName')));
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  usePageTitle(t('offer.title'));

  // An account that has a passkey already is not asked again.
  useEffect(() => {
    void get<PasskeyView[]>('/api/auth/passkeys').then(
      (list) => list.length > 0 && navigate(returnTo, { replace: true }),
      () => undefined,
    );
  }, [navigate, returnTo]);

  const accept = async () => {
    setBusy(true);
    setFailed(false);
    try {
      await registerPasskey(name.trim() || t('offer.defaultName'));
      navigate(returnTo, { replace: true });
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="narrow stack-lg">
      <Heading level={1} data-size="lg">
        {t('offer.title')}
      </Heading>
      <Paragraph>{t('offer.intro')}</Paragraph>
      {failed && (
        <Alert data-color="warning" role="alert">
          <Paragraph>{t('offer.failed')}</Paragraph>
        </Alert>
      )}
      <Textfield label={t('offer.name')} value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
      <div className="button-row">
        <Button onClick={() => void accept()} loading={busy}>
          {t('offer.accept')}
        </Button>
        <Button
          variant="secondary"
          onClick={() => {
            declineOffer();
            navigate(returnTo, { replace: true });
          }}
        >
          {t('offer.decline')}
        </Button>
      </div>
    </div>
  );
}
