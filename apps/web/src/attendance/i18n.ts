/** The words of meeting attendance (RSVP) in bokmål and English; {name} marks a value. */
import { useMemo } from 'react';
import { createTranslator, useI18n, type Locale } from '../i18n';

const nbMessages = {
  'rsvp.question': 'Kommer du?',
  'rsvp.yes': 'Ja, jeg kommer',
  'rsvp.no': 'Nei, jeg kommer ikke',
  'rsvp.youConfirmed': 'Du har svart at du kommer.',
  'rsvp.youDeclined': 'Du har svart at du ikke kommer.',
  'rsvp.change': 'Du kan endre svaret helt til møtet.',
  'rsvp.undo': 'Angre svaret',
  'rsvp.saving': 'Lagrer svaret ditt …',
  'rsvp.loading': 'Henter svarene …',
  'rsvp.title': 'Hvem kommer?',
  'rsvp.intro': 'Svarene fra medlemmene før møtet, i appen eller på SMS (JA/NEI). Hvem som faktisk var der, krysser du av under.',
  'rsvp.confirmed': '{count, plural, =0 {Ingen har bekreftet} one {# har bekreftet} other {# har bekreftet}}',
  'rsvp.declined': '{count, plural, =0 {ingen har meldt avbud} one {# har meldt avbud} other {# har meldt avbud}}',
  'rsvp.unanswered': '{count, plural, =0 {alle har svart} one {# har ikke svart} other {# har ikke svart}}',
  'rsvp.status.confirmed': 'Kommer',
  'rsvp.status.declined': 'Kommer ikke',
  'rsvp.status.none': 'Har ikke svart',
  'rsvp.viaSms': 'på SMS',
  'rsvp.closed': 'Møtet er ikke planlagt lenger, så det kan ikke svares på.',
} as const satisfies Record<string, string>;

export type RsvpMessageKey = keyof typeof nbMessages;

const en: Record<RsvpMessageKey, string> = {
  'rsvp.question': 'Are you coming?',
  'rsvp.yes': 'Yes, I am coming',
  'rsvp.no': 'No, I am not coming',
  'rsvp.youConfirmed': 'You have said you are coming.',
  'rsvp.youDeclined': 'You have said you are not coming.',
  'rsvp.change': 'You can change your answer until the meeting.',
  'rsvp.undo': 'Take the answer back',
  'rsvp.saving': 'Saving your answer …',
  'rsvp.loading': 'Getting the answers …',
  'rsvp.title': 'Who is coming?',
  'rsvp.intro': 'What the members have answered before the meeting, in the app or by SMS (JA/NEI). Who was actually there is ticked below.',
  'rsvp.confirmed': '{count, plural, =0 {Nobody has confirmed} one {# has confirmed} other {# have confirmed}}',
  'rsvp.declined': '{count, plural, =0 {nobody has declined} one {# has declined} other {# have declined}}',
  'rsvp.unanswered': '{count, plural, =0 {everyone has answered} one {# has not answered} other {# have not answered}}',
  'rsvp.status.confirmed': 'Coming',
  'rsvp.status.declined': 'Not coming',
  'rsvp.status.none': 'Not answered',
  'rsvp.viaSms': 'by SMS',
  'rsvp.closed': 'The meeting is no longer planned, so it cannot be answered.',
};

const translate = createTranslator<RsvpMessageKey>({ nb: nbMessages, en } as Record<Locale, Record<RsvpMessageKey, string>>);

export function useRsvpI18n() {
  const app = useI18n();
  const { locale } = app;
  const t = useMemo(() => (key: RsvpMessageKey, vars?: Record<string, string | number>) => translate(locale, key, vars), [locale]);
  return { t, tApp: app.t, formatDate: app.formatDate };
}
