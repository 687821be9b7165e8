/** Where an OpenID Connect login comes back: tokens in the fragment (never sent to a server). */
import { Alert, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useAuth } from '../api/auth';
import { useI18n } from '../i18n';
import { safeReturnTo } from './return-to';

export function LoginCallbackPage() {
  const { t } = useI18n();
  const { adoptTokens } = useAuth();
  const navigate = useNavigate();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const params = new URLSearchParams(window.location.hash.slice(1));
    window.history.replaceState(null, '', window.location.pathname);
    const accessToken = params.get('accessToken');
    const refreshToken = params.get('refreshToken');
    if (!accessToken || !refreshToken) {
      setFailed(true);
      return;
    }
    void adoptTokens({ accessToken, refreshToken, expiresIn: params.get('expiresIn') ?? '900' }).then(() =>
      navigate(safeReturnTo(params.get('returnTo')), { replace: true }),
    );
    // Runs once: the fragment is gone after the first run.
  }, []);
  if (failed)
    return (
      <Alert data-color="danger" role="alert">
        <Paragraph>{t('error.oidcFailed')}</Paragraph>
      </Alert>
    );
  return <Spinner aria-label={t('login.finishing')} />;
}
