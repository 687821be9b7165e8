/**
 * "Hvordan går det" on the plan: each goal's ratings as a small chart with a table to open, the
 * latest in words and a picture; the coordinator's notes when a goal drops; the T-score trend
 * behind "for those who want a number"; and the ways in: rate before the meeting, evaluate.
 * Loaded when the plan is opened (lazy), refreshed when the plan's revision moves.
 */
import './evaluation.css';
import { Alert, Button, Details, Heading, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { Link } from 'react-router';
import type { GasRating, GoalView, ProgressView } from '#contracts';
import { useMay, usePlan } from '../live/context';
import { GasFace, gasKey, RatingChart, TScoreChart, type RatingPoint } from './gas';
import { useEvaluationI18n } from './i18n';
import { useProgress } from './use-progress';

export function ratingPoints(progress: ProgressView, goalId: string): RatingPoint[] {
  const points: (RatingPoint & { at: string })[] = [];
  for (const ev of progress.evaluations)
    for (const item of ev.items)
      if (item.goalId === goalId) points.push({ date: ev.date, at: ev.completedAt, rating: item.rating, kind: 'evaluation' });
  for (const r of progress.selfRatings ?? [])
    if (r.goalId === goalId && r.kind === 'checkin') points.push({ date: r.at, at: r.at, rating: r.rating, kind: 'checkin' });
  return points.sort((a, b) => a.at.localeCompare(b.at));
}

export default function ProgressPanel() {
  const { e, formatDate } = useEvaluationI18n();
  const plan = usePlan();
  const may = useMay();
  const { progress, error } = useProgress(plan.id, plan.revision);
  const goals = [...plan.goals].sort((a, b) => a.position - b.position);
  const titleOf = (id: string) => plan.goals.find((g) => g.id === id)?.title ?? '';
  return (
    <section id="progress" aria-labelledby="progress-title" className="plan-section stack" data-testid="progress">
      <Heading level={2} data-size="md" id="progress-title" tabIndex={-1}>
        {e('progress.title')}
      </Heading>
      <Paragraph>{e('progress.intro')}</Paragraph>
      {plan.nextEvaluation && (
        <Paragraph data-size="sm">{e('progress.nextEvaluation', { date: formatDate(plan.nextEvaluation) })}</Paragraph>
      )}
      <div className="button-row">
        {may('goal.rate') && goals.length > 0 && (
          <Button asChild variant="secondary">
            <Link to={`/planer/${plan.id}/evaluering?egen=1`}>{e('progress.rateSelf')}</Link>
          </Button>
        )}
        {may('evaluation.write') && goals.length > 0 && (
          <Button asChild variant="primary">
            <Link to={`/planer/${plan.id}/evaluering`}>{e('progress.evaluate')}</Link>
          </Button>
        )}
      </div>
      {error !== null && <Alert data-color="warning">{e('progress.failed')}</Alert>}
      {!progress && !error && <Spinner aria-label={e('progress.loading')} />}
      {progress && (
        <>
          {progress.notes && progress.notes.length > 0 && (
            <Alert data-color="info" data-testid="checkin-notes">
              <Heading level={3} data-size="xs">
                {e('progress.notes')}
              </Heading>
              <ul>
                {progress.notes.map((n) => (
                  <li key={`${n.goalId}-${n.at}`}>
                    {e(`progress.note.${n.reason}`, {
                      title: titleOf(n.goalId),
                      words: e(gasKey(n.rating)),
                      previous: e(gasKey(n.previous)),
                      date: formatDate(n.at),
                    })}
                  </li>
                ))}
              </ul>
            </Alert>
          )}
          {progress.evaluations.length === 0 && <Paragraph>{e('progress.none')}</Paragraph>}
          <ul className="progress-goals">
            {goals.map((goal) => (
              <GoalProgress key={goal.id} goal={goal} progress={progress} />
            ))}
          </ul>
          <Details data-testid="tscore">
            <Details.Summary>{e('progress.number')}</Details.Summary>
            <Details.Content>
              <Paragraph data-size="sm">{e('progress.numberIntro')}</Paragraph>
              {progress.tScores.some((p) => p.tScore !== null) ? (
                <TScoreChart
                  points={progress.tScores.filter((p) => p.tScore !== null).map((p) => ({ date: p.date, tScore: p.tScore as number }))}
                />
              ) : (
                <Paragraph>{e('progress.noScore')}</Paragraph>
              )}
            </Details.Content>
          </Details>
        </>
      )}
    </section>
  );
}

function GoalProgress({ goal, progress }: { goal: GoalView; progress: ProgressView }) {
  const { e, formatDate } = useEvaluationI18n();
  const points = ratingPoints(progress, goal.id);
  const latest = [...points].reverse().find((p) => p.kind === 'evaluation') ?? points.at(-1);
  return (
    <li className="goal-progress stack-sm" data-goal-progress={goal.id}>
      <Heading level={3} data-size="xs">
        {goal.title}
      </Heading>
      {latest ? (
        <p className="gas-latest">
          <GasFace rating={latest.rating as GasRating} size={28} />
          <span>{e('progress.latest', { words: e(gasKey(latest.rating)), date: formatDate(latest.date) })}</span>
        </p>
      ) : (
        <Paragraph data-size="sm">{e('progress.noneForGoal')}</Paragraph>
      )}
      {points.length > 0 && <RatingChart title={goal.title} points={points} />}
    </li>
  );
}
