/**
 * The words of the exported plan (PDF and archive copy), in the person's language: bokmål by
 * default, English available. Plain key → string maps with {name} placeholders.
 */
import type { ConsentForm, GasRating, GoalStatus, LifeArea, PlanRole, PlanStatus, TaskStatus } from '#contracts';

export type DocumentLanguage = 'nb' | 'en';

interface DocumentMessages {
  documentTitle: string;
  planFor: string;
  revisionPrinted: string;
  page: string;
  archiveCopy: string;
  status: Record<PlanStatus, string>;
  planPeriod: string;
  nextEvaluation: string;
  notSet: string;
  whatMatters: string;
  resources: string;
  needs: string;
  cooperation: string;
  nothingWritten: string;
  goals: string;
  noGoals: string;
  lifeArea: Record<LifeArea, string>;
  goalStatus: Record<GoalStatus, string>;
  /** GAS steps in words, by rating (−2 … 2). */
  gas: Record<GasRating, string>;
  /** "Latest evaluation ({date}): {words}" */
  latestRating: string;
  gasTitle: string;
  targetDate: string;
  progress: string;
  tasksWithoutGoal: string;
  noTasks: string;
  taskWho: string;
  taskHow: string;
  taskScope: string;
  taskWhen: string;
  taskStatus: Record<TaskStatus, string>;
  nobody: string;
  team: string;
  role: Record<PlanRole, string>;
  contact: string;
  contribution: string;
  invited: string;
  consent: string;
  consentNotShown: string;
  consentToPlan: string;
  consentToMember: string;
  consentGiven: string;
  consentRevoked: string;
  consentMissing: string;
  consentForm: Record<ConsentForm, string>;
  meetings: string;
  noMeetings: string;
  meetingStatus: Record<'planned' | 'held' | 'cancelled', string>;
  place: string;
  agenda: string;
  minutes: string;
  present: string;
  minutesApproved: string;
  decisions: string;
  noDecisions: string;
}

const nb: DocumentMessages = {
  documentTitle: 'Individuell plan',
  planFor: 'Plan for {name}',
  revisionPrinted: 'Versjon {revision} · skrevet ut {date}',
  page: 'Side {page} av {pages}',
  archiveCopy: 'Arkivkopi (PDF/A-2) · dokumenttype 9602 A02-2 Individuell plan',
  status: { draft: 'Utkast', active: 'Aktiv', closed: 'Avsluttet' },
  planPeriod: 'Planperiode',
  nextEvaluation: 'Neste evaluering',
  notSet: 'ikke satt',
  whatMatters: 'Hva er viktig for meg',
  resources: 'Mine ressurser',
  needs: 'Mine behov',
  cooperation: 'Samarbeid med andre tjenester',
  nothingWritten: 'Ikke skrevet ennå.',
  goals: 'Mål og tiltak',
  noGoals: 'Ingen mål ennå.',
  lifeArea: {
    bolig: 'Bolig',
    skole_arbeid: 'Skole og arbeid',
    helse: 'Helse',
    fritid: 'Fritid',
    okonomi: 'Økonomi',
    nettverk: 'Nettverk',
    hverdagsmestring: 'Hverdagsmestring',
    annet: 'Annet',
  },
  goalStatus: { not_started: 'Ikke startet', in_progress: 'I gang', achieved: 'Nådd', paused: 'På pause', dropped: 'Avsluttet' },
  gas: {
    [-2]: 'Mye verre enn forventet',
    [-1]: 'Litt verre enn forventet',
    0: 'Som forventet',
    1: 'Litt bedre enn forventet',
    2: 'Mye bedre enn forventet',
  },
  latestRating: 'Siste evaluering ({date}): {words}',
  gasTitle: 'Måloppnåelse (Goal Attainment Scaling)',
  targetDate: 'Ønsket nådd',
  progress: '{done} av {total} tiltak ferdige',
  tasksWithoutGoal: 'Tiltak uten mål',
  noTasks: 'Ingen tiltak ennå.',
  taskWho: 'Hvem',
  taskHow: 'Hvordan',
  taskScope: 'Hvor mye',
  taskWhen: 'Når',
  taskStatus: { planned: 'Planlagt', in_progress: 'I gang', done: 'Ferdig', cancelled: 'Avlyst' },
  nobody: 'ingen ennå',
  team: 'Ansvarsgruppen',
  role: {
    person: 'Planen er for',
    guardian: 'Foresatt/verge',
    coordinator: 'Koordinator',
    relative: 'Pårørende',
    professional: 'Tjenesteyter',
  },
  contact: 'Kontakt',
  contribution: 'Bidrar med',
  invited: 'invitert, ikke med ennå',
  consent: 'Samtykke',
  consentNotShown: 'Samtykkene vises bare for personen, foresatte og koordinatoren.',
  consentToPlan: 'Samtykke til planen',
  consentToMember: 'Samtykke til at {name} ser planen',
  consentGiven: 'gitt {date} av {name}, {form}',
  consentRevoked: 'trukket tilbake {date}',
  consentMissing: 'Ikke gitt',
  consentForm: { digital: 'digitalt', oral: 'muntlig', paper: 'på papir' },
  meetings: 'Møter',
  noMeetings: 'Ingen møter ennå.',
  meetingStatus: { planned: 'Planlagt', held: 'Holdt', cancelled: 'Avlyst' },
  place: 'Sted',
  agenda: 'Saker',
  minutes: 'Referat',
  present: 'Til stede',
  minutesApproved: 'Referatet er godkjent av {name} {date}.',
  decisions: 'Vedtak',
  noDecisions: 'Ingen vedtak.',
};

const en: DocumentMessages = {
  documentTitle: 'Individual plan',
  planFor: 'Plan for {name}',
  revisionPrinted: 'Version {revision} · printed {date}',
  page: 'Page {page} of {pages}',
  archiveCopy: 'Archive copy (PDF/A-2) · document type 9602 A02-2 Individuell plan',
  status: { draft: 'Draft', active: 'Active', closed: 'Closed' },
  planPeriod: 'Plan period',
  nextEvaluation: 'Next evaluation',
  notSet: 'not set',
  whatMatters: 'What matters to me',
  resources: 'My resources',
  needs: 'My needs',
  cooperation: 'Cooperation with other services',
  nothingWritten: 'Nothing written yet.',
  goals: 'Goals and tasks',
  noGoals: 'No goals yet.',
  lifeArea: {
    bolig: 'Housing',
    skole_arbeid: 'School and work',
    helse: 'Health',
    fritid: 'Leisure',
    okonomi: 'Finances',
    nettverk: 'Network',
    hverdagsmestring: 'Everyday coping',
    annet: 'Other',
  },
  goalStatus: { not_started: 'Not started', in_progress: 'In progress', achieved: 'Achieved', paused: 'Paused', dropped: 'Dropped' },
  gas: {
    [-2]: 'Much worse than expected',
    [-1]: 'Somewhat worse than expected',
    0: 'As expected',
    1: 'Somewhat better than expected',
    2: 'Much better than expected',
  },
  latestRating: 'Latest evaluation ({date}): {words}',
  gasTitle: 'Goal attainment (Goal Attainment Scaling)',
  targetDate: 'Target date',
  progress: '{done} of {total} tasks done',
  tasksWithoutGoal: 'Tasks without a goal',
  noTasks: 'No tasks yet.',
  taskWho: 'Who',
  taskHow: 'How',
  taskScope: 'How much',
  taskWhen: 'When',
  taskStatus: { planned: 'Planned', in_progress: 'In progress', done: 'Done', cancelled: 'Cancelled' },
  nobody: 'nobody yet',
  team: 'The team (ansvarsgruppe)',
  role: { person: 'The plan is for', guardian: 'Guardian', coordinator: 'Coordinator', relative: 'Relative', professional: 'Professional' },
  contact: 'Contact',
  contribution: 'Contributes',
  invited: 'invited, not joined yet',
  consent: 'Consent',
  consentNotShown: 'Consent records are shown only to the person, guardians and the coordinator.',
  consentToPlan: 'Consent to the plan',
  consentToMember: 'Consent for {name} to see the plan',
  consentGiven: 'given {date} by {name}, {form}',
  consentRevoked: 'withdrawn {date}',
  consentMissing: 'Not given',
  consentForm: { digital: 'digitally', oral: 'orally', paper: 'on paper' },
  meetings: 'Meetings',
  noMeetings: 'No meetings yet.',
  meetingStatus: { planned: 'Planned', held: 'Held', cancelled: 'Cancelled' },
  place: 'Place',
  agenda: 'Agenda',
  minutes: 'Minutes',
  present: 'Present',
  minutesApproved: 'The minutes were approved by {name} on {date}.',
  decisions: 'Decisions',
  noDecisions: 'No decisions.',
};

export const DOCUMENT_MESSAGES: Readonly<Record<DocumentLanguage, DocumentMessages>> = { nb, en };

/** Fills {name} placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

const DATE: Record<DocumentLanguage, Intl.DateTimeFormat> = {
  nb: new Intl.DateTimeFormat('nb-NO', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Oslo' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Oslo' }),
};
const DATE_TIME: Record<DocumentLanguage, Intl.DateTimeFormat> = {
  nb: new Intl.DateTimeFormat('nb-NO', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Oslo' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Oslo' }),
};

/** A date as the reader writes it: 1. desember 2026 / 1 December 2026 (Europe/Oslo). */
export function formatDate(value: string | Date, language: DocumentLanguage): string {
  // A plain date (2026-12-01) is that day wherever the reader is: read it at noon UTC.
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return DATE[language].format(date);
}

export function formatDateTime(value: string | Date, language: DocumentLanguage): string {
  return DATE_TIME[language].format(new Date(value));
}
