/** Pure rules: from required courses and completions to a coordinator's training state. */
import { TRAINING_EXPIRY_WARNING_DAYS, type CourseStatus, type TrainingState, type TrainingStatus } from '#contracts';
import { addDays } from '../notifications/local-time';

export interface RequiredCourse {
  id: string;
  title: string;
}

export interface LatestCompletion {
  courseId: string;
  completedOn: string;
  expiresOn: string | null;
}

const SEVERITY: Record<TrainingState, number> = { valid: 0, expiring: 1, expired: 2, missing: 3 };

export function courseState(completion: LatestCompletion | undefined, today: string): TrainingState {
  if (!completion) return 'missing';
  if (completion.expiresOn === null) return 'valid';
  if (completion.expiresOn < today) return 'expired';
  if (completion.expiresOn <= addDays(today, TRAINING_EXPIRY_WARNING_DAYS)) return 'expiring';
  return 'valid';
}

/** The worst state over the required courses; flagged when one is missing or expired. */
export function trainingStatus(required: RequiredCourse[], completions: LatestCompletion[], today: string): TrainingStatus {
  const byCourse = new Map(completions.map((c) => [c.courseId, c]));
  const courses: CourseStatus[] = required.map((course) => {
    const c = byCourse.get(course.id);
    return {
      courseId: course.id,
      title: course.title,
      state: courseState(c, today),
      completedOn: c?.completedOn ?? null,
      expiresOn: c?.expiresOn ?? null,
    };
  });
  const state = courses.reduce<TrainingState>((worst, c) => (SEVERITY[c.state] > SEVERITY[worst] ? c.state : worst), 'valid');
  return { state, flagged: state === 'missing' || state === 'expired', courses };
}
