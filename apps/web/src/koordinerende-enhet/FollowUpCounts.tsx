/**
 * Follow-up that keeps plans alive (issue 14): active plans never evaluated, the share of active
 * plans with a rating in the last six months, plans without a goal in the person's own words.
 * Metadata only; every count is a link to the list it counts.
 */
import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { Link } from 'react-router';
import type { OverviewView } from '#contracts';
import { useKeI18n } from './i18n';
import { BASE } from './parts';

export function FollowUpCounts({ followUp }: { followUp: OverviewView['followUp'] }) {
  const { t } = useKeI18n();
  const months = followUp.ratingMonths;
  const percent = followUp.activePlans ? Math.round((100 * followUp.ratedRecently) / followUp.activePlans) : 0;
  const list = (view: string) => `${BASE}/planer?view=${view}`;
  return (
    <section aria-labelledby="oppfolging-title" className="stack" id="oppfolging" data-testid="follow-up">
      <Heading level={2} data-size="md" id="oppfolging-title">
        {t('followUp.title')}
      </Heading>
      <Paragraph>{t('followUp.intro')}</Paragraph>
      <ul className="ke-follow-up stack-sm">
        <li data-testid="follow-up-never_evaluated" data-count={followUp.neverEvaluated.total}>
          <Link to={list('never_evaluated')}>{t('followUp.neverEvaluated', { count: followUp.neverEvaluated.total })}</Link>
        </li>
        <li data-testid="follow-up-rated_recently" data-count={followUp.ratedRecently} data-percent={percent}>
          <Link to={list('rated_recently')}>{t('followUp.rated', { count: followUp.ratedRecently, months })}</Link>{' '}
          <Link to={`${BASE}/planer?view=all&status=active`}>{t('followUp.ofActive', { count: followUp.activePlans, percent })}</Link>
        </li>
        <li data-testid="follow-up-not_rated_recently" data-count={followUp.notRatedRecently.total}>
          <Link to={list('not_rated_recently')}>{t('followUp.notRated', { count: followUp.notRatedRecently.total, months })}</Link>
        </li>
        <li data-testid="follow-up-without_own_words_goal" data-count={followUp.withoutOwnWordsGoal.total}>
          <Link to={list('without_own_words_goal')}>{t('followUp.withoutOwnWords', { count: followUp.withoutOwnWordsGoal.total })}</Link>
        </li>
      </ul>
    </section>
  );
}
