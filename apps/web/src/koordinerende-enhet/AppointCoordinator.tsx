/**
 * Appointing a coordinator to a plan or to a reported need. The choice shows each coordinator's
 * caseload and training; before saving, the warnings the api would give are shown; after saving,
 * the warnings it gave. Warnings never stop the appointment: koordinerende enhet decides.
 */
import { Alert, Button, Field, Heading, Label, Paragraph, Select, Spinner, Textarea } from '@digdir/designsystemet-react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { AppointmentWarning, CoordinatorRow, NeedAppointmentResult, PlanAppointmentResult } from '#contracts';
import { get, post } from '../api/client';
import { errorText } from '../api/errors';
import { plansText, useKeI18n } from './i18n';
import { ErrorAlert } from './parts';
import { warningText } from './warnings';

export type AppointTarget = { type: 'plan'; planId: string; label: string } | { type: 'need'; needId: string; label: string };

export interface Appointed {
  coordinatorName: string;
  targetLabel: string;
  warnings: AppointmentWarning[];
}

interface Props {
  target: AppointTarget;
  currentCoordinatorId?: string | null;
  onAppointed(result: Appointed): void;
  onCancel?(): void;
  /** Move focus to the choice when it has loaded (when the user just opened this). */
  autoFocus?: boolean;
}

export function AppointCoordinator({ target, currentCoordinatorId, onAppointed, onCancel, autoFocus = false }: Props) {
  const { t, tApp } = useKeI18n();
  const id = useId();
  const [coordinators, setCoordinators] = useState<CoordinatorRow[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [preview, setPreview] = useState<AppointmentWarning[] | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const selectRef = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    get<CoordinatorRow[]>('/api/training/coordinators')
      .then(setCoordinators)
      .catch((err: unknown) => setError(errorText(tApp, err)));
  }, [tApp]);

  useEffect(() => {
    if (coordinators && autoFocus) selectRef.current?.focus();
  }, [coordinators, autoFocus]);

  useEffect(() => {
    setPreview(null);
    if (!chosen) return;
    let live = true;
    get<AppointmentWarning[]>(`/api/training/coordinators/${chosen}/warnings`)
      .then((w) => live && setPreview(w))
      .catch(() => live && setPreview(null));
    return () => {
      live = false;
    };
  }, [chosen]);

  const person = coordinators?.find((c) => c.accountId === chosen);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!person) return setError(t('appoint.pickFirst'));
    setBusy(true);
    setError(null);
    try {
      const body = { coordinatorAccountId: person.accountId, ...(note.trim() ? { note: note.trim() } : {}) };
      const warnings =
        target.type === 'plan'
          ? (await post<PlanAppointmentResult>(`/api/overview/plans/${target.planId}/coordinator`, body)).warnings
          : (await post<NeedAppointmentResult>(`/api/needs/${target.needId}/appoint`, body)).warnings;
      onAppointed({ coordinatorName: person.name, targetLabel: target.label, warnings });
    } catch (err) {
      setError(errorText(tApp, err));
      setBusy(false);
    }
  };

  if (!coordinators && !error) return <Spinner aria-label={t('appoint.loadingCoordinators')} data-size="sm" />;

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
      <ErrorAlert message={error} />
      {coordinators && coordinators.length === 0 && <Paragraph>{t('appoint.noCoordinators')}</Paragraph>}
      {coordinators && coordinators.length > 0 && (
        <>
          <Field>
            <Label htmlFor={`${id}-who`}>{t('appoint.coordinator')}</Label>
            <Field.Description>{t('appoint.coordinatorHint')}</Field.Description>
            <Select id={`${id}-who`} ref={selectRef} value={chosen} onChange={(e) => setChosen(e.target.value)}>
              <Select.Option value="">{tApp('common.choose')}</Select.Option>
              {coordinators.map((c) => (
                <Select.Option key={c.accountId} value={c.accountId}>
                  {t('appoint.option', {
                    name: c.name,
                    plans: plansText(t, c.activePlans),
                    training: t(`training.state.${c.training.state}`),
                  })}
                  {c.accountId === currentCoordinatorId ? ` ${t('appoint.current')}` : ''}
                </Select.Option>
              ))}
            </Select>
          </Field>
          {person && preview && preview.length > 0 && (
            <Alert data-color="warning" data-testid="appoint-preview">
              <Heading level={4} data-size="2xs">
                {t('appoint.beforeTitle', { name: person.name })}
              </Heading>
              <ul className="ke-warnings">
                {preview.map((w) => (
                  <li key={w.code}>{warningText(t, person.name, w)}</li>
                ))}
              </ul>
            </Alert>
          )}
          {person && preview && preview.length === 0 && (
            <Paragraph data-size="sm">{t('appoint.noWarnings', { name: person.name })}</Paragraph>
          )}
          {target.type === 'need' && (
            <Field>
              <Label htmlFor={`${id}-note`}>{t('appoint.note')}</Label>
              <Field.Description>{t('appoint.noteHint')}</Field.Description>
              <Textarea id={`${id}-note`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
            </Field>
          )}
          <div className="actions">
            <Button type="submit" loading={busy} disabled={busy}>
              {person ? t('appoint.submit', { name: person.name }) : t('plan.chooseCoordinator')}
            </Button>
            {onCancel && (
              <Button type="button" variant="tertiary" onClick={onCancel}>
                {t('common.cancel')}
              </Button>
            )}
          </div>
        </>
      )}
    </form>
  );
}

/** What happened, with the warnings in plain words; takes focus so a screen reader reads it. */
export function AppointedMessage({ result }: { result: Appointed }) {
  const { t } = useKeI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [result]);
  const vars = { name: result.coordinatorName, target: result.targetLabel };
  return (
    <div ref={ref} tabIndex={-1} data-testid="appointed-message">
      {result.warnings.length === 0 ? (
        <Alert data-color="success">
          <Paragraph>{t('appoint.done', vars)}</Paragraph>
        </Alert>
      ) : (
        <Alert data-color="warning">
          <Paragraph>{t('appoint.doneWithWarnings', vars)}</Paragraph>
          <ul className="ke-warnings">
            {result.warnings.map((w) => (
              <li key={w.code}>{warningText(t, result.coordinatorName, w)}</li>
            ))}
          </ul>
          <Paragraph data-size="sm">{t('appoint.followUp')}</Paragraph>
        </Alert>
      )}
    </div>
  );
}
