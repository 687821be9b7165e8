/**
 * Under the consent list (Folk): who waits for consent and the reminder to the person (the
 * coordinator), and recording consent given orally or on paper, with the scanned form (the
 * coordinator, the person, a guardian). Loaded with the Folk part.
 */
import { Alert, Button, Checkbox, Details, Fieldset, Heading, Paragraph, Radio, Textfield } from '@digdir/designsystemet-react';
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import {
  CONSENT_DOCUMENT_MAX_BYTES,
  CONSENT_DOCUMENT_TYPES,
  PLAN_PERMISSIONS,
  type ChangeResult,
  type ConsentReminderResult,
  type ConsentStatusView,
  type RecordedConsentForm,
  type RecordedConsentView,
} from '#contracts';
import { get, post } from '../api/client';
import { errorText } from '../api/errors';
import { useLivePlan, useMay, usePlan } from '../live/context';
import { newMutationId } from '../live/edits';
import { useConsentI18n } from './i18n';
import { isMissing, needsOf } from './needs';
import { uploadConsentDocument } from './upload';

export default function ConsentPanel() {
  const may = useMay();
  return (
    <div className="stack">
      {may('consent.read') && <WaitingList />}
      {may('consent.record') && <RecordConsentForm />}
    </div>
  );
}

function WaitingList() {
  const { c, t, formatDate } = useConsentI18n();
  const plan = usePlan();
  const may = useMay();
  const [status, setStatus] = useState<ConsentStatusView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    get<ConsentStatusView>(`/api/plans/${plan.id}/consents/status`)
      .then(setStatus)
      .catch((err: unknown) => setError(errorText(t, err)));
  }, [plan.id, t]);
  // Again whenever the plan changes (consent given, a member joined).
  useEffect(load, [load, plan.revision]);
  if (!status) return error ? <Paragraph data-size="sm">{error}</Paragraph> : null;
  const name = plan.personName;
  const remind = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await post<ConsentReminderResult>(`/api/plans/${plan.id}/consents/reminders`);
      setDone(c('status.remindSent', { count: res.recipients }));
      load();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="stack-sm consent-waiting" aria-labelledby="consent-waiting-title" data-testid="consent-waiting">
      <Heading level={3} data-size="xs" id="consent-waiting-title">
        {c('status.title')}
      </Heading>
      {status.waitingMembers.length === 0 ? (
        <Paragraph data-size="sm">{c('status.nobody')}</Paragraph>
      ) : (
        <ul className="consent-waiting-list">
          {status.waitingMembers.map((m) => (
            <li key={m.memberId} data-member-id={m.memberId}>
              {m.name} ({t(`role.${m.role}`)}), {c('status.since', { date: formatDate(m.since) })}
            </li>
          ))}
        </ul>
      )}
      {status.lastReminderAt && (
        <Paragraph data-size="sm">{c('status.reminded', { name, date: formatDate(status.lastReminderAt, true) })}</Paragraph>
      )}
      {may('consent.remind') && isMissing(status) && (
        <>
          {status.personReach === 'none' && <Paragraph data-size="sm">{c('status.cannotRemind', { name })}</Paragraph>}
          {status.personReach === 'invited' && <Paragraph data-size="sm">{c('status.invitedOnly', { name })}</Paragraph>}
          {status.personReach === 'account' && !status.mayRemind && status.nextReminderAt && (
            <Paragraph data-size="sm">{c('status.nextReminder', { date: formatDate(status.nextReminderAt, true) })}</Paragraph>
          )}
          {status.mayRemind && (
            <div>
              <Button data-size="sm" loading={busy} onClick={() => void remind()} data-testid="consent-remind">
                {c('status.remind', { name })}
              </Button>
            </div>
          )}
        </>
      )}
      <div role="status" aria-live="polite">
        {done && <Paragraph data-size="sm">{done}</Paragraph>}
      </div>
      {error && (
        <Alert data-color="danger" data-size="sm">
          <Paragraph data-size="sm">{error}</Paragraph>
        </Alert>
      )}
    </section>
  );
}

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date());

function RecordConsentForm() {
  const { c, t } = useConsentI18n();
  const plan = usePlan();
  const { live } = useLivePlan();
  const id = useId();
  const needs = needsOf(plan);
  const candidates = plan.members.filter((m) => m.status !== 'removed' && PLAN_PERMISSIONS[m.role].requiresConsent && !m.hasConsent);
  const planMissing = !!needs && !needs.planConsent;
  const [form, setForm] = useState<RecordedConsentForm>('paper');
  const [givenOn, setGivenOn] = useState(today);
  const [toPlan, setToPlan] = useState(planMissing);
  const [memberIds, setMemberIds] = useState<string[]>(() => candidates.map((m) => m.id));
  const [note, setNote] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const name = plan.personName;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone(null);
    if (!givenOn) return setError(c('record.dateRequired'));
    const members = memberIds.filter((m) => candidates.some((x) => x.id === m));
    if (!(toPlan && planMissing) && members.length === 0) return setError(c('record.nothing'));
    if (file && !(CONSENT_DOCUMENT_TYPES as readonly string[]).includes(file.type)) return setError(c('record.fileType'));
    if (file && file.size > CONSENT_DOCUMENT_MAX_BYTES) return setError(c('record.fileTooLarge'));
    setBusy(true);
    try {
      const res = await post<ChangeResult<RecordedConsentView>>(`/api/plans/${plan.id}/consents/recorded`, {
        form,
        givenOn,
        plan: toPlan && planMissing,
        memberIds: members,
        ...(note.trim() ? { note: note.trim() } : {}),
        clientMutationId: newMutationId(),
      });
      const recordId = res.entity?.recordId;
      if (file && recordId) {
        try {
          await uploadConsentDocument(plan.id, recordId, file);
          setDone(c('record.doneWithFile'));
        } catch (err) {
          setError(c('record.fileFailed', { reason: errorText(t, err) }));
        }
      } else {
        setDone(c('record.done'));
      }
      setNote('');
      setFile(null);
      await live.loadSnapshot().catch(() => undefined);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const open = isMissing(needs) && needs.personReach === 'none';
  return (
    <section id="consent-record" aria-labelledby={`${id}-title`} className="stack-sm consent-record" tabIndex={-1}>
      <Details defaultOpen={open}>
        <Details.Summary>
          <span id={`${id}-title`}>{c('record.title')}</span>
        </Details.Summary>
        <Details.Content>
          <form className="stack" onSubmit={(e) => void submit(e)} noValidate data-testid="consent-record-form">
            <Paragraph data-size="sm">{c('record.intro', { name })}</Paragraph>
            <Fieldset>
              <Fieldset.Legend>{c('record.how')}</Fieldset.Legend>
              <Radio
                name={`${id}-form`}
                value="paper"
                label={c('record.paper')}
                checked={form === 'paper'}
                onChange={() => setForm('paper')}
              />
              <Radio name={`${id}-form`} value="oral" label={c('record.oral')} checked={form === 'oral'} onChange={() => setForm('oral')} />
            </Fieldset>
            <Textfield label={c('record.date')} type="date" max={today()} value={givenOn} onChange={(e) => setGivenOn(e.target.value)} />
            <Fieldset>
              <Fieldset.Legend>{c('record.covers')}</Fieldset.Legend>
              {planMissing && <Checkbox label={c('record.toPlan')} checked={toPlan} onChange={(e) => setToPlan(e.target.checked)} />}
              {candidates.map((m) => (
                <Checkbox
                  key={m.id}
                  label={c('record.toMember', { name: m.name, role: t(`role.${m.role}`) })}
                  checked={memberIds.includes(m.id)}
                  onChange={(e) => setMemberIds((ids) => (e.target.checked ? [...ids, m.id] : ids.filter((x) => x !== m.id)))}
                />
              ))}
            </Fieldset>
            <Textfield label={c('record.note')} description={c('record.noteHint')} value={note} onChange={(e) => setNote(e.target.value)} />
            {form === 'paper' && (
              <Textfield
                label={c('record.file')}
                description={c('record.fileHint')}
                type="file"
                accept={CONSENT_DOCUMENT_TYPES.join(',')}
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
                data-testid="consent-file"
              />
            )}
            {error && (
              <Alert data-color="danger" data-size="sm" role="alert">
                <Paragraph data-size="sm">{error}</Paragraph>
              </Alert>
            )}
            <div role="status" aria-live="polite">
              {done && <Paragraph data-size="sm">{done}</Paragraph>}
            </div>
            <div>
              <Button type="submit" loading={busy} data-testid="consent-record-submit">
                {c('record.submit')}
              </Button>
            </div>
          </form>
        </Details.Content>
      </Details>
    </section>
  );
}
