/** Where the link in the reset e-mail leads: /nytt-passord#<token>. The token never reaches a server log. */
import { Alert, Button, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError, post } from '../api/client';
import { errorText } from '../api/errors';
import { usePageTitle } from '../notifications/page-title';
import { useAccountI18n } from './i18n';

export function NewPasswordPage() {
  const { t, tApp } = useAccountI18n();
  // Read once and take it out of the address bar (and of the history).
  const [token] = useState(() => {
    const value = window.location.hash.slice(1);
    if (value) window.history.replaceState(null, '', window.location.pathname);
    return value;
  });
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(token ? null : t('reset.noToken'));
  usePageTitle(t('reset.title'));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (password.length < 10) return setError(t('reset.tooShort'));
    if (password !== repeat) return setError(t('reset.mismatch'));
    setBusy(true);
    setError(null);
    try {
      await post('/api/auth/password-reset/confirm', { token, password });
      setDone(true);
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'reset_token_invalid' ? t('reset.invalid') : errorText(tApp, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="narrow stack-lg">
      <Heading level={1} data-size="lg">
        {t('reset.title')}
      </Heading>
      {error && (
        <Alert data-color="danger" role="alert">
          <Paragraph>{error}</Paragraph>
        </Alert>
      )}
      {done ? (
        <Alert data-color="success" role="status">
          <Paragraph>{t('reset.done')}</Paragraph>
        </Alert>
      ) : (
        token && (
          <form onSubmit={(e) => void submit(e)} className="stack" noValidate>
            <Paragraph>{t('reset.intro')}</Paragraph>
            <Textfield
              label={t('reset.password')}
              type="password"
              autoComplete="new-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <Textfield
              label={t('reset.repeat')}
              type="password"
              autoComplete="new-password"
              required
              value={repeat}
              onChange={(e) => setRepeat(e.target.value)}
            />
            <Button type="submit" loading={busy} className="wide-button">
              {t('reset.submit')}
            </Button>
          </form>
        )
      )}
      <Paragraph>
        <Link to={done ? '/login' : '/glemt-passord'}>{done ? t('forgot.back') : t('login.forgot')}</Link>
      </Paragraph>
    </div>
  );
}
