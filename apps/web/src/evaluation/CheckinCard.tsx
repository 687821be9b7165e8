/**
 * "Hvordan går det med …?" on the person's home: one tap per goal, at most once a week, optional.
 * Not a clinical instrument: five pictures with plain words, nothing else.
 */
import './evaluation.css';
import { Alert, Card, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import type { ChangeResult, CheckinPromptView, GasRating, SelfRatingView } from '#contracts';
import { get, post } from '../api/client';
import { newMutationId } from '../live/edits';
import { GasFace, GasPicker, gasKey } from './gas';
import { useEvaluationI18n } from './i18n';

export default function CheckinCards() {
  const [prompts, setPrompts] = useState<CheckinPromptView[] | null>(null);
  useEffect(() => {
    let live = true;
    get<CheckinPromptView[]>('/api/me/checkins').then(
      (p) => live && setPrompts(p),
      () => live && setPrompts([]),
    );
    return () => {
      live = false;
    };
  }, []);
  if (!prompts?.length) return null;
  return (
    <>
      {prompts.map((p) => (
        <CheckinCard key={p.planId} prompt={p} />
      ))}
    </>
  );
}

function CheckinCard({ prompt }: { prompt: CheckinPromptView }) {
  const { e } = useEvaluationI18n();
  return (
    <Card className="checkin-card stack-sm" data-checkin-plan={prompt.planId}>
      <Heading level={2} data-size="sm">
        {e('checkin.title')}
      </Heading>
      <Paragraph data-size="sm">{e('checkin.intro')}</Paragraph>
      <Paragraph data-size="sm">{e('checkin.plan', { title: prompt.planTitle })}</Paragraph>
      {prompt.goals.map((g) => (
        <CheckinGoal key={g.id} planId={prompt.planId} goal={g} />
      ))}
    </Card>
  );
}

function CheckinGoal({ planId, goal }: { planId: string; goal: CheckinPromptView['goals'][number] }) {
  const { e } = useEvaluationI18n();
  const [answer, setAnswer] = useState<GasRating | null>(goal.ratedThisWeek);
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const tap = async (rating: GasRating) => {
    setBusy(true);
    try {
      await post<ChangeResult<SelfRatingView>>(`/api/plans/${planId}/checkins`, {
        goalId: goal.id,
        rating,
        clientMutationId: newMutationId(),
      });
      setAnswer(rating);
      setFailed(false);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  if (answer !== null)
    return (
      <p className="gas-latest" role="status" data-checkin-goal={goal.id} data-answered={answer}>
        <GasFace rating={answer} size={28} />
        <span>
          {goal.title}: {e('checkin.thanks', { words: e(gasKey(answer)) })}
        </span>
      </p>
    );
  return (
    <div data-checkin-goal={goal.id}>
      <GasPicker
        legend={e('checkin.question', { title: goal.title })}
        value={null}
        onPick={(r) => void tap(r)}
        disabled={busy}
        name={goal.id}
      />
      {failed && <Alert data-color="danger">{e('checkin.failed')}</Alert>}
    </div>
  );
}
