/**
 * A plan field that saves itself: no save button. Shows whether it is saved, being saved or not
 * yet saved, who else is typing in it right now, and a conflict when someone else changed it while
 * this user was typing.
 */
import { Field, Input, Label, Select, Textarea } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { isSharedTextField, type PlanView, type SharedTextEntityType } from '#contracts';
import { useI18n } from '../i18n';
import { useField, useLiveState } from '../live/context';
import type { EditableType } from '../live/edits';
import { ConflictNotice, ConflictPanel } from './ConflictPanel';
import { PresenceMarker } from './PresenceMarker';
import { SaveIndicator } from './SaveIndicator';
import { SharedTextField } from './SharedTextField';

interface Option {
  value: string;
  label: string;
}

interface AutoFieldProps {
  entityType: EditableType;
  entityId: string;
  field: string;
  label: string;
  description?: string;
  /** The value in the plan as the server has it. */
  value: string | null;
  kind?: 'text' | 'textarea' | 'date' | 'select';
  options?: Option[];
  readOnly?: boolean;
  /** Dates and selects may be empty (null); text is '' when empty. */
  nullable?: boolean;
  rows?: number;
  className?: string;
}

/** Free text that several people write together is shared text (docs/conflicts.md); everything else saves as a field. */
export function AutoField(props: AutoFieldProps) {
  if (props.kind === 'textarea' && isSharedTextField(props.entityType, props.field))
    return <SharedTextField {...props} entityType={props.entityType as SharedTextEntityType} />;
  return <SavedField {...props} />;
}

function SavedField(props: AutoFieldProps) {
  const { entityType, entityId, field, label, description, kind = 'text', readOnly = false, rows = 3 } = props;
  const { t } = useI18n();
  const binding = useField<string | null>(entityType, entityId, field, props.value);
  const id = useId();
  const shown = binding.value ?? '';
  const format = (v: unknown) =>
    kind === 'select' ? (props.options?.find((o) => o.value === v)?.label ?? String(v ?? '')) : String(v ?? '');
  // Someone's edit met my change of this field: I am told too, until they chose (the field changes again) or I dismiss it.
  const { plan, conflictNotices } = useLiveState();
  const fieldRevision = fieldRevisionOf(plan, entityType, entityId, field);
  const notice = conflictNotices.find(
    (n) => n.entityType === entityType && n.entityId === entityId && n.field === field && fieldRevision <= n.changedAtRevision,
  );
  const onChange = (raw: string) => {
    const value = raw === '' && (props.nullable || kind === 'date') ? null : raw;
    binding.change(value);
    // A choice is complete at once; text waits until typing pauses.
    if (kind === 'select' || kind === 'date') binding.blur();
  };
  const common = {
    id,
    value: shown,
    readOnly,
    onFocus: binding.focus,
    onBlur: binding.blur,
    'aria-describedby': `${id}-status`,
  };
  return (
    <div
      className={`auto-field ${props.className ?? ''}`}
      data-field={binding.key}
      data-save-status={binding.status}
      data-editing={binding.editors.length ? 'true' : undefined}
    >
      <Field>
        <Label htmlFor={id}>{label}</Label>
        {description && <Field.Description>{description}</Field.Description>}
        {kind === 'textarea' ? (
          <Textarea {...common} rows={rows} onChange={(e) => onChange(e.target.value)} />
        ) : kind === 'select' ? (
          <Select {...common} disabled={readOnly} onChange={(e) => onChange(e.target.value)}>
            {props.nullable && <Select.Option value="">{t('common.choose')}</Select.Option>}
            {props.options?.map((o) => (
              <Select.Option key={o.value} value={o.value}>
                {o.label}
              </Select.Option>
            ))}
          </Select>
        ) : (
          <Input {...common} type={kind === 'date' ? 'date' : 'text'} onChange={(e) => onChange(e.target.value)} />
        )}
      </Field>
      <div className="field-meta" id={`${id}-status`}>
        {!readOnly && <SaveIndicator status={binding.status} touched={binding.touched} error={binding.draft?.error} />}
        <PresenceMarker editors={binding.editors} />
      </div>
      {binding.draft?.status === 'conflict' && binding.draft.conflict && (
        <ConflictPanel fieldKey={binding.key} label={label} conflict={binding.draft.conflict} mine={binding.draft.value} format={format} />
      )}
      {notice && <ConflictNotice label={label} notice={notice} format={format} />}
    </div>
  );
}

/** The revision of a field's last change in the plan as this browser has it (0: never changed). */
function fieldRevisionOf(plan: PlanView | null, entityType: EditableType, entityId: string, field: string): number {
  if (!plan) return 0;
  const collection = ({ goal: 'goals', task: 'tasks', meeting: 'meetings', member: 'members' } as const)[entityType as 'goal'];
  const entity =
    entityType === 'plan'
      ? plan
      : (plan[collection] as { id: string; fieldRevisions: PlanView['fieldRevisions'] }[]).find((e) => e.id === entityId);
  return entity?.fieldRevisions[field]?.rev ?? 0;
}
