/** The thread of comments on a goal or a task (loaded when opened from its card: CommentThread.tsx). */
import { Alert, Button, Field, Heading, Label, Paragraph, Spinner, Textarea } from '@digdir/designsystemet-react';
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { MAX_COMMENT_LENGTH, type CommentView, type Page } from '#contracts';
import { get, post } from '../api/client';
import { errorText } from '../api/errors';
import { useFormDraft } from '../components/use-draft';
import { useLivePlan, useMay, usePlan } from '../live/context';
import { newMutationId } from '../live/edits';
import { usePlanI18n } from './i18n';
import { draftKey } from './comment-draft';
import type { Target } from './CommentThread';

export function CommentThread({ targetType, targetId, title }: Target) {
  const { t, p, formatDate } = usePlanI18n();
  const plan = usePlan();
  const may = useMay();
  const { live } = useLivePlan();
  const id = useId();
  const [comments, setComments] = useState<CommentView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const path = `/api/plans/${plan.id}/${targetType}s/${targetId}/comments`;

  const load = useCallback(() => {
    get<Page<CommentView>>(`${path}?limit=200`)
      .then((page) => setComments(page.items))
      .catch((err: unknown) => setError(errorText(t, err)));
  }, [path, t]);
  useEffect(load, [load]);
  useEffect(
    () =>
      live.onEvent((ev) => {
        if (ev.entityType === 'comment' && ev.patch.targetId === targetId) load();
      }),
    [live, targetId, load],
  );

  return (
    <section className="comment-thread stack-sm" aria-labelledby={`${id}-h`} data-testid="comment-thread">
      <Heading level={4} data-size="2xs" id={`${id}-h`}>
        {p('comments.title', { title })}
      </Heading>
      {error && <Paragraph data-size="sm">{error}</Paragraph>}
      {!comments && !error && <Spinner aria-label={t('common.loading')} data-size="sm" />}
      {comments && comments.length === 0 && <Paragraph data-size="sm">{p('comments.empty')}</Paragraph>}
      {comments && comments.length > 0 && (
        <ol className="comment-list">
          {comments.map((c) => (
            <li key={c.id} data-comment-id={c.id}>
              <Paragraph data-size="sm" className="prose">
                {c.body}
              </Paragraph>
              <Paragraph data-size="xs" className="muted">
                {p('comments.by', { name: c.author.name, date: formatDate(c.createdAt, true) })}
              </Paragraph>
            </li>
          ))}
        </ol>
      )}
      {may('comment.write') && <CommentForm path={path} storageKey={draftKey(plan.id, { targetType, targetId })} onSent={load} />}
    </section>
  );
}

function CommentForm({ path, storageKey, onSent }: { path: string; storageKey: string; onSent(): void }) {
  const { t, p } = usePlanI18n();
  const id = useId();
  const draft = useFormDraft(storageKey, { body: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft.value.body.trim()) return setError(p('comments.required'));
    setBusy(true);
    setError(null);
    try {
      await post(path, { body: draft.value.body.trim(), clientMutationId: newMutationId() });
      draft.clear();
      onSent();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="stack-sm" onSubmit={(e) => void submit(e)} noValidate data-form="comment">
      {error && (
        <Alert data-color="danger" data-size="sm">
          <Paragraph data-size="sm">{error}</Paragraph>
        </Alert>
      )}
      <Field>
        <Label htmlFor={`${id}-body`}>{p('comments.label')}</Label>
        <Field.Description id={`${id}-hint`}>{p('comments.hint')}</Field.Description>
        <Textarea
          id={`${id}-body`}
          rows={2}
          maxLength={MAX_COMMENT_LENGTH}
          aria-describedby={`${id}-hint`}
          value={draft.value.body}
          onChange={(e) => draft.set({ body: e.target.value })}
        />
      </Field>
      <div>
        <Button type="submit" data-size="sm" loading={busy}>
          {p('comments.send')}
        </Button>
      </div>
    </form>
  );
}
