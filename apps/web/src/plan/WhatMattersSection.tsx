/** "Hva er viktig for meg": first, in the person's own words. The rest of the plan's frame below. */
import { Details, Paragraph } from '@digdir/designsystemet-react';
import { AutoField } from '../components/AutoField';
import { useI18n } from '../i18n';
import { useMay, usePlan } from '../live/context';
import { Section } from './Section';

export function WhatMattersSection() {
  const { t } = useI18n();
  const plan = usePlan();
  const may = useMay();
  const mine = plan.myRole === 'person';
  const readOnly = !may('plan.update');
  const field = (name: 'resources' | 'needs' | 'cooperation', kind: 'textarea' = 'textarea') => (
    <AutoField
      entityType="plan"
      entityId={plan.id}
      field={name}
      kind={kind}
      label={t(`plan.fields.${name}`)}
      value={plan[name]}
      readOnly={readOnly}
    />
  );
  return (
    <Section
      id="what-matters"
      title={mine ? t('plan.whatMatters.titleMine') : t('plan.whatMatters.title', { name: plan.personName })}
      intro={<Paragraph>{mine ? t('plan.whatMatters.introMine') : t('plan.whatMatters.intro', { name: plan.personName })}</Paragraph>}
    >
      <AutoField
        entityType="plan"
        entityId={plan.id}
        field="whatMatters"
        kind="textarea"
        rows={5}
        label={mine ? t('plan.whatMatters.labelMine') : t('plan.whatMatters.label', { name: plan.personName })}
        value={plan.whatMatters}
        readOnly={readOnly}
        className="what-matters"
      />
      <Details>
        <Details.Summary>{t('plan.more')}</Details.Summary>
        <Details.Content className="stack">
          {field('resources')}
          {field('needs')}
          {field('cooperation')}
          <div className="grid-3">
            <AutoField
              entityType="plan"
              entityId={plan.id}
              field="periodStart"
              kind="date"
              label={t('plan.fields.periodStart')}
              value={plan.periodStart}
              readOnly={readOnly}
            />
            <AutoField
              entityType="plan"
              entityId={plan.id}
              field="periodEnd"
              kind="date"
              label={t('plan.fields.periodEnd')}
              value={plan.periodEnd}
              readOnly={readOnly}
            />
            <AutoField
              entityType="plan"
              entityId={plan.id}
              field="nextEvaluation"
              kind="date"
              label={t('plan.fields.nextEvaluation')}
              value={plan.nextEvaluation}
              readOnly={readOnly}
            />
          </div>
        </Details.Content>
      </Details>
    </Section>
  );
}
