/**
 * Both versions side by side when someone else changed a field while this user was typing: keep
 * mine or keep theirs, never a glued merge (docs/conflicts.md). The other writer is told too
 * (ConflictNotice below). Free text never gets here: it is shared text, merged by characters.
 */
import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import type { FieldConflict, FieldConflictNotice } from '#contracts';
import { useI18n } from '../i18n';
import { useLivePlan } from '../live/context';

interface Props {
  fieldKey: string;
  label: string;
  conflict: FieldConflict;
  mine: unknown;
  format(value: unknown): string;
}

export function ConflictPanel({ fieldKey, label, conflict, mine, format }: Props) {
  const { t } = useI18n();
  const { edits } = useLivePlan();
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
      <div className="actions">
        <Button onClick={() => edits.keepMine(fieldKey)}>{t('conflict.keepMine')}</Button>
        <Button variant="secondary" onClick={() => edits.discard(fieldKey)}>
          {t('conflict.useTheirs', { name })}
        </Button>
      </div>
    </Alert>
  );
}

/** To the other writer: someone's edit met my change; they choose now. Polite, dismissable; gone once they chose. */
export function ConflictNotice({ label, notice, format }: { label: string; notice: FieldConflictNotice; format(value: unknown): string }) {
  const { t } = useI18n();
  const { live } = useLivePlan();
  const name = notice.by.name || t('conflict.someone');
  return (
    <Alert data-color="info" className="conflict" role="status" data-testid="conflict-notice">
      <Paragraph>{t('conflict.toldOther', { name, field: label })}</Paragraph>
      <p className="conflict-value" data-testid="conflict-notice-theirs">
        {t('conflict.theirs', { name })}: {format(notice.theirValue) || t('common.empty')}
      </p>
      <div className="actions">
        <Button variant="tertiary" onClick={() => live.dismissConflictNotice(notice)}>
          {t('conflict.understood')}
        </Button>
      </div>
    </Alert>
  );
}
