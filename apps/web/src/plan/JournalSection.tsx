/**
 * Dagbok: progress notes and comments. The note being written is shared: everyone who may write
 * the journal writes it together, live, and one of them adds it to the journal.
 * The author removes a note in one step, with "Angre" (undo.tsx) and a restore from the history.
 */
import { Alert, Button, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { JournalDraftView, JournalEntryView, Page } from '#contracts';
import { ApiError, get, post } from '../api/client';
import { SharedTextField } from '../components/SharedTextField';
import { errorText } from '../api/errors';
import { useI18n } from '../i18n';
import { useLivePlan, useMay, usePlan } from '../live/context';
import { newMutationId } from '../live/edits';
import { usePlanI18n } from './i18n';
import { Section } from './Section';
import { useRemove } from './undo';

/** A note's "title" in the undo line and the history: its first words. */
const excerpt = (body: string) => {
  const text = body.replace(/\s+/g, ' ').trim();
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
};

export function JournalSection() {
  const { t, formatDate } = useI18n();
  const { p } = usePlanI18n();
  const plan = usePlan();
  const { live, accountId } = useLivePlan();
  const remove = useRemove();
  const may = useMay();
  const [entries, setEntries] = useState<JournalEntryView[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const load = useCallback(() => {
    get<Page<JournalEntryView>>(`/api/plans/${plan.id}/journal?limit=100`)
      .then((res) => setEntries(res.items))
      .catch((err: unknown) => setLoadError(errorText(t, err)));
  }, [plan.id, t]);
  useEffect(load, [load]);
  useEffect(() => live.onEvent((ev) => ev.entityType === 'journal' && load()), [live, load]);

  return (
    <Section id="journal" title={t('plan.journal.title')} intro={<Paragraph>{t('plan.journal.intro')}</Paragraph>}>
      {may('journal.write') && <EarlierNote onAdded={load} />}
      {may('journal.write') && <NewNote onAdded={load} />}
      {loadError && <Paragraph data-size="sm">{loadError}</Paragraph>}
      {!entries && !loadError && <Spinner aria-label={t('common.loading')} data-size="sm" />}
      {entries && entries.length === 0 && <Paragraph>{t('plan.journal.empty')}</Paragraph>}
      {entries && entries.length > 0 && (
        <ol className="journal-list">
          {entries.map((e) => (
            <li key={e.id} data-journal-id={e.id}>
              <p className="journal-meta">
                {e.author.name} · {formatDate(e.createdAt, true)}
              </p>
              <p className="journal-text">{e.body}</p>
              {may('journal.write') && e.author.accountId === accountId && (
                <Button
                  variant="tertiary"
                  data-size="sm"
                  aria-label={p('undo.removeNoteLabel', { title: excerpt(e.body) })}
                  onClick={() =>
                    void remove({ path: `/api/plans/${plan.id}/journal/${e.id}`, label: excerpt(e.body) })
                      .then(load)
                      .catch((err: unknown) => setLoadError(errorText(t, err)))
                  }
                >
                  {p('undo.removeNote')}
                </Button>
              )}
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

/**
 * A note written on this device before notes were written together (it was kept in localStorage
 * until sent): shown once, to add it to the journal as it is or to throw it away.
 */
function EarlierNote({ onAdded }: { onAdded(): void }) {
  const { t } = useI18n();
  const plan = usePlan();
  const storageKey = `fellesplan.note.${plan.id}`;
  const [text, setText] = useState(() => localStorage.getItem(storageKey)?.trim() ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!text) return null;
  const done = () => {
    localStorage.removeItem(storageKey);
    setText('');
  };
  const add = async () => {
    setBusy(true);
    setError(null);
    try {
      await post(`/api/plans/${plan.id}/journal`, { body: text, clientMutationId: newMutationId() });
      done();
      onAdded();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Alert data-color="info" data-size="sm" className="stack-sm">
      <Paragraph data-size="sm">{t('plan.journal.earlierNote')}</Paragraph>
      <p className="journal-text">{text}</p>
      {error && <Paragraph data-size="sm">{error}</Paragraph>}
      <div className="inline-form">
        <Button data-size="sm" loading={busy} onClick={() => void add()}>
          {t('plan.journal.earlierAdd')}
        </Button>
        <Button data-size="sm" variant="tertiary" onClick={done}>
          {t('plan.journal.earlierDiscard')}
        </Button>
      </div>
    </Alert>
  );
}

/**
 * The note being written: one shared draft per plan that everyone who may write the journal types
 * into at once (shared text 'journal_draft', docs/conflicts.md); nothing is lost to a closed tab or
 * a dropped network. "Legg til i journalen" posts what the server has stored as one entry, by the
 * one who presses it, and empties the draft for everyone.
 */
function NewNote({ onAdded }: { onAdded(): void }) {
  const { t } = useI18n();
  const plan = usePlan();
  const { live } = useLivePlan();
  const [draft, setDraft] = useState<string | null>(null);
  const [state, setState] = useState<{ text: string; stored: boolean }>({ text: '', stored: true });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const loadDraft = useCallback(() => {
    get<JournalDraftView>(`/api/plans/${plan.id}/journal/draft`)
      .then((res) => {
        setDraft(res.body);
        setState((s) => (s.text ? s : { text: res.body, stored: true }));
      })
      .catch((err: unknown) => setError(errorText(t, err)));
  }, [plan.id, t]);
  useEffect(loadDraft, [loadDraft]);
  useEffect(
    () =>
      live.onEvent((ev) => {
        if (ev.entityType === 'journal_draft' && typeof ev.patch.body === 'string') setDraft(ev.patch.body);
        if (ev.entityType === 'journal' && ev.patch.fromDraft) setDraft('');
      }),
    [live],
  );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const socket = live.currentSocket;
    if (!state.text.trim() || !socket) return;
    setBusy(true);
    setError(null);
    try {
      const res = await socket.timeout(10_000).emitWithAck('text:post', { planId: plan.id, clientMutationId: newMutationId() });
      if (!res.ok) throw new ApiError(0, res.error.code, res.error.message);
      setDraft('');
      onAdded();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  if (draft === null) return error ? <Paragraph data-size="sm">{error}</Paragraph> : null;
  return (
    <form className="stack-sm journal-draft" onSubmit={(e) => void submit(e)} noValidate>
      <SharedTextField
        entityType="journal_draft"
        entityId={plan.id}
        field="body"
        label={t('plan.journal.newLabel')}
        description={t('plan.journal.togetherHint')}
        value={draft}
        rows={4}
        presence={{ entityType: 'plan', entityId: plan.id, field: 'journalDraft' }}
        onState={(text, stored) => setState({ text, stored })}
      />
      {error && (
        <Alert data-color="danger" data-size="sm" role="alert">
          <Paragraph data-size="sm">{error}</Paragraph>
        </Alert>
      )}
      <div>
        <Button type="submit" loading={busy} disabled={!state.text.trim() || !state.stored || !live.currentSocket}>
          {t('plan.journal.add')}
        </Button>
      </div>
    </form>
  );
}
