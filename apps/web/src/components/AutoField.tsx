/**
 * A plan field that saves itself: no save button. Shows whether it is saved, being saved or not
 * yet saved, who else is typing in it right now, and a conflict when someone else changed it while
 * this user was typing.
 */
import { Field, Input, Label, Select, Textarea } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { useI18n } from '../i18n';
import { useField } from '../live/context';
import type { EditableType } from '../live/edits';
import { ConflictPanel } from './ConflictPanel';
import { PresenceMarker } from './PresenceMarker';
import { SaveIndicator } from './SaveIndicator';

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

export function AutoField(props: AutoFieldProps) {
  const { entityType, entityId, field, label, description, kind = 'text', readOnly = false, rows = 3 } = props;
  const { t } = useI18n();
  const binding = useField<string | null>(entityType, entityId, field, props.value);
  const id = useId();
  const shown = binding.value ?? '';
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
        <ConflictPanel
          fieldKey={binding.key}
          label={label}
          conflict={binding.draft.conflict}
          mine={binding.draft.value}
          mergeable={kind === 'text' || kind === 'textarea'}
          format={(v) => (kind === 'select' ? (props.options?.find((o) => o.value === v)?.label ?? String(v ?? '')) : String(v ?? ''))}
        />
      )}
    </div>
  );
}
