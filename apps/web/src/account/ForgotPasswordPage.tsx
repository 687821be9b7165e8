/** "Glemt passord?": ask for a one-time link by e-mail. The answer is the same for any address. */
import { Alert, Button, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { post } from '../api/client';
import { errorText } from '../api/errors';
import { usePageTitle } from '../notifications/page-title';
import { useAccountI18n } from './i18n';

export function ForgotPasswordPage() {
  const { t, tApp } = useAccountI18n();
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  usePageTitle(t('forgot.title'));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await post('/api/auth/password-reset', { email: email.trim() });
      setSent(true);
    } catch (err) {
      setError(errorText(tApp, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="narrow stack-lg">
      <Heading level={1} data-size="lg">
        {t('forgot.title')}
      </Heading>
      <Paragraph>{t('forgot.intro')}</Paragraph>
      {error && (
        <Alert data-color="danger" role="alert">
          <Paragraph>{error}</Paragraph>
        </Alert>
      )}
      {sent ? (
        <Alert data-color="success" role="status">
          <Paragraph>{t('forgot.sent')}</Paragraph>
        </Alert>
      ) : (
        <form onSubmit={(e) => void submit(e)} className="stack" noValidate>
          <Textfield
            label={t('forgot.email')}
            type="email"
            autoComplete="username"
            inputMode="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
          <Button type="submit" loading={busy} className="wide-button">
            {t('forgot.submit')}
          </Button>
        </form>
      )}
      <Paragraph>
        <Link to="/login">{t('forgot.back')}</Link>
      </Paragraph>
    </div>
  );
}
