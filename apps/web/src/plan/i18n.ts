/**
 * The words of the plan's read view, editing in place, undo, comments, the person's home and
 * reading aloud, in plain bokmål and English (ICU messages: `{count, plural, ...}` for counts).
 * The language is the app's own (useI18n).
 */
import { useMemo } from 'react';
import { createTranslator, useI18n, type Locale } from '../i18n';

const nbMessages = {
  'tabs.label': 'Deler av planen',
  'tabs.plan': 'Planen',
  'tabs.tasks': 'Oppgaver',
  'tabs.meetings': 'Møter',
  'tabs.people': 'Folk',
  'tabs.history': 'Historikk',

  'goals.intro': 'Et mål er noe du vil få til. Et tiltak er det som skal gjøres for å nå målet: hva, hvor mye, hvem og når.',
  'goals.progress': '{done} av {total} tiltak er gjort',
  'goals.noTasks': 'Ingen tiltak ennå.',
  'goals.next': 'Det neste som skal skje',
  'goals.details': 'Vis mer om målet',
  'goals.doneTasks': '{count, plural, one {# tiltak er gjort} other {# tiltak er gjort}}',
  'goals.newGoal': 'Lag et nytt mål',
  'goals.discard': 'Forkast',

  'edit.start': 'Endre',
  'edit.startLabel': 'Endre «{title}»',
  'edit.done': 'Ferdig med å endre',
  'edit.whatMatters': 'Endre det som er viktig',
  'edit.empty': 'Ikke skrevet ennå.',

  'task.who': 'Ansvar: {name}',
  'task.nobody': 'Ingen har ansvaret ennå',
  'task.due': 'innen {date}',
  'task.scope': 'omfang: {scope}',
  'task.markDone': 'Marker som gjort',
  'task.markDoneLabel': 'Marker som gjort: {title}',
  'task.isDone': 'Gjort',
  'task.mine': 'Deg',
  'task.how': 'Slik gjør vi det',

  'tasks.title': 'Alle oppgaver',
  'tasks.intro': 'Alle tiltak i planen, de som skal gjøres først øverst.',
  'tasks.mine': 'Mine oppgaver',
  'tasks.others': 'Andres oppgaver',
  'tasks.done': 'Gjort',
  'tasks.none': 'Ingen oppgaver her.',

  'undo.removed': '«{label}» er fjernet.',
  'undo.restored': '«{label}» er tilbake.',
  'undo.undo': 'Angre',
  'undo.removeMeeting': 'Fjern møtet',
  'undo.removeMeetingLabel': 'Fjern møtet «{title}»',
  'undo.removeNote': 'Fjern notatet',
  'undo.removeNoteLabel': 'Fjern notatet «{title}»',

  'deleted.title': 'Fjernet fra planen',
  'deleted.intro': 'Det som er fjernet, kan hentes tilbake.',
  'deleted.empty': 'Ingenting er fjernet.',
  'deleted.row': '{title}, fjernet av {name} {date}',
  'deleted.restore': 'Hent tilbake',
  'deleted.restoreLabel': 'Hent tilbake «{title}»',
  'deleted.type.goal': 'Mål',
  'deleted.type.task': 'Tiltak',
  'deleted.type.meeting': 'Møte',
  'deleted.type.journal': 'Notat',

  'comments.show': '{count, plural, =0 {Kommenter} one {# kommentar} other {# kommentarer}}',
  'comments.open': 'Kommentarer',
  'comments.title': 'Kommentarer til «{title}»',
  'comments.empty': 'Ingen kommentarer ennå.',
  'comments.label': 'Skriv en kommentar',
  'comments.hint': 'Skriv @ og et navn for å gi beskjed til noen i gruppen.',
  'comments.send': 'Send kommentaren',
  'comments.required': 'Skriv noe først.',
  'comments.by': '{name}, {date}',

  'new.hasDraft': 'Du har en kladd som ikke er sendt.',

  'readAloud.start': 'Les opp',
  'readAloud.stop': 'Stopp opplesingen',

  'seen.new': 'Nytt siden sist',

  'home.title': 'Min plan',
  'home.titleMany': 'Mine planer',
  'home.planFor': 'Planen til {name}',
  'home.openPlan': 'Åpne planen',
  'home.nextSteps': 'Mine neste steg',
  'home.nextStepsCount': '{count, plural, =0 {Ingen oppgaver på deg} one {# oppgave på deg} other {# oppgaver på deg}}',
  'home.noSteps': 'Du har ingen oppgaver som venter.',
  'home.nextMeeting': 'Neste møte',
  'home.noMeeting': 'Ingen møter er satt opp.',
  'home.addToCalendar': 'Legg i kalenderen',
  'home.changes': 'Endret siden sist',
  'home.changesCount': '{count, plural, =0 {Ingen endringer siden sist} one {# endring siden sist} other {# endringer siden sist}}',
  'home.hereNow': 'Her nå',
  'home.hereNowCount': '{count, plural, =0 {Ingen andre er inne nå} one {# person er inne nå} other {# personer er inne nå}}',
  'home.consentRequired': 'Du ser planen når personen har gitt samtykke.',
  'home.doneNow': '«{title}» er gjort.',
  'home.change': '{name} endret {what}',
  'home.what.plan': 'planen',
  'home.what.goal': 'et mål',
  'home.what.task': 'et tiltak',
  'home.what.meeting': 'et møte',
  'home.what.journal': 'dagboken',
  'home.what.journal_draft': 'et notat som skrives sammen',
  'home.what.member': 'ansvarsgruppen',
  'home.what.consent': 'samtykke',
  'home.what.comment': 'en kommentar',
  'home.what.evaluation': 'en evaluering',
  'home.what.rating': 'en vurdering',
  'home.what.rsvp': 'et svar på et møte',
  'added.goal': 'Målet er lagt til. Skriv det neste, eller lukk skjemaet.',
  'added.task': 'Tiltaket er lagt til. Skriv det neste, eller lukk skjemaet.',
  'responsible.other': 'Noen andre …',
} as const satisfies Record<string, string>;

export type PlanViewMessageKey = keyof typeof nbMessages;
const nb: Record<PlanViewMessageKey, string> = nbMessages;

const en: Record<PlanViewMessageKey, string> = {
  'tabs.label': 'Parts of the plan',
  'tabs.plan': 'The plan',
  'tabs.tasks': 'Tasks',
  'tabs.meetings': 'Meetings',
  'tabs.people': 'People',
  'tabs.history': 'History',

  'goals.intro': 'A goal is something you want to achieve. A task (tiltak) is what is done to reach it: what, how much, who and when.',
  'goals.progress': '{done} of {total} tasks done',
  'goals.noTasks': 'No tasks yet.',
  'goals.next': 'What happens next',
  'goals.details': 'More about this goal',
  'goals.doneTasks': '{count, plural, one {# task done} other {# tasks done}}',
  'goals.newGoal': 'Add a new goal',
  'goals.discard': 'Discard',

  'edit.start': 'Edit',
  'edit.startLabel': 'Edit “{title}”',
  'edit.done': 'Done editing',
  'edit.whatMatters': 'Edit what matters',
  'edit.empty': 'Not written yet.',

  'task.who': 'Responsible: {name}',
  'task.nobody': 'Nobody is responsible yet',
  'task.due': 'by {date}',
  'task.scope': 'amount: {scope}',
  'task.markDone': 'Mark as done',
  'task.markDoneLabel': 'Mark as done: {title}',
  'task.isDone': 'Done',
  'task.mine': 'You',
  'task.how': 'How we do it',

  'tasks.title': 'All tasks',
  'tasks.intro': 'Every task in the plan, the ones due first at the top.',
  'tasks.mine': 'My tasks',
  'tasks.others': 'Other people’s tasks',
  'tasks.done': 'Done',
  'tasks.none': 'No tasks here.',

  'undo.removed': '“{label}” was removed.',
  'undo.restored': '“{label}” is back.',
  'undo.undo': 'Undo',
  'undo.removeMeeting': 'Remove the meeting',
  'undo.removeMeetingLabel': 'Remove the meeting “{title}”',
  'undo.removeNote': 'Remove the note',
  'undo.removeNoteLabel': 'Remove the note “{title}”',

  'deleted.title': 'Removed from the plan',
  'deleted.intro': 'What was removed can be brought back.',
  'deleted.empty': 'Nothing has been removed.',
  'deleted.row': '{title}, removed by {name} {date}',
  'deleted.restore': 'Bring back',
  'deleted.restoreLabel': 'Bring back “{title}”',
  'deleted.type.goal': 'Goal',
  'deleted.type.task': 'Task',
  'deleted.type.meeting': 'Meeting',
  'deleted.type.journal': 'Note',

  'comments.show': '{count, plural, =0 {Comment} one {# comment} other {# comments}}',
  'comments.open': 'Comments',
  'comments.title': 'Comments on “{title}”',
  'comments.empty': 'No comments yet.',
  'comments.label': 'Write a comment',
  'comments.hint': 'Type @ and a name to let someone in the group know.',
  'comments.send': 'Send the comment',
  'comments.required': 'Write something first.',
  'comments.by': '{name}, {date}',

  'new.hasDraft': 'You have a draft that is not sent.',

  'readAloud.start': 'Read aloud',
  'readAloud.stop': 'Stop reading',

  'seen.new': 'New since you last looked',

  'home.title': 'My plan',
  'home.titleMany': 'My plans',
  'home.planFor': 'The plan for {name}',
  'home.openPlan': 'Open the plan',
  'home.nextSteps': 'My next steps',
  'home.nextStepsCount': '{count, plural, =0 {No tasks for you} one {# task for you} other {# tasks for you}}',
  'home.noSteps': 'You have no tasks waiting.',
  'home.nextMeeting': 'Next meeting',
  'home.noMeeting': 'No meeting is planned.',
  'home.addToCalendar': 'Add to calendar',
  'home.changes': 'Changed since you last looked',
  'home.changesCount':
    '{count, plural, =0 {No changes since you last looked} one {# change since you last looked} other {# changes since you last looked}}',
  'home.hereNow': 'Here now',
  'home.hereNowCount': '{count, plural, =0 {Nobody else is here now} one {# person is here now} other {# people are here now}}',
  'home.consentRequired': 'You will see the plan once the person has given consent.',
  'home.doneNow': '“{title}” is done.',
  'home.change': '{name} changed {what}',
  'home.what.plan': 'the plan',
  'home.what.goal': 'a goal',
  'home.what.task': 'a task',
  'home.what.meeting': 'a meeting',
  'home.what.journal': 'the journal',
  'home.what.journal_draft': 'a note written together',
  'home.what.member': 'the group',
  'home.what.consent': 'consent',
  'home.what.comment': 'a comment',
  'home.what.evaluation': 'an evaluation',
  'home.what.rating': 'a rating',
  'home.what.rsvp': 'an answer to a meeting',
  'added.goal': 'The goal is added. Write the next one, or close the form.',
  'added.task': 'The task is added. Write the next one, or close the form.',
  'responsible.other': 'Someone else …',
};

const MESSAGES: Record<Locale, Record<PlanViewMessageKey, string>> = { nb, en };

export type PlanViewTranslate = (key: PlanViewMessageKey, vars?: Record<string, string | number>) => string;

export const translate = createTranslator<PlanViewMessageKey>(MESSAGES);

/** The plan view's words in the app's current language, with the app's own words and dates. */
export function usePlanI18n() {
  const app = useI18n();
  const { locale } = app;
  const p = useMemo<PlanViewTranslate>(() => (key, vars) => translate(locale, key, vars), [locale]);
  return { p, t: app.t, locale, formatDate: app.formatDate };
}
