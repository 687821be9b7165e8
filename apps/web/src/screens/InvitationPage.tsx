/** The one-time invitation link: see who invited you to whose plan, set a password, land in the plan. */
import { Alert, Button, Heading, Paragraph, Spinner, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { InvitationView, TokenPair } from '#contracts';
import { useAuth } from '../api/auth';
import { get, post } from '../api/client';
import { errorText } from '../api/errors';
import { useI18n } from '../i18n';

const MIN_PASSWORD = 10;

export function InvitationPage() {
  const { token = '' } = useParams();
  const { t } = useI18n();
  const { adoptTokens } = useAuth();
  const navigate = useNavigate();
  const [invitation, setInvitation] = useState<InvitationView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [fieldError, setFieldError] = useState<{ email?: string; password?: string; repeat?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    get<InvitationView>(`/api/invitations/${encodeURIComponent(token)}`)
      .then((inv) => {
        setInvitation(inv);
        setName(inv.name);
      })
      .catch((err: unknown) => setLoadError(errorText(t, err)));
  }, [token, t]);

  if (loadError)
    return (
      <div className="narrow stack">
        <Heading level={1} data-size="lg">
          {t('invitation.title')}
        </Heading>
        <Alert data-color="danger" role="alert">
          <Paragraph>{loadError}</Paragraph>
        </Alert>
        <Link to="/login">{t('login.title')}</Link>
      </div>
    );
  if (!invitation) return <Spinner aria-label={t('common.loading')} />;

  const newAccount = !invitation.accountExists;
  // Invited by phone: the account's e-mail is the one accepting's to give.
  const byPhone = !invitation.email;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errors: typeof fieldError = {};
    if (newAccount && password.length < MIN_PASSWORD) errors.password = t('invitation.passwordTooShort', { min: MIN_PASSWORD });
    if (newAccount && password !== repeat) errors.repeat = t('invitation.passwordMismatch');
    if (!password) errors.password = t('invitation.passwordRequired');
    if (byPhone && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) errors.email = t('invitation.emailRequired');
    setFieldError(errors);
    if (Object.keys(errors).length) return;
    setBusy(true);
    setError(null);
    try {
      const res = await post<TokenPair & { planId: string }>(`/api/invitations/${encodeURIComponent(token)}/accept`, {
        password,
        ...(newAccount && name.trim() ? { name: name.trim() } : {}),
        ...(byPhone ? { email: email.trim() } : {}),
      });
      await adoptTokens(res);
      navigate(`/planer/${res.planId}`, { replace: true });
    } catch (err) {
      setError(errorText(t, err));
      setBusy(false);
    }
  };

  return (
    <div className="narrow stack-lg">
      <Heading level={1} data-size="lg">
        {t('invitation.title')}
      </Heading>
      <Paragraph>
        {t('invitation.intro', { inviter: invitation.invitedByName, person: invitation.personName, role: t(`role.${invitation.role}`) })}
      </Paragraph>
      <Paragraph>
        {byPhone
          ? t('invitation.byPhone')
          : newAccount
            ? t('invitation.newAccount', { email: invitation.email })
            : t('invitation.existingAccount', { email: invitation.email })}
      </Paragraph>
      {error && (
        <Alert data-color="danger" role="alert">
          <Paragraph>{error}</Paragraph>
        </Alert>
      )}
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
        {byPhone && (
          <Textfield
            label={t('invitation.email')}
            type="email"
            autoComplete="email"
            value={email}
            error={fieldError.email}
            onChange={(e) => setEmail(e.target.value)}
          />
        )}
        {newAccount && (
          <Textfield label={t('invitation.name')} autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
        )}
        <Textfield
          label={newAccount ? t('invitation.newPassword') : t('login.password')}
          description={newAccount ? t('invitation.passwordHint', { min: MIN_PASSWORD }) : undefined}
          type="password"
          autoComplete={newAccount ? 'new-password' : 'current-password'}
          value={password}
          error={fieldError.password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {newAccount && (
          <Textfield
            label={t('invitation.repeatPassword')}
            type="password"
            autoComplete="new-password"
            value={repeat}
            error={fieldError.repeat}
            onChange={(e) => setRepeat(e.target.value)}
          />
        )}
        <Button type="submit" loading={busy} className="wide-button">
          {t('invitation.accept')}
        </Button>
      </form>
    </div>
  );
}
