/**
 * Log in with e-mail and password, a passkey, or OpenID Connect (ID-porten, HelseID) when
 * configured; "Glemt passord?" leads to a one-time link.
 */
import { Alert, Button, Divider, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { platformAuthenticatorIsAvailable } from '@simplewebauthn/browser';
import type { OidcConfigView } from '#contracts';
import { useAuth } from '../api/auth';
import { useAccountI18n } from '../account/i18n';
import { loginWithPasskey, offerDeclined, passkeysSupported } from '../account/passkeys';
import { ApiError, get } from '../api/client';
import { errorText } from '../api/errors';
import { useI18n } from '../i18n';
import { safeReturnTo } from './return-to';

export function LoginPage() {
  const { t } = useI18n();
  const { login, adoptTokens, status } = useAuth();
  const [params] = useSearchParams();
  const returnTo = safeReturnTo(params.get('returnTo'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(() => (params.get('error') ? errorText(t, params.get('error')) : null));
  const [oidc, setOidc] = useState<OidcConfigView | null>(null);
  const { t: tAccount } = useAccountI18n();
  // Where a login leads: the passkey offer first, where this device has a fingerprint or face reader.
  const [canOffer, setCanOffer] = useState(false);
  const [next, setNext] = useState(returnTo);

  useEffect(() => {
    if (!offerDeclined()) void platformAuthenticatorIsAvailable().then(setCanOffer, () => setCanOffer(false));
  }, []);

  useEffect(() => {
    get<OidcConfigView>('/api/auth/oidc/config')
      .then(setOidc)
      .catch(() => setOidc(null));
  }, []);

  if (status === 'in') return <Navigate to={next} replace />;

  const passkeyLogin = async () => {
    setError(null);
    try {
      setNext(returnTo);
      await adoptTokens(await loginWithPasskey());
    } catch (err) {
      setError(err instanceof ApiError ? errorText(t, err) : tAccount('login.passkeyFailed'));
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setNext(canOffer ? `/konto/passkey?returnTo=${encodeURIComponent(returnTo)}` : returnTo);
      await login(email.trim(), password);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="narrow stack-lg">
      <Heading level={1} data-size="lg">
        {t('login.title')}
      </Heading>
      <Paragraph>{t('login.intro')}</Paragraph>
      {error && (
        <Alert data-color="danger" role="alert">
          <Paragraph>{error}</Paragraph>
        </Alert>
      )}
      {oidc?.enabled && (
        <>
          <Button
            variant="primary"
            className="wide-button"
            onClick={() => {
              window.location.href = `/api/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`;
            }}
          >
            {t('login.oidc', { label: oidc.label })}
          </Button>
          <Divider />
          <Paragraph>{t('login.orPassword')}</Paragraph>
        </>
      )}
      <form onSubmit={(e) => void submit(e)} className="stack" noValidate>
        <Textfield
          label={t('login.email')}
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Textfield
          label={t('login.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <Button type="submit" variant={oidc?.enabled ? 'secondary' : 'primary'} loading={busy} className="wide-button">
          {t('login.submit')}
        </Button>
      </form>
      <Paragraph>
        <Link to="/glemt-passord">{tAccount('login.forgot')}</Link>
      </Paragraph>
      {passkeysSupported() && (
        <Button variant="secondary" className="wide-button" onClick={() => void passkeyLogin()}>
          {tAccount('login.passkey')}
        </Button>
      )}
    </div>
  );
}
