/** Both versions side by side when someone else changed a field while this user was typing. */
import { Alert, Button, Field, Heading, Label, Paragraph, Textarea } from '@digdir/designsystemet-react';
import { useId, useState } from 'react';
import type { FieldConflict } from '#contracts';
import { useI18n } from '../i18n';
import { useLivePlan } from '../live/context';

interface Props {
  fieldKey: string;
  label: string;
  conflict: FieldConflict;
  mine: unknown;
  mergeable: boolean;
  format(value: unknown): string;
}

export function ConflictPanel({ fieldKey, label, conflict, mine, mergeable, format }: Props) {
  const { t } = useI18n();
  const { edits } = useLivePlan();
  const [merging, setMerging] = useState<string | null>(null);
  const id = useId();
  const name = conflict.changedBy.name || t('conflict.someone');
  return (
    <Alert data-color="warning" className="conflict" role="alert" data-testid="conflict">
      <Heading level={3} data-size="xs">
        {t('conflict.title', { field: label })}
      </Heading>
      <Paragraph>{t('conflict.explain', { name })}</Paragraph>
      <div className="conflict-versions">
        <div>
          <Heading level={4} data-size="2xs">
            {t('conflict.mine')}
          </Heading>
          <p className="conflict-value" data-testid="conflict-mine">
            {format(mine) || t('common.empty')}
          </p>
        </div>
        <div>
          <Heading level={4} data-size="2xs">
            {t('conflict.theirs', { name })}
          </Heading>
          <p className="conflict-value" data-testid="conflict-theirs">
            {format(conflict.currentValue) || t('common.empty')}
          </p>
        </div>
      </div>
      {merging !== null ? (
        <div className="stack">
          <Field>
            <Label htmlFor={`${id}-merge`}>{t('conflict.mergeLabel')}</Label>
            <Textarea id={`${id}-merge`} rows={5} value={merging} onChange={(e) => setMerging(e.target.value)} />
          </Field>
          <div className="actions">
            <Button onClick={() => edits.keepMine(fieldKey, merging)}>{t('conflict.useMerged')}</Button>
            <Button variant="tertiary" onClick={() => setMerging(null)}>
              {t('common.cancel')}
            </Button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <Button onClick={() => edits.keepMine(fieldKey)}>{t('conflict.keepMine')}</Button>
          <Button variant="secondary" onClick={() => edits.discard(fieldKey)}>
            {t('conflict.useTheirs', { name })}
          </Button>
          {mergeable && (
            <Button variant="secondary" onClick={() => setMerging(`${format(conflict.currentValue)}\n\n${format(mine)}`.trim())}>
              {t('conflict.merge')}
            </Button>
          )}
        </div>
      )}
    </Alert>
  );
}
