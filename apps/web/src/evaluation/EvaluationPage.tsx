/**
 * /planer/:planId/evaluering: the evaluation as a guided step, one goal at a time (who takes part;
 * each goal: how it is going in pictures and words, the person's own words, what we do with it;
 * then the next evaluation and the plan period), saved as one change. With `?mote=` it belongs to
 * that meeting. With `?egen=1` it is the person's own rating before the meeting, from the phone:
 * one tap per goal saves a draft the evaluation picks up.
 */
import './evaluation.css';
import { Alert, Button, Checkbox, Fieldset, Heading, Paragraph, Radio, Spinner, Textarea, Textfield } from '@digdir/designsystemet-react';
import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import {
  EVALUATION_DECISIONS,
  type ChangeResult,
  type EvaluationDecision,
  type EvaluationView,
  type GasRating,
  type GoalView,
  type SelfRatingView,
} from '#contracts';
import { useAuth } from '../api/auth';
import { api, post } from '../api/client';
import { errorText } from '../api/errors';
import { LivePlanProvider, useMay, usePlan } from '../live/context';
import { newMutationId } from '../live/edits';
import { LoadedPlan } from '../screens/PlanPage';
import { GasPicker, gasKey } from './gas';
import { useEvaluationI18n } from './i18n';
import { useProgress } from './use-progress';

const CLOSED_GOALS = new Set(['achieved', 'dropped']);

function isoToday(): string {
  return new Date().toLocaleDateString('sv-SE');
}
function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1 + months, d));
  return date.toISOString().slice(0, 10);
}

export function EvaluationPage() {
  const { planId = '' } = useParams();
  const { me } = useAuth();
  const [params] = useSearchParams();
  if (!me) return null;
  return (
    <LivePlanProvider planId={planId} accountId={me.id}>
      <LoadedPlan>{params.get('egen') ? <SelfRating /> : <GuidedEvaluation meetingId={params.get('mote')} />}</LoadedPlan>
    </LivePlanProvider>
  );
}

function openGoals(goals: GoalView[]): GoalView[] {
  return [...goals].filter((g) => !CLOSED_GOALS.has(g.status)).sort((a, b) => a.position - b.position);
}

/** The person's own ratings before the meeting: one tap per goal. */
function SelfRating() {
  const { e, t } = useEvaluationI18n();
  const plan = usePlan();
  const may = useMay();
  const { progress } = useProgress(plan.id, plan.revision);
  const goals = openGoals(plan.goals);
  const drafts = useMemo(() => {
    const mine = new Map<string, SelfRatingView>();
    for (const r of progress?.selfRatings ?? [])
      if (r.kind === 'draft' && r.by.memberId === plan.myMemberId && !r.usedInEvaluationId) mine.set(r.goalId, r);
    return mine;
  }, [progress, plan.myMemberId]);
  return (
    <div className="evaluation stack-lg" data-testid="self-rating">
      <header className="stack-sm">
        <Link to={`/planer/${plan.id}`}>{e('self.back')}</Link>
        <Heading level={1} data-size="lg">
          {e('self.title')}
        </Heading>
        <Paragraph>{e('self.intro')}</Paragraph>
      </header>
      {!may('goal.rate') && <Alert data-color="warning">{e('eval.notAllowed')}</Alert>}
      {goals.length === 0 && <Paragraph>{e('self.noGoals')}</Paragraph>}
      {may('goal.rate') && !progress && <Spinner aria-label={e('progress.loading')} />}
      {may('goal.rate') &&
        progress &&
        goals.map((goal) => <SelfRatingGoal key={goal.id} planId={plan.id} goal={goal} draft={drafts.get(goal.id) ?? null} />)}
      <Link to={`/planer/${plan.id}`}>{t('meeting.backToPlan')}</Link>
    </div>
  );
}

function SelfRatingGoal({ planId, goal, draft }: { planId: string; goal: GoalView; draft: SelfRatingView | null }) {
  const { e } = useEvaluationI18n();
  const { t } = useEvaluationI18n();
  const [rating, setRating] = useState<GasRating | null>(draft?.rating ?? null);
  const [comment, setComment] = useState(draft?.comment ?? '');
  const [saved, setSaved] = useState<GasRating | null>(draft?.rating ?? null);
  const [error, setError] = useState<unknown>(null);
  const save = async (r: GasRating, words: string) => {
    setRating(r);
    try {
      await api<ChangeResult<SelfRatingView>>('PUT', `/api/plans/${planId}/evaluations/draft/${goal.id}`, {
        rating: r,
        comment: words,
        clientMutationId: newMutationId(),
      });
      setSaved(r);
      setError(null);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section className="stack-sm goal-rating" data-self-goal={goal.id} aria-label={goal.title}>
      <GasPicker legend={e('gas.legend', { title: goal.title })} value={rating} onPick={(r) => void save(r, comment)} name={goal.id} />
      <p role="status" className="save-status">
        {saved !== null && !error ? e('self.saved', { words: e(gasKey(saved)) }) : ''}
      </p>
      {error !== null && <Alert data-color="danger">{errorText(t, error)}</Alert>}
      {rating !== null && (
        <div className="stack-sm">
          <Textarea
            aria-label={e('self.comment')}
            placeholder={e('self.comment')}
            value={comment}
            onChange={(ev) => setComment(ev.target.value)}
            rows={2}
          />
          <Button variant="secondary" onClick={() => void save(rating, comment)}>
            {e('self.saveComment')}
          </Button>
        </div>
      )}
    </section>
  );
}

interface GoalAnswer {
  rating: GasRating | null;
  decision: EvaluationDecision;
  comment: string;
  title: string;
  targetDate: string;
}

/** The coordinator (or the person, a guardian) goes through the goals one at a time. */
function GuidedEvaluation({ meetingId }: { meetingId: string | null }) {
  const { e, t, formatDate } = useEvaluationI18n();
  const plan = usePlan();
  const may = useMay();
  const { progress } = useProgress(plan.id, plan.revision);
  const goals = useMemo(() => openGoals(plan.goals), [plan.goals]);
  const meeting = meetingId ? plan.meetings.find((m) => m.id === meetingId) : undefined;
  const members = plan.members.filter((m) => m.status === 'active');
  const [step, setStep] = useState(0);
  const [who, setWho] = useState<string[]>(() => {
    if (meeting?.attendees.length) return meeting.attendees;
    return members.filter((m) => m.role === 'person' || m.role === 'guardian' || m.id === plan.myMemberId).map((m) => m.id);
  });
  const [answers, setAnswers] = useState<Record<string, GoalAnswer>>({});
  const today = isoToday();
  const [nextEvaluation, setNextEvaluation] = useState(addMonths(today, 6));
  const [periodEnd, setPeriodEnd] = useState(plan.periodEnd ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<EvaluationView | null>(null);

  const drafts = useMemo(() => {
    const open = new Map<string, SelfRatingView>();
    for (const r of progress?.selfRatings ?? []) if (r.kind === 'draft' && !r.usedInEvaluationId) open.set(r.goalId, r);
    return open;
  }, [progress]);
  const answerOf = (goal: GoalView): GoalAnswer =>
    answers[goal.id] ?? {
      rating: drafts.get(goal.id)?.rating ?? null,
      decision: 'keep',
      comment: drafts.get(goal.id)?.comment ?? '',
      title: goal.title,
      targetDate: goal.targetDate ?? '',
    };
  const setAnswer = (goal: GoalView, change: Partial<GoalAnswer>) =>
    setAnswers((a) => ({ ...a, [goal.id]: { ...answerOf(goal), ...change } }));

  if (!may('evaluation.write'))
    return (
      <div className="stack">
        <Alert data-color="warning">{e('eval.notAllowed')}</Alert>
        <Link to={`/planer/${plan.id}`}>{e('eval.toPlan')}</Link>
      </div>
    );
  if (done)
    return (
      <div className="evaluation stack-lg" data-testid="evaluation-done">
        <Heading level={1} data-size="lg">
          {e('eval.title')}
        </Heading>
        <Alert data-color="success" role="status">
          {e('eval.done')}
        </Alert>
        <ul className="stack-sm">
          {done.items.map((i) => (
            <li key={i.goalId}>
              {i.goalTitle}: {e(gasKey(i.rating))} · {e(`decision.${i.decision}`)}
            </li>
          ))}
        </ul>
        <div className="button-row">
          <Button asChild variant="primary">
            <Link to={`/planer/${plan.id}`}>{e('eval.toPlan')}</Link>
          </Button>
          <Button asChild variant="secondary">
            <Link to={`/planer/${plan.id}?vis=historikk`}>{e('eval.toHistory')}</Link>
          </Button>
        </div>
      </div>
    );
  if (goals.length === 0)
    return (
      <div className="stack">
        <Paragraph>{e('eval.noGoals')}</Paragraph>
        <Link to={`/planer/${plan.id}`}>{e('eval.toPlan')}</Link>
      </div>
    );

  const total = goals.length + 2;
  const goal = step >= 1 && step <= goals.length ? goals[step - 1] : null;
  const next = () => {
    if (step === 0 && who.length === 0) return setProblem(e('eval.pickWho'));
    if (goal && answerOf(goal).rating === null) return setProblem(e('eval.pickRating'));
    setProblem(null);
    setStep((s) => s + 1);
  };
  const finish = async () => {
    if (!nextEvaluation || nextEvaluation <= today) return setProblem(e('eval.pickDate'));
    setProblem(null);
    setSaving(true);
    try {
      const res = await post<ChangeResult<EvaluationView>>(`/api/plans/${plan.id}/evaluations`, {
        clientMutationId: newMutationId(),
        date: today,
        meetingId: meeting?.id ?? null,
        participantMemberIds: who,
        items: goals.map((g) => {
          const a = answerOf(g);
          return {
            goalId: g.id,
            rating: a.rating,
            decision: a.decision,
            comment: a.comment,
            ...(a.decision === 'change' ? { title: a.title.trim() || g.title, targetDate: a.targetDate || null } : {}),
          };
        }),
        nextEvaluation,
        ...(periodEnd !== (plan.periodEnd ?? '') ? { periodEnd: periodEnd || null } : {}),
      });
      setDone(res.entity ?? null);
    } catch (err) {
      setProblem(e('eval.failed', { reason: errorText(t, err) }));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="evaluation stack-lg" data-testid="guided-evaluation" data-step={step}>
      <header className="stack-sm">
        <Link to={meeting ? `/planer/${plan.id}/mote/${meeting.id}` : `/planer/${plan.id}`}>{e('eval.toPlan')}</Link>
        <Heading level={1} data-size="lg">
          {e('eval.title')}
        </Heading>
        <Paragraph>{e('eval.intro', { name: plan.personName })}</Paragraph>
        {meeting && (
          <Paragraph data-size="sm">{e('eval.inMeeting', { title: meeting.title, date: formatDate(meeting.startsAt, true) })}</Paragraph>
        )}
        <Paragraph data-size="sm" aria-live="polite">
          {e('eval.step', { n: step + 1, total })}
        </Paragraph>
      </header>

      {step === 0 && (
        <Fieldset>
          <Fieldset.Legend>{e('eval.who')}</Fieldset.Legend>
          <Fieldset.Description>{e('eval.whoHint')}</Fieldset.Description>
          {members.map((m) => (
            <Checkbox
              key={m.id}
              label={`${m.name} (${t(`role.${m.role}`)})`}
              value={m.id}
              checked={who.includes(m.id)}
              onChange={(ev) => setWho((list) => (ev.target.checked ? [...list, m.id] : list.filter((id) => id !== m.id)))}
            />
          ))}
        </Fieldset>
      )}

      {goal && (
        <GoalStep
          key={goal.id}
          goal={goal}
          answer={answerOf(goal)}
          draft={drafts.get(goal.id) ?? null}
          onChange={(c) => setAnswer(goal, c)}
        />
      )}

      {step === goals.length + 1 && (
        <div className="stack">
          <Heading level={2} data-size="sm">
            {e('eval.dates')}
          </Heading>
          <Textfield
            label={e('eval.nextEvaluation')}
            type="date"
            value={nextEvaluation}
            min={addMonths(today, 0)}
            onChange={(ev) => setNextEvaluation(ev.target.value)}
          />
          <Textfield label={e('eval.periodEnd')} type="date" value={periodEnd} onChange={(ev) => setPeriodEnd(ev.target.value)} />
          <Heading level={2} data-size="sm">
            {e('eval.summary')}
          </Heading>
          <ul className="stack-sm" data-testid="evaluation-summary">
            {goals.map((g) => {
              const a = answerOf(g);
              return (
                <li key={g.id}>
                  {g.title}: {a.rating === null ? '–' : e(gasKey(a.rating))} · {e(`decision.${a.decision}`)}
                </li>
              );
            })}
          </ul>
        </div>
      )}

      {problem && (
        <Alert data-color="warning" role="alert">
          {problem}
        </Alert>
      )}
      {saving && <Paragraph role="status">{e('eval.saving')}</Paragraph>}
      <div className="button-row">
        {step > 0 && (
          <Button variant="secondary" onClick={() => setStep((s) => s - 1)} disabled={saving}>
            {e('eval.previous')}
          </Button>
        )}
        {step < goals.length + 1 ? (
          <Button variant="primary" onClick={next}>
            {e('eval.next')}
          </Button>
        ) : (
          <Button variant="primary" onClick={() => void finish()} disabled={saving}>
            {e('eval.finish')}
          </Button>
        )}
      </div>
    </div>
  );
}

function GoalStep({
  goal,
  answer,
  draft,
  onChange,
}: {
  goal: GoalView;
  answer: GoalAnswer;
  draft: SelfRatingView | null;
  onChange: (change: Partial<GoalAnswer>) => void;
}) {
  const { e } = useEvaluationI18n();
  return (
    <section className="stack" aria-labelledby={`goal-step-${goal.id}`} data-goal-step={goal.id}>
      <Heading level={2} data-size="sm" id={`goal-step-${goal.id}`}>
        {goal.title}
      </Heading>
      {draft && <Paragraph data-size="sm">{e('eval.draftFrom', { name: draft.by.name, words: e(gasKey(draft.rating)) })}</Paragraph>}
      <GasPicker
        legend={e('gas.legend', { title: goal.title })}
        value={answer.rating}
        onPick={(rating) => onChange({ rating })}
        name={goal.id}
      />
      <Textarea
        aria-label={e('eval.comment')}
        placeholder={e('eval.comment')}
        value={answer.comment}
        rows={2}
        onChange={(ev) => onChange({ comment: ev.target.value })}
      />
      <Fieldset>
        <Fieldset.Legend>{e('decision.legend')}</Fieldset.Legend>
        {EVALUATION_DECISIONS.map((d) => (
          <Radio
            key={d}
            name={`decision-${goal.id}`}
            label={e(`decision.${d}`)}
            value={d}
            checked={answer.decision === d}
            onChange={() => onChange({ decision: d })}
            data-decision={d}
          />
        ))}
      </Fieldset>
      {answer.decision === 'change' && (
        <div className="stack-sm">
          <Textfield label={e('eval.newTitle')} value={answer.title} onChange={(ev) => onChange({ title: ev.target.value })} />
          <Textfield
            label={e('eval.newTarget')}
            type="date"
            value={answer.targetDate}
            onChange={(ev) => onChange({ targetDate: ev.target.value })}
          />
        </div>
      )}
    </section>
  );
}
