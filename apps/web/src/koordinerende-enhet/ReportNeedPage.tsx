/**
 * Melding om behov for IP/koordinator: any professional or coordinator tells koordinerende enhet
 * that someone may need an individual plan or a coordinator, and sees their own reports after.
 */
import { Alert, Button, Fieldset, Heading, Paragraph, Radio, Spinner, Textfield } from '@digdir/designsystemet-react';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { NEED_KINDS, type NeedKind, type NeedReportInput, type NeedView, type Page } from '#contracts';
import { get, post } from '../api/client';
import { errorText } from '../api/errors';
import { RequireTenantAction } from './access';
import { useKeI18n } from './i18n';
import { NeedCard } from './NeedCard';
import { ErrorAlert, SectionFrame, usePageTitle } from './parts';

export function ReportNeedPage() {
  const { t } = useKeI18n();
  usePageTitle(t('report.title'));
  return (
    <SectionFrame>
      <Heading level={1} data-size="lg">
        {t('report.title')}
      </Heading>
      <RequireTenantAction action="needs.report" message={t('report.noAccess')}>
        <ReportNeed />
      </RequireTenantAction>
    </SectionFrame>
  );
}

function ReportNeed() {
  const { t, tApp } = useKeI18n();
  const [mine, setMine] = useState<NeedView[] | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const sentRef = useRef<HTMLDivElement>(null);

  const loadMine = useCallback(() => {
    get<Page<NeedView>>('/api/needs?mine=true&limit=50')
      .then((page) => setMine(page.items))
      .catch(() => setMine([]));
  }, []);
  useEffect(loadMine, [loadMine]);
  useEffect(() => {
    if (sent) sentRef.current?.focus();
  }, [sent]);

  return (
    <>
      <Paragraph>{t('report.intro')}</Paragraph>
      <div ref={sentRef} tabIndex={-1} role="status">
        {sent && (
          <Alert data-color="success">
            <Paragraph>{sent}</Paragraph>
          </Alert>
        )}
      </div>
      <ReportForm
        onSent={(need) => {
          setSent(t('report.sent', { name: need.personName }));
          loadMine();
        }}
        onEdit={() => setSent(null)}
      />
      <section aria-labelledby="mine-title" className="stack">
        <Heading level={2} data-size="md" id="mine-title">
          {t('report.mine')}
        </Heading>
        {!mine && <Spinner aria-label={tApp('common.loading')} data-size="sm" />}
        {mine && mine.length === 0 && <Paragraph>{t('report.mineEmpty')}</Paragraph>}
        {mine && mine.length > 0 && (
          <ul className="ke-list" aria-labelledby="mine-title">
            {mine.map((n) => (
              <li key={n.id}>
                <NeedCard need={n} showReporter={false} testId="my-need" />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function ReportForm({ onSent, onEdit }: { onSent(need: NeedView): void; onEdit(): void }) {
  const { t, tApp } = useKeI18n();
  const [personName, setPersonName] = useState('');
  const [personContact, setPersonContact] = useState('');
  const [kind, setKind] = useState<NeedKind>('individual_plan');
  const [description, setDescription] = useState('');
  const [service, setService] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const lacking = new Set<string>();
    if (!personName.trim()) lacking.add('personName');
    if (!description.trim()) lacking.add('description');
    if (!service.trim()) lacking.add('service');
    setMissing(lacking);
    if (lacking.size > 0) {
      const labels = { personName: t('report.personName'), description: t('report.description'), service: t('report.service') };
      return setError(t('report.required', { fields: [...lacking].map((k) => labels[k as keyof typeof labels]).join(', ') }));
    }
    setBusy(true);
    setError(null);
    try {
      const body: NeedReportInput = {
        personName: personName.trim(),
        kind,
        description: description.trim(),
        reporterService: service.trim(),
        ...(personContact.trim() ? { personContact: personContact.trim() } : {}),
      };
      const need = await post<NeedView>('/api/needs', body);
      setPersonName('');
      setPersonContact('');
      setDescription('');
      setKind('individual_plan');
      onSent(need);
    } catch (err) {
      setError(errorText(tApp, err));
    } finally {
      setBusy(false);
    }
  };

  const edit =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      onEdit();
    };

  return (
    <form className="stack narrow-form" onSubmit={(e) => void submit(e)} noValidate>
      <ErrorAlert message={error} />
      <Textfield
        label={t('report.personName')}
        value={personName}
        onChange={(e) => edit(setPersonName)(e.target.value)}
        required
        autoComplete="off"
        error={missing.has('personName') ? t('report.fieldRequired') : undefined}
      />
      <Textfield
        label={t('report.personContact')}
        description={t('report.personContactHint')}
        value={personContact}
        onChange={(e) => edit(setPersonContact)(e.target.value)}
        autoComplete="off"
      />
      <Fieldset>
        <Fieldset.Legend>{t('report.kind')}</Fieldset.Legend>
        {NEED_KINDS.map((k) => (
          <Radio key={k} name="need-kind" value={k} label={t(`needKind.${k}`)} checked={kind === k} onChange={() => edit(setKind)(k)} />
        ))}
      </Fieldset>
      <Textfield
        multiline
        rows={4}
        label={t('report.description')}
        description={t('report.descriptionHint')}
        value={description}
        onChange={(e) => edit(setDescription)(e.target.value)}
        required
        error={missing.has('description') ? t('report.fieldRequired') : undefined}
      />
      <Textfield
        label={t('report.service')}
        description={t('report.serviceHint')}
        value={service}
        onChange={(e) => edit(setService)(e.target.value)}
        required
        error={missing.has('service') ? t('report.fieldRequired') : undefined}
      />
      <div>
        <Button type="submit" loading={busy}>
          {t('report.submit')}
        </Button>
      </div>
    </form>
  );
}
