/**
 * "Hva er viktig for meg": first, in the person's own words, in large type. Read as text; "Endre"
 * turns it (and the plan's frame: resources, needs, cooperation, dates) into a form in place.
 */
import { Button, Details, Heading } from '@digdir/designsystemet-react';
import { AutoField } from '../components/LazyAutoField';
import { useMay, usePlan } from '../live/context';
import { useEditing } from './editing';
import { usePlanI18n } from './i18n';

export function WhatMattersSection() {
  const { t, p, formatDate } = usePlanI18n();
  const plan = usePlan();
  const may = useMay();
  const editing = useEditing('plan', plan.id);
  const mine = plan.myRole === 'person';
  const title = mine ? t('plan.whatMatters.titleMine') : t('plan.whatMatters.title', { name: plan.personName });
  const field = (name: 'resources' | 'needs' | 'cooperation') => (
    <AutoField entityType="plan" entityId={plan.id} field={name} kind="textarea" label={t(`plan.fields.${name}`)} value={plan[name]} />
  );
  const date = (name: 'periodStart' | 'periodEnd' | 'nextEvaluation') => (
    <AutoField entityType="plan" entityId={plan.id} field={name} kind="date" label={t(`plan.fields.${name}`)} value={plan[name]} />
  );
  return (
    <section id="what-matters" aria-labelledby="what-matters-title" className="plan-section what-matters-section stack-sm">
      <Heading level={2} data-size="md" id="what-matters-title" tabIndex={-1}>
        {title}
      </Heading>
      {editing.isEditing ? (
        <div className="edit-form stack">
          <AutoField
            entityType="plan"
            entityId={plan.id}
            field="whatMatters"
            kind="textarea"
            rows={5}
            label={mine ? t('plan.whatMatters.labelMine') : t('plan.whatMatters.label', { name: plan.personName })}
            value={plan.whatMatters}
            className="what-matters"
          />
          {field('resources')}
          {field('needs')}
          {field('cooperation')}
          <div className="grid-3">
            {date('periodStart')}
            {date('periodEnd')}
            {date('nextEvaluation')}
          </div>
          <div>
            <Button data-size="sm" onClick={editing.stop}>
              {p('edit.done')}
            </Button>
          </div>
        </div>
      ) : (
        <>
          <p className="what-matters-text" data-testid="what-matters-text">
            {plan.whatMatters || p('edit.empty')}
          </p>
          <Details>
            <Details.Summary>{t('plan.more')}</Details.Summary>
            <Details.Content>
              <dl className="facts">
                {(['resources', 'needs', 'cooperation'] as const).map((name) => (
                  <div key={name}>
                    <dt>{t(`plan.fields.${name}`)}</dt>
                    <dd className="prose">{plan[name] || p('edit.empty')}</dd>
                  </div>
                ))}
                {(['periodStart', 'periodEnd', 'nextEvaluation'] as const).map((name) => (
                  <div key={name}>
                    <dt>{t(`plan.fields.${name}`)}</dt>
                    <dd>{plan[name] ? formatDate(plan[name]) : p('edit.empty')}</dd>
                  </div>
                ))}
              </dl>
            </Details.Content>
          </Details>
          {may('plan.update') && (
            <div>
              <Button variant="secondary" data-size="sm" onClick={editing.start}>
                {p('edit.whatMatters')}
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
