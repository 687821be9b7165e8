/**
 * Dagbok: progress notes and comments. The note being written is kept on the device until sent.
 * The author removes a note in one step, with "Angre" (undo.tsx) and a restore from the history.
 */
import { Alert, Button, Field, Label, Paragraph, Spinner, Textarea } from '@digdir/designsystemet-react';
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { JournalEntryView, Page } from '#contracts';
import { get, post } from '../api/client';
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

function NewNote({ onAdded }: { onAdded(): void }) {
  const { t } = useI18n();
  const plan = usePlan();
  const id = useId();
  const storageKey = `fellesplan.note.${plan.id}`;
  const [text, setText] = useState(() => localStorage.getItem(storageKey) ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const change = (value: string) => {
    setText(value);
    if (value) localStorage.setItem(storageKey, value);
    else localStorage.removeItem(storageKey);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await post(`/api/plans/${plan.id}/journal`, { body: text.trim(), clientMutationId: newMutationId() });
      change('');
      onAdded();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="stack-sm" onSubmit={(e) => void submit(e)} noValidate>
      <Field>
        <Label htmlFor={`${id}-note`}>{t('plan.journal.newLabel')}</Label>
        <Field.Description>{t('plan.journal.keptHint')}</Field.Description>
        <Textarea id={`${id}-note`} rows={3} value={text} onChange={(e) => change(e.target.value)} />
      </Field>
      {error && (
        <Alert data-color="danger" data-size="sm" role="alert">
          <Paragraph data-size="sm">{error}</Paragraph>
        </Alert>
      )}
      <div>
        <Button type="submit" loading={busy} disabled={!text.trim()}>
          {t('plan.journal.add')}
        </Button>
      </div>
    </form>
  );
}
