/** The api's appointment warnings, told in the user's language with the coordinator's name. */
import type { AppointmentWarning } from '#contracts';
import type { KeTranslate } from './i18n';

export function warningText(t: KeTranslate, name: string, warning: AppointmentWarning): string {
  switch (warning.code) {
    case 'training_missing':
    case 'training_expired':
      return t(`warning.${warning.code}`, { name, courses: (warning.courses ?? []).join(', ') });
    case 'caseload_high':
      return t('warning.caseload_high', { name, count: warning.activePlans ?? 0, threshold: warning.threshold ?? 0 });
  }
}
