/**
 * /konto, my account: how I am logged in, reading settings, language, notification channels,
 * passkeys, changing my password, and my devices with "log out everywhere".
 */
import { Alert, Button, Card, Checkbox, Fieldset, Heading, Paragraph, Radio, Textfield } from '@digdir/designsystemet-react';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { assuranceAtLeast, type MeView, type PasskeyView, type SessionView, type TokenPair } from '#contracts';
import { useAuth } from '../api/auth';
import { del, get, patch, post } from '../api/client';
import { errorText } from '../api/errors';
import { clearSession } from '../api/session';
import { usePageTitle } from '../notifications/page-title';
import { useAccountI18n } from './i18n';
import { SettingsCard } from './SettingsCard';
import { deviceName, passkeysSupported, registerPasskey } from './passkeys';
import { applyReadingSettings } from './reading-settings';

export function AccountPage() {
  const { t, tApp, formatDate, locale, setLocale } = useAccountI18n();
  const { me, adoptTokens, refreshMe } = useAuth();
  const navigate = useNavigate();
  const [passkeys, setPasskeys] = useState<PasskeyView[]>([]);
  const [sessions, setSessions] = useState<SessionView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  // Shown at once, saved after: the checkbox follows the click, not the round trip.
  const [reading, setReading] = useState(() => ({ textSize: me?.textSize ?? 'normal', plainLayout: me?.plainLayout ?? false }));
  usePageTitle(t('account.title'));

  const load = useCallback(() => {
    get<PasskeyView[]>('/api/auth/passkeys')
      .then(setPasskeys)
      .catch((err: unknown) => setError(errorText(tApp, err)));
    get<SessionView[]>('/api/auth/sessions')
      .then(setSessions)
      .catch((err: unknown) => setError(errorText(tApp, err)));
  }, [tApp]);
  useEffect(load, [load]);

  if (!me) return null;

  const run = async (action: () => Promise<unknown>, done?: string) => {
    setError(null);
    setNotice(null);
    try {
      await action();
      if (done) setNotice(done);
    } catch (err) {
      setError(errorText(tApp, err));
    }
  };
  const saveReading = (body: Partial<Pick<MeView, 'textSize' | 'plainLayout'>>) => {
    const nextReading = { ...reading, ...body };
    setReading(nextReading);
    applyReadingSettings(nextReading);
    void saveMe(body);
  };
  const saveMe = (body: Partial<Pick<MeView, 'textSize' | 'plainLayout' | 'locale'>>) =>
    run(async () => {
      await patch('/api/me', body);
      await refreshMe();
    }, t('reading.saved'));

  const changePassword = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const tokens = await post<TokenPair>('/api/auth/password', { currentPassword: current, newPassword: next });
      await adoptTokens(tokens);
      setCurrent('');
      setNext('');
      load();
    }, t('password.done'));
  };

  const { session } = me;
  const method = t(`method.${session.method}`);
  return (
    <div className="stack-lg account-page">
      <Heading level={1} data-size="lg">
        {t('account.title')}
      </Heading>
      <Paragraph>{t('account.signedInWith', { method, level: t(`level.${session.level}`) })}</Paragraph>
      {!assuranceAtLeast(session.level, session.needed) && (
        <Alert data-color="warning">
          <Paragraph>{t('account.levelTooLow', { needed: t(`level.${session.needed}`) })}</Paragraph>
        </Alert>
      )}
      <div aria-live="polite">
        {notice && (
          <Alert data-color="success">
            <Paragraph>{notice}</Paragraph>
          </Alert>
        )}
      </div>
      {error && (
        <Alert data-color="danger" role="alert">
          <Paragraph>{error}</Paragraph>
        </Alert>
      )}

      <SettingsCard title={t('reading.title')}>
        <Checkbox
          label={t('reading.largeText')}
          checked={reading.textSize === 'large'}
          onChange={(e) => saveReading({ textSize: e.target.checked ? 'large' : 'normal' })}
        />
        <Checkbox
          label={t('reading.plainLayout')}
          checked={reading.plainLayout}
          onChange={(e) => saveReading({ plainLayout: e.target.checked })}
        />
      </SettingsCard>

      <Card data-color="neutral" className="stack">
        <Fieldset>
          <Fieldset.Legend>
            <Heading level={2} data-size="sm">
              {t('language.title')}
            </Heading>
          </Fieldset.Legend>
          {(['nb', 'en'] as const).map((l) => (
            <Radio
              key={l}
              name="language"
              value={l}
              label={l === 'nb' ? 'Norsk (bokmål)' : 'English'}
              checked={locale === l}
              onChange={() => {
                setLocale(l);
                void saveMe({ locale: l });
              }}
            />
          ))}
        </Fieldset>
      </Card>

      <SettingsCard title={t('channels.title')}>
        <Paragraph>{t('channels.email', { email: me.email })}</Paragraph>
        <Paragraph>{t('channels.sms')}</Paragraph>
        <Paragraph>
          <Link to="/varsler/innstillinger">{t('channels.settings')}</Link>
        </Paragraph>
      </SettingsCard>

      <SettingsCard title={t('passkeys.title')}>
        <Paragraph>{t('passkeys.intro')}</Paragraph>
        {passkeys.length === 0 ? (
          <Paragraph>{t('passkeys.none')}</Paragraph>
        ) : (
          <ul className="plain-list" aria-label={t('passkeys.title')}>
            {passkeys.map((p) => (
              <li key={p.id} className="row-between">
                <span>
                  <strong>{p.name}</strong> · {t('passkeys.created', { date: formatDate(p.createdAt) })}
                </span>
                <Button
                  variant="tertiary"
                  data-size="sm"
                  onClick={() => void run(async () => (await del(`/api/auth/passkeys/${p.id}`), load()))}
                >
                  {t('passkeys.remove', { name: p.name })}
                </Button>
              </li>
            ))}
          </ul>
        )}
        {passkeysSupported() ? (
          <Button
            variant="secondary"
            onClick={() => void run(async () => (await registerPasskey(deviceName(t('offer.defaultName'))), load()))}
          >
            {t('passkeys.add')}
          </Button>
        ) : (
          <Paragraph>{t('passkeys.unsupported')}</Paragraph>
        )}
      </SettingsCard>

      <SettingsCard title={t('password.title')}>
        <form className="stack" onSubmit={changePassword} noValidate>
          <Textfield
            label={t('password.current')}
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
          <Textfield
            label={t('password.new')}
            type="password"
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
          <Button type="submit" variant="secondary">
            {t('password.submit')}
          </Button>
        </form>
      </SettingsCard>

      <SettingsCard title={t('sessions.title')}>
        <ul className="plain-list" aria-label={t('sessions.title')}>
          {sessions.map((s) => (
            <li key={s.id} className="row-between">
              <span>
                <strong>{s.current ? t('sessions.current') : (s.userAgent?.slice(0, 80) ?? t('sessions.unknownDevice'))}</strong>
                <br />
                {t('sessions.started', { date: formatDate(s.startedAt, true) })} · {t(`method.${s.method}`)}
              </span>
              {!s.current && (
                <Button
                  variant="tertiary"
                  data-size="sm"
                  onClick={() => void run(async () => (await del(`/api/auth/sessions/${s.id}`), load()))}
                >
                  {t('sessions.end')}
                </Button>
              )}
            </li>
          ))}
        </ul>
        <Button
          variant="secondary"
          data-color="danger"
          onClick={() =>
            void run(async () => {
              await post('/api/auth/logout-everywhere');
              clearSession();
              navigate('/login');
            })
          }
        >
          {t('sessions.everywhere')}
        </Button>
      </SettingsCard>
    </div>
  );
}
