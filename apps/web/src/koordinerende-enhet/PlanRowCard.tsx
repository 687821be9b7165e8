/**
 * One plan as koordinerende enhet sees it: metadata only (title, whom it is for, status, dates,
 * coordinator, how many take part), never what the plan holds; and the choice of coordinator.
 */
import { Button, Card, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useId, useState } from 'react';
import type { NudgeReason, OverviewPlanRow } from '#contracts';
import { AppointCoordinator, type Appointed } from './AppointCoordinator';
import { NudgeButton } from './NudgeButton';
import { useKeI18n } from './i18n';

interface Props {
  plan: OverviewPlanRow;
  /** "Today" in Norway (YYYY-MM-DD), to mark an evaluation date that has passed. */
  today: string;
  headingLevel?: 2 | 3;
  onAppointed(result: Appointed): void;
  /** On one of the overview's lists: the reminder koordinerende enhet can send from it. */
  nudgeReason?: NudgeReason;
}

export function PlanRowCard({ plan, today, headingLevel = 3, onAppointed, nudgeReason }: Props) {
  const { t, formatDate } = useKeI18n();
  const [appointing, setAppointing] = useState(false);
  const panelId = useId();
  const evaluationPassed = plan.status !== 'closed' && plan.nextEvaluation !== null && plan.nextEvaluation < today;
  return (
    <Card data-color="neutral" className="ke-row-card stack-sm" data-testid="plan-row" data-plan-id={plan.id}>
      <Heading level={headingLevel} data-size="xs">
        {plan.title}
      </Heading>
      <Paragraph data-size="sm">{t('plan.for', { name: plan.personName })}</Paragraph>
      <div className="tags">
        <Tag data-color={plan.status === 'active' ? 'success' : 'neutral'}>{t(`planStatus.${plan.status}`)}</Tag>
        {!plan.coordinator && <Tag data-color="warning">{t('plan.noCoordinator')}</Tag>}
      </div>
      <dl className="facts">
        <div>
          <dt>{t('plan.coordinator')}</dt>
          <dd>{plan.coordinator?.name ?? t('common.none')}</dd>
        </div>
        <div>
          <dt>{t('plan.nextEvaluation')}</dt>
          <dd>
            {plan.nextEvaluation ? formatDate(plan.nextEvaluation) : t('plan.noEvaluation')}
            {evaluationPassed && <strong> ({t('plan.evaluationPassed')})</strong>}
          </dd>
        </div>
        <div>
          <dt>{t('plan.lastActivity')}</dt>
          <dd>{formatDate(plan.lastActivityAt)}</dd>
        </div>
        <div>
          <dt>{t('plan.members')}</dt>
          <dd>{t('plan.membersCount', { count: plan.activeMembers })}</dd>
        </div>
      </dl>
      {plan.status !== 'closed' && (
        <div>
          <Button
            variant={plan.coordinator ? 'secondary' : 'primary'}
            data-size="sm"
            aria-expanded={appointing}
            aria-controls={appointing ? panelId : undefined}
            onClick={() => setAppointing((open) => !open)}
          >
            {plan.coordinator ? t('plan.changeCoordinator') : t('plan.chooseCoordinator')}
          </Button>
        </div>
      )}
      {nudgeReason && plan.status !== 'closed' && <NudgeButton plan={plan} reason={nudgeReason} />}
      {appointing && (
        <section id={panelId} className="ke-appoint" aria-label={t('plan.appointFor', { title: plan.title })}>
          <AppointCoordinator
            target={{ type: 'plan', planId: plan.id, label: plan.title }}
            currentCoordinatorId={plan.coordinator?.accountId ?? null}
            autoFocus
            onCancel={() => setAppointing(false)}
            onAppointed={(result) => {
              setAppointing(false);
              onAppointed(result);
            }}
          />
        </section>
      )}
    </Card>
  );
}

/** Today's date in Norway, as the api counts "passed" and "due". */
export function osloToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date());
}
