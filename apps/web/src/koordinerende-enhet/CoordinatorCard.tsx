/** One coordinator: how many plans they coordinate, and their training course by course. */
import { Card, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import type { CoordinatorRow, TrainingState } from '#contracts';
import { plansText, useKeI18n } from './i18n';

const STATE_COLOR: Record<TrainingState, string> = { valid: 'success', expiring: 'warning', expired: 'danger', missing: 'danger' };

export function CoordinatorCard({ coordinator: c }: { coordinator: CoordinatorRow }) {
  const { t, formatDate } = useKeI18n();
  return (
    <Card data-color="neutral" className="ke-row-card stack-sm" data-testid="coordinator-card" data-flagged={c.training.flagged}>
      <Heading level={3} data-size="xs">
        {c.name}
      </Heading>
      <Paragraph data-size="sm">{plansText(t, c.activePlans)}</Paragraph>
      <div className="tags">
        <Tag data-color={STATE_COLOR[c.training.state]}>{t(`training.state.${c.training.state}`)}</Tag>
        {c.caseloadHigh && <Tag data-color="warning">{t('training.caseloadHigh')}</Tag>}
      </div>
      {c.training.courses.length > 0 && (
        <ul className="ke-courses">
          {c.training.courses.map((course) => (
            <li key={course.courseId} data-size="sm">
              <strong>{course.title}</strong>:{' '}
              {course.completedOn
                ? `${t('training.course.completed', { date: formatDate(course.completedOn) })}${
                    course.expiresOn ? `, ${t('training.course.expires', { date: formatDate(course.expiresOn) })}` : ''
                  }`
                : t('training.course.never')}{' '}
              ({t(`training.course.state.${course.state}`)})
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
