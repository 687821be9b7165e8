/**
 * The words of meeting mode's own parts: the goal picker of a decision, the live plan panel,
 * closing a meeting with its minutes approved, and reopening it for a correction. Plain bokmål
 * and English (ICU messages: `{count, plural, ...}` for counts).
 */
import { useMemo } from 'react';
import { createTranslator, useI18n, type Locale } from '../i18n';

const nbMessages = {
  'goal.label': 'Hvilket mål hører tiltaket til?',
  'goal.none': 'Andre tiltak (ikke knyttet til et mål)',

  'panel.newHere': 'Nytt i dette møtet',
  'panel.newHereEmpty': 'Tiltak og mål som blir laget eller endret i møtet, vises her med en gang.',
  'panel.newTag': 'Nytt',
  'panel.changedTag': 'Endret',
  'panel.otherTasks': 'Andre tiltak',
  'panel.noTasks': 'Ingen tiltak ennå.',

  'close.title': 'Avslutt møtet',
  'close.intro':
    'Når du godkjenner referatet, kan ingen endre møtet lenger. Alle i planen får et sammendrag i appen og på e-post, også de som ikke var med.',
  'close.presentHint': 'Endre hvem som var til stede under «Hvem er med»',
  'close.next': 'Neste møte (valgfritt)',
  'close.nextDate': 'Dato',
  'close.nextTime': 'Klokkeslett',
  'close.nextPlace': 'Sted',
  'close.nextTimeRequired': 'Velg klokkeslett for neste møte, eller fjern datoen.',
  'close.nextDateRequired': 'Velg dato for neste møte, eller fjern klokkeslettet.',
  'close.nothingToApprove': 'Skriv referatet eller et vedtak før du godkjenner.',
  'close.submit': 'Godkjenn referatet og avslutt møtet',
  'close.onlyCoordinator': 'Koordinatoren godkjenner referatet og avslutter møtet. Til da kan alle i møtet skrive.',

  'closed.title': 'Møtet er avsluttet',
  'closed.by': 'Referatet ble godkjent av {name} {when}. Møtet kan ikke endres lenger.',
  'closed.present': '{count, plural, =0 {Ingen er ført opp som til stede.} one {Til stede: {names}.} other {Til stede: {names}.}}',
  'closed.sent': 'Alle i planen har fått et sammendrag i appen og på e-post.',
  'closed.next': 'Neste møte: {when}',
  'closed.noNext': 'Neste møte er ikke satt opp.',
  'closed.reopenLabel': 'Hva skal rettes?',
  'closed.reopenHint': 'Begrunnelsen vises i historikken. Når du avslutter møtet igjen, får alle det rettede referatet.',
  'closed.reopen': 'Åpne møtet for retting',
  'closed.reasonRequired': 'Skriv hva som skal rettes.',
  'closed.reopened': 'Møtet er åpnet for retting.',
} as const;

export type MeetingMessageKey = keyof typeof nbMessages;

const nb: Record<MeetingMessageKey, string> = nbMessages;

const en: Record<MeetingMessageKey, string> = {
  'goal.label': 'Which goal does the task belong to?',
  'goal.none': 'Other tasks (not linked to a goal)',

  'panel.newHere': 'New in this meeting',
  'panel.newHereEmpty': 'Tasks and goals made or changed in the meeting show here at once.',
  'panel.newTag': 'New',
  'panel.changedTag': 'Changed',
  'panel.otherTasks': 'Other tasks',
  'panel.noTasks': 'No tasks yet.',

  'close.title': 'Close the meeting',
  'close.intro':
    'Once you approve the minutes, nobody can change the meeting. Everyone in the plan gets a summary in the app and by e-mail, those who were absent too.',
  'close.presentHint': 'Change who was present under “Who is here”',
  'close.next': 'Next meeting (optional)',
  'close.nextDate': 'Date',
  'close.nextTime': 'Time',
  'close.nextPlace': 'Place',
  'close.nextTimeRequired': 'Choose a time for the next meeting, or clear the date.',
  'close.nextDateRequired': 'Choose a date for the next meeting, or clear the time.',
  'close.nothingToApprove': 'Write the minutes or a decision before approving.',
  'close.submit': 'Approve the minutes and close the meeting',
  'close.onlyCoordinator': 'The coordinator approves the minutes and closes the meeting. Until then everyone in the meeting can write.',

  'closed.title': 'The meeting is closed',
  'closed.by': '{name} approved the minutes {when}. The meeting can no longer be changed.',
  'closed.present': '{count, plural, =0 {Nobody is recorded as present.} one {Present: {names}.} other {Present: {names}.}}',
  'closed.sent': 'Everyone in the plan has been sent a summary in the app and by e-mail.',
  'closed.next': 'Next meeting: {when}',
  'closed.noNext': 'No next meeting is set.',
  'closed.reopenLabel': 'What needs correcting?',
  'closed.reopenHint': 'The reason shows in the history. When you close the meeting again, everyone gets the corrected minutes.',
  'closed.reopen': 'Reopen the meeting for a correction',
  'closed.reasonRequired': 'Write what needs correcting.',
  'closed.reopened': 'The meeting is open for a correction.',
};

const MESSAGES: Record<Locale, Record<MeetingMessageKey, string>> = { nb, en };

const translate = createTranslator<MeetingMessageKey>(MESSAGES);

export type MeetingTranslate = (key: MeetingMessageKey, vars?: Record<string, string | number>) => string;

/** Meeting mode's words in the app's current language, with the app's own words and dates. */
export function useMeetingI18n() {
  const app = useI18n();
  const { locale } = app;
  const m = useMemo<MeetingTranslate>(() => (key, vars) => translate(locale, key, vars), [locale]);
  return { m, t: app.t, formatDate: app.formatDate };
}
