/**
 * When e-mail comes for my notifications: at once, a daily digest, or none; as a default and,
 * if I want, per kind. The in-app list always shows everything; invitations always go at once.
 */
import { Alert, Button, Details, Field, Fieldset, Heading, Label, Paragraph, Radio, Select, Spinner } from '@digdir/designsystemet-react';
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import {
  CONFIGURABLE_NOTIFICATION_KINDS,
  NOTIFICATION_DELIVERIES,
  tenantRoleMay,
  type NotificationDelivery,
  type NotificationKind,
  type NotificationPreferences,
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
  usePageTitle(t('prefs.title'));

  const apply = (p: NotificationPreferences) => {
    setDef(p.default);
    setKinds(p.kinds);
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
