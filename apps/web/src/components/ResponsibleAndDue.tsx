/** Who does it and by when: the two fields a new task needs, used wherever a task is made. */
import { Field, Label, Select, Textfield } from '@digdir/designsystemet-react';
import { useId, type Ref } from 'react';
import type { MemberView } from '#contracts';
import { useI18n } from '../i18n';

export interface ResponsibleAndDueProps {
  members: MemberView[];
  responsible: string;
  onResponsible(memberId: string): void;
  dueDate: string;
  onDueDate(date: string): void;
  /** When given, a last choice with this label (value OTHER_RESPONSIBLE): someone not in the group yet. */
  otherLabel?: string;
  dueDateRef?: Ref<HTMLInputElement>;
}

/** The select's value for "someone else": the form then offers to add them (gather/NewResponsible). */
export const OTHER_RESPONSIBLE = '__other';

export function ResponsibleAndDue({
  members,
  responsible,
  onResponsible,
  dueDate,
  onDueDate,
  otherLabel,
  dueDateRef,
}: ResponsibleAndDueProps) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="grid-2">
      <Field>
        <Label htmlFor={`${id}-who`}>{t('plan.tasks.fields.responsible')}</Label>
        <Select id={`${id}-who`} value={responsible} onChange={(e) => onResponsible(e.target.value)}>
          <Select.Option value="">{t('common.choose')}</Select.Option>
          {members
            .filter((m) => m.status !== 'removed')
            .map((m) => (
              <Select.Option key={m.id} value={m.id}>
                {m.name}
              </Select.Option>
            ))}
          {otherLabel && <Select.Option value={OTHER_RESPONSIBLE}>{otherLabel}</Select.Option>}
        </Select>
      </Field>
      <Textfield
        ref={dueDateRef}
        label={t('plan.tasks.fields.dueDate')}
        type="date"
        value={dueDate}
        onChange={(e) => onDueDate(e.target.value)}
      />
    </div>
  );
}
