/**
 * When e-mail comes for my notifications: at once, a daily digest, or none; as a default and,
 * if I want, per kind. The in-app list always shows everything; invitations always go at once.
 * SMS beside it: my mobile number, SMS on or off (off after I answered STOPP), and which kinds.
 */
import {
  Alert,
  Button,
  Checkbox,
  Details,
  Field,
  Fieldset,
  Heading,
  Label,
  Paragraph,
  Radio,
  Select,
  Spinner,
  Textfield,
} from '@digdir/designsystemet-react';
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import {
  CONFIGURABLE_NOTIFICATION_KINDS,
  NOTIFICATION_DELIVERIES,
  SMS_DEFAULT_KINDS,
  tenantRoleMay,
  type NotificationDelivery,
  type NotificationKind,
  type NotificationPreferences,
  type SmsPreferences,
  type UpdateNotificationPreferences,
} from '#contracts';
import { useAuth } from '../api/auth';
import { api, get } from '../api/client';
import { errorText } from '../api/errors';
import { useNotificationI18n } from './i18n';
import { usePageTitle } from './page-title';

type KindChoice = NotificationDelivery | '';

export function PreferencesPage() {
  const { t, tApp } = useNotificationI18n();
  const { me } = useAuth();
  // Only koordinerende enhet is told of reported needs: nobody else needs that choice.
  const shownKinds = CONFIGURABLE_NOTIFICATION_KINDS.filter((k) => k !== 'need_reported' || (me && tenantRoleMay(me.role, 'needs.triage')));
  const [loaded, setLoaded] = useState(false);
  const [def, setDef] = useState<NotificationDelivery>('immediate');
  const [kinds, setKinds] = useState<Partial<Record<NotificationKind, KindChoice>>>({});
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [sms, setSms] = useState<SmsPreferences | null>(null);
  const [smsOn, setSmsOn] = useState(false);
  const [smsKinds, setSmsKinds] = useState<Partial<Record<NotificationKind, boolean>>>({});
  const [phone, setPhone] = useState('');
  const [phoneBusy, setPhoneBusy] = useState(false);
  const [phoneError, setPhoneError] = useState<string | null>(null);
  const [phoneSaved, setPhoneSaved] = useState<string | null>(null);
  const { formatDate } = useNotificationI18n();
  usePageTitle(t('prefs.title'));

  const apply = (p: NotificationPreferences) => {
    setDef(p.default);
    setKinds(p.kinds);
    setSms(p.sms);
    setSmsOn(p.sms.enabled);
    setSmsKinds(p.sms.kinds);
    setPhone(p.sms.phone ?? '');
  };
  const smsKindOn = (k: NotificationKind) => smsKinds[k] ?? SMS_DEFAULT_KINDS.includes(k);

  const savePhone = async (e: FormEvent, remove = false) => {
    e.preventDefault();
    setPhoneBusy(true);
    setPhoneError(null);
    setPhoneSaved(null);
    try {
      const p = await api<NotificationPreferences>('PUT', '/api/notifications/phone', { phone: remove ? null : phone });
      apply(p);
      setPhoneSaved(p.sms.phone ? t('sms.phoneSaved', { phone: p.sms.phone }) : t('sms.phoneRemoved'));
    } catch (err) {
      setPhoneError(errorText(tApp, err));
    } finally {
      setPhoneBusy(false);
    }
  };

  useEffect(() => {
    get<NotificationPreferences>('/api/notifications/preferences')
      .then((p) => {
        apply(p);
        setLoaded(true);
      })
      .catch((err: unknown) => setError(errorText(tApp, err)));
  }, [tApp]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const body: UpdateNotificationPreferences = {
        default: def,
        kinds: Object.fromEntries(CONFIGURABLE_NOTIFICATION_KINDS.map((k) => [k, kinds[k] || null])),
        // Only what differs from the default kinds is kept as a choice of its own.
        sms: {
          ...(sms?.phone ? { enabled: smsOn } : {}),
          kinds: Object.fromEntries(
            CONFIGURABLE_NOTIFICATION_KINDS.map((k) => [k, smsKindOn(k) === SMS_DEFAULT_KINDS.includes(k) ? null : smsKindOn(k)]),
          ),
        },
      };
      apply(await api<NotificationPreferences>('PUT', '/api/notifications/preferences', body));
      setSaved(true);
    } catch (err) {
      setError(errorText(tApp, err));
    } finally {
      setBusy(false);
    }
  };

  const overridden = CONFIGURABLE_NOTIFICATION_KINDS.some((k) => kinds[k]);

  return (
    <div className="stack-lg narrow-prefs">
      <div className="stack">
        <Heading level={1} data-size="lg">
          {t('prefs.title')}
        </Heading>
        <Paragraph>{t('prefs.intro')}</Paragraph>
        <Paragraph data-size="sm">{t('prefs.privacy')}</Paragraph>
        <Paragraph>
          <Link to="/varsler">{t('prefs.back')}</Link>
        </Paragraph>
      </div>
      {error && (
        <Alert data-color="danger" role="alert">
          <Paragraph>{error}</Paragraph>
        </Alert>
      )}
      {!loaded && !error && <Spinner aria-label={tApp('common.loading')} />}
      {loaded && sms && (
        <section className="stack" aria-labelledby="sms-title">
          <Heading level={2} data-size="sm" id="sms-title">
            {t('sms.title')}
          </Heading>
          <Paragraph data-size="sm">{t('sms.intro')}</Paragraph>
          <form className="stack-sm" onSubmit={(e) => void savePhone(e)} noValidate data-form="phone">
            <Textfield
              label={t('sms.phone')}
              description={t('sms.phoneHint')}
              type="tel"
              autoComplete="tel"
              inputMode="tel"
              value={phone}
              error={phoneError ?? undefined}
              onChange={(e) => {
                setPhone(e.target.value);
                setPhoneSaved(null);
              }}
            />
            <div className="inline-actions">
              <Button type="submit" variant="secondary" loading={phoneBusy}>
                {t('sms.phoneSave')}
              </Button>
              {sms.phone && (
                <Button type="button" variant="tertiary" onClick={(e) => void savePhone(e, true)}>
                  {t('sms.phoneRemove')}
                </Button>
              )}
            </div>
            <div role="status">{phoneSaved && <Paragraph data-size="sm">{phoneSaved}</Paragraph>}</div>
          </form>
        </section>
      )}
      {loaded && (
        <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
          <Fieldset>
            <Fieldset.Legend>{t('prefs.default')}</Fieldset.Legend>
            {NOTIFICATION_DELIVERIES.map((d) => (
              <Radio
                key={d}
                name="default-delivery"
                value={d}
                label={t(`delivery.${d}`)}
                description={t(`delivery.${d}.hint`)}
                checked={def === d}
                onChange={() => {
                  setDef(d);
                  setSaved(false);
                }}
              />
            ))}
          </Fieldset>
          <Details defaultOpen={overridden}>
            <Details.Summary>{t('prefs.perKind')}</Details.Summary>
            <Details.Content>
              <div className="stack">
                <Paragraph data-size="sm">{t('prefs.perKindHint')}</Paragraph>
                {shownKinds.map((k) => (
                  <Field key={k}>
                    <Label htmlFor={`kind-${k}`}>{t(`kind.${k}`)}</Label>
                    <Select
                      id={`kind-${k}`}
                      value={kinds[k] ?? ''}
                      onChange={(e) => {
                        setKinds({ ...kinds, [k]: e.target.value as KindChoice });
                        setSaved(false);
                      }}
                    >
                      <Select.Option value="">{t('prefs.followDefault', { choice: t(`delivery.${def}`).toLowerCase() })}</Select.Option>
                      {NOTIFICATION_DELIVERIES.map((d) => (
                        <Select.Option key={d} value={d}>
                          {t(`delivery.${d}`)}
                        </Select.Option>
                      ))}
                    </Select>
                  </Field>
                ))}
                <Paragraph data-size="sm">{t('prefs.invitationAlways')}</Paragraph>
              </div>
            </Details.Content>
          </Details>
          {sms && (
            <Fieldset data-sms-prefs>
              <Fieldset.Legend>{t('sms.title')}</Fieldset.Legend>
              {sms.stoppedAt && !smsOn && (
                <Alert data-color="warning" data-size="sm">
                  <Paragraph data-size="sm">{t('sms.stopped', { when: formatDate(sms.stoppedAt, true) })}</Paragraph>
                </Alert>
              )}
              {!sms.phone && <Paragraph data-size="sm">{t('sms.phoneNeeded')}</Paragraph>}
              <Checkbox
                label={t('sms.enabled')}
                description={t('sms.enabledHint')}
                checked={smsOn}
                disabled={!sms.phone}
                onChange={(e) => {
                  setSmsOn(e.target.checked);
                  setSaved(false);
                }}
              />
              {smsOn && (
                <Fieldset>
                  <Fieldset.Legend>{t('sms.kinds')}</Fieldset.Legend>
                  {shownKinds.map((k) => (
                    <Checkbox
                      key={k}
                      label={t(`kind.${k}`)}
                      checked={smsKindOn(k)}
                      onChange={(e) => {
                        setSmsKinds({ ...smsKinds, [k]: e.target.checked });
                        setSaved(false);
                      }}
                    />
                  ))}
                  <Paragraph data-size="sm">{t('sms.reply')}</Paragraph>
                </Fieldset>
              )}
            </Fieldset>
          )}
          <div role="status">
            {saved && (
              <Alert data-color="success">
                <Paragraph>{t('prefs.saved')}</Paragraph>
              </Alert>
            )}
          </div>
          <div>
            <Button type="submit" loading={busy}>
              {t('prefs.save')}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
