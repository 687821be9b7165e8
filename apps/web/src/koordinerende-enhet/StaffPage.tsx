/**
 * Ansatte: koordinerende enhet keeps the staff accounts, the directory coordinators pick colleagues
 * from. Add one, change a role, close an account (its sessions end at once), or import many from
 * a CSV file: a preview with each row's errors first, then all or nothing.
 */
import { Alert, Button, Card, Field, Heading, Label, Paragraph, Select, Table, Tag, Textfield } from '@digdir/designsystemet-react';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { STAFF_ROLES, type AccountView, type ErrorBody, type Page, type StaffImportResult, type TenantRole } from '#contracts';
import { useAccountI18n } from '../account/i18n';
import { SettingsCard } from '../account/SettingsCard';
import { useAuth } from '../api/auth';
import { get, patch, post } from '../api/client';
import { errorText } from '../api/errors';
import { freshAccessToken } from '../api/session';
import { RequireTenantAction } from './access';
import { useKeI18n } from './i18n';
import { ErrorAlert, SectionFrame, usePageTitle } from './parts';

type StaffRole = (typeof STAFF_ROLES)[number];
const EMPTY = { name: '', email: '', phone: '', role: 'professional' as StaffRole, service: '', organisation: '' };

/** Sends the file's bytes as they are, so that the api can tell whether they are UTF-8. */
async function uploadCsv(file: File, commit: boolean): Promise<StaffImportResult> {
  const token = await freshAccessToken();
  const res = await fetch(`/api/accounts/import${commit ? '?commit=true' : ''}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: await file.arrayBuffer(),
  });
  const body = (await res.json().catch(() => ({}))) as StaffImportResult & Partial<ErrorBody>;
  if (!res.ok) throw new Error(body.message ?? res.statusText);
  return body;
}

export function StaffPage() {
  const { t: tKe } = useKeI18n();
  const { t } = useAccountI18n();
  usePageTitle(t('staff.title'));
  return (
    <SectionFrame>
      <div className="stack">
        <Heading level={1} data-size="lg">
          {t('staff.title')}
        </Heading>
        <Paragraph>{t('staff.intro')}</Paragraph>
      </div>
      <RequireTenantAction action="accounts.manage" message={tKe('common.noAccess')}>
        <StaffScreen />
      </RequireTenantAction>
    </SectionFrame>
  );
}

function StaffScreen() {
  const { t, tApp } = useAccountI18n();
  const { me } = useAuth();
  const [q, setQ] = useState('');
  const [accounts, setAccounts] = useState<AccountView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [form, setForm] = useState(EMPTY);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<StaffImportResult | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    get<Page<AccountView>>(`/api/accounts?limit=200&q=${encodeURIComponent(q)}`)
      .then((page) => setAccounts(page.items.filter((a) => a.role !== 'citizen')))
      .catch((err: unknown) => setError(errorText(tApp, err)));
  }, [q, tApp]);
  useEffect(load, [load]);

  const run = async (action: () => Promise<string | null>) => {
    setError(null);
    setNotice(null);
    setBusy(true);
    try {
      setNotice(await action());
      load();
    } catch (err) {
      setError(err instanceof Error && !('code' in err) ? `${tApp('error.csvInvalid')} ${err.message}` : errorText(tApp, err));
    } finally {
      setBusy(false);
    }
  };

  const add = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const body = Object.fromEntries(Object.entries(form).filter(([, v]) => v !== ''));
      const created = await post<AccountView>('/api/accounts', body);
      setForm(EMPTY);
      return t('staff.added', { name: created.name });
    });
  };

  const field = (key: Exclude<keyof typeof EMPTY, 'role'>, type: 'text' | 'email' | 'tel' = 'text') => (
    <Textfield label={t(`staff.${key}`)} type={type} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
  );

  return (
    <div className="stack-lg">
      <div aria-live="polite">
        {notice && (
          <Alert data-color="success">
            <Paragraph>{notice}</Paragraph>
          </Alert>
        )}
      </div>
      <ErrorAlert message={error} />

      <SettingsCard title={t('staff.add')}>
        <form className="stack" onSubmit={add} noValidate>
          {field('name')}
          {field('email', 'email')}
          {field('phone', 'tel')}
          <Field>
            <Label>{t('staff.role')}</Label>
            <Select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as StaffRole })}>
              {STAFF_ROLES.map((r) => (
                <Select.Option key={r} value={r}>
                  {t(`role.${r}`)}
                </Select.Option>
              ))}
            </Select>
          </Field>
          {field('service')}
          {field('organisation')}
          <Button type="submit" loading={busy}>
            {t('staff.save')}
          </Button>
        </form>
      </SettingsCard>

      <SettingsCard title={t('staff.import')}>
        <Paragraph>{t('staff.importIntro')}</Paragraph>
        <Field>
          <Label htmlFor="staff-csv">{t('staff.file')}</Label>
          <input
            id="staff-csv"
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setPreview(null);
            }}
          />
        </Field>
        <div className="button-row">
          <Button
            variant="secondary"
            disabled={!file}
            loading={busy}
            onClick={() =>
              void run(async () => {
                setPreview(await uploadCsv(file!, false));
                return null;
              })
            }
          >
            {t('staff.preview')}
          </Button>
          {preview && preview.invalid === 0 && (
            <Button
              loading={busy}
              onClick={() =>
                void run(async () => {
                  const done = await uploadCsv(file!, true);
                  setPreview(null);
                  setFile(null);
                  return t('staff.imported', { created: done.created });
                })
              }
            >
              {t('staff.commit')}
            </Button>
          )}
        </div>
        {preview && (
          <div className="stack">
            <Paragraph>{t('staff.previewSummary', { valid: preview.valid, invalid: preview.invalid })}</Paragraph>
            {preview.invalid > 0 && (
              <Alert data-color="warning">
                <Paragraph>{t('staff.fixFirst')}</Paragraph>
              </Alert>
            )}
            <div className="table-scroll">
              <Table data-size="sm">
                <caption className="visually-hidden">{t('staff.import')}</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t('staff.line')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('staff.name')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('staff.email')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('staff.role')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('staff.errors')}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {preview.rows.map((r) => (
                    <Table.Row key={r.line}>
                      <Table.Cell>{r.line}</Table.Cell>
                      <Table.Cell>{r.name}</Table.Cell>
                      <Table.Cell>{r.email}</Table.Cell>
                      <Table.Cell>{r.role}</Table.Cell>
                      <Table.Cell>{r.errors.length ? r.errors.map((e) => t(`rowError.${e}`)).join(', ') : t('staff.ok')}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
          </div>
        )}
      </SettingsCard>

      <div className="stack">
        <Textfield label={t('staff.search')} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        <ul className="plain-list" aria-label={t('staff.title')}>
          {accounts.map((a) => (
            <li key={a.id}>
              <Card data-color="neutral" className="stack">
                <div className="row-between">
                  <span>
                    <strong>{a.name}</strong> · {a.email}
                    <br />
                    {[a.service, a.organisation, a.phone].filter(Boolean).join(' · ')}
                  </span>
                  {a.disabled && <Tag data-color="danger">{t('staff.disabled')}</Tag>}
                </div>
                {a.id !== me?.id && (
                  <div className="button-row">
                    <Field>
                      <Label>{t('staff.changeRole', { name: a.name })}</Label>
                      <Select
                        value={a.role}
                        onChange={(e) =>
                          void run(async () => (await patch(`/api/accounts/${a.id}`, { role: e.target.value as TenantRole }), null))
                        }
                      >
                        {STAFF_ROLES.map((r) => (
                          <Select.Option key={r} value={r}>
                            {t(`role.${r}`)}
                          </Select.Option>
                        ))}
                      </Select>
                    </Field>
                    <Button
                      variant="secondary"
                      data-color={a.disabled ? undefined : 'danger'}
                      onClick={() => void run(async () => (await patch(`/api/accounts/${a.id}`, { disabled: !a.disabled }), null))}
                    >
                      {a.disabled ? t('staff.enable') : t('staff.disable')}
                    </Button>
                  </div>
                )}
              </Card>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
