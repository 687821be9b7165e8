/**
 * The words of starting a plan and gathering its group (the home screen's "Start en ny plan",
 * the plan's "Folk" part and a task's responsible), in plain bokmål and English.
 */
import { useMemo } from 'react';
import { createTranslator, useI18n, type Locale } from '../i18n';

const nbMessages = {
  'start.open': 'Start en ny plan',
  'start.title': 'Start en ny plan',
  'start.intro': 'Alt her kan endres senere. Bare navnet og hvordan personen nås, må være med.',
  'start.who': 'Hvem gjelder planen?',
  'start.personName': 'Navn',
  'start.personNameHint': 'Skriv en del av navnet. Har personen konto i kommunen, kan du velge den.',
  'start.pickCitizen': 'Velg {name}',
  'start.citizenHint': 'har konto i kommunen',
  'start.picked': '{name} har konto i kommunen og får planen under «Min plan».',
  'start.unpick': 'Velg en annen',
  'start.contact': 'Telefon eller e-post',
  'start.contactHint': 'Et norsk nummer med 8 siffer, et nummer med landskode (+46 …) eller en e-postadresse. Personen får en invitasjon.',
  'start.noContact': 'Personen har ikke telefon eller e-post',
  'start.noContactHint': 'Da skrives samtykket på papir, for eksempel i første møte.',
  'start.whatMatters': 'Hva er viktig for personen?',
  'start.whatMattersHint': 'Gjerne med personens egne ord.',
  'start.goals': 'Mål',
  'start.goalsHint': 'Skriv ett mål per linje.',
  'start.group': 'Ansvarsgruppen',
  'start.groupIntro': 'Du er koordinator. Legg til ansatte i kommunen, og inviter pårørende og andre.',
  'start.task': 'Første tiltak (kan vente)',
  'start.taskTitle': 'Hva skal gjøres',
  'start.taskGoal': 'Hører til målet',
  'start.taskDue': 'Innen',
  'start.submit': 'Start planen',
  'start.cancel': 'Avbryt',
  'start.working': 'Starter planen …',
  'start.error.name': 'Skriv navnet til personen planen gjelder.',
  'start.error.contact': 'Skriv et telefonnummer eller en e-postadresse til personen, eller kryss av for at personen ikke har det.',
  'start.error.contactInvalid': 'Telefonnummeret eller e-postadressen til personen ser ikke riktig ut.',
  'start.error.partial': 'Planen er startet, men ikke alt ble lagret: {what}. Åpne planen og legg det til der.',
  'start.done': 'Planen til {name} er startet',
  'start.openPlan': 'Åpne planen til {name}',
  'start.close': 'Lukk',
  'start.personLink': 'Gi lenken til {name}, så kan personen logge inn og gi samtykke:',

  'staff.search': 'Legg til en ansatt i kommunen',
  'staff.searchHint': 'Skriv en del av navnet, tjenesten eller enheten.',
  'staff.add': 'Legg til {name}',
  'staff.picked': 'Ansatte som legges til',
  'staff.remove': 'Fjern {name}',
  'staff.added': '{name} er lagt til i gruppen og har fått beskjed.',

  'search.results': '{count, plural, =0 {Ingen treff} one {# treff} other {# treff}}',
  'search.searching': 'Søker …',

  'rows.legend': 'Pårørende og andre utenfor kommunen',
  'rows.name': 'Navn',
  'rows.contact': 'Telefon eller e-post',
  'rows.role': 'Rolle i planen',
  'rows.rowLabel': 'Person {n}',
  'rows.addRow': 'Legg til en person til',
  'rows.removeRow': 'Fjern person {n}',
  'rows.remove': 'Fjern',
  'rows.send': 'Send invitasjonene',
  'rows.error.name': 'Person {n}: skriv navnet.',
  'rows.error.contact': 'Person {n}: skriv et telefonnummer eller en e-postadresse.',
  'rows.error.contactInvalid': 'Person {n}: telefonnummeret eller e-postadressen ser ikke riktig ut.',
  'rows.sent': '{count, plural, one {Invitasjonen er sendt.} other {# invitasjoner er sendt.}}',
  'rows.sentMail': '{name}: invitasjonen er sendt til {email}.',
  'rows.sentPhone': '{name}: gi lenken til {phone}:',
  'rows.link': 'Lenken, om du vil sende den selv:',

  'responsible.search': 'Hvem har ansvaret',
  'responsible.searchHint': 'Skriv en del av navnet: noen i gruppen, eller en ansatt i kommunen.',
  'responsible.me': '{name} (meg)',
  'responsible.inGroup': 'i gruppen',
  'responsible.fromDirectory': 'ansatt i kommunen, legges til i gruppen',
  'responsible.choose': 'Velg {name} som ansvarlig',
  'responsible.chosen': 'Ansvarlig: {name}',
  'responsible.change': 'Velg en annen ansvarlig',
  'responsible.otherTitle': 'Legg til den som skal ha ansvaret',
  'responsible.inviteTitle': 'Eller inviter noen utenfor kommunen',
  'responsible.invite': 'Inviter og velg',
  'responsible.added': '{name} er lagt til i gruppen og valgt som ansvarlig.',
} as const satisfies Record<string, string>;

export type GatherMessageKey = keyof typeof nbMessages;
const nb: Record<GatherMessageKey, string> = nbMessages;

const en: Record<GatherMessageKey, string> = {
  'start.open': 'Start a new plan',
  'start.title': 'Start a new plan',
  'start.intro': 'Everything here can be changed later. Only the name and how to reach the person are needed.',
  'start.who': 'Who is the plan for?',
  'start.personName': 'Name',
  'start.personNameHint': 'Type part of the name. If the person has an account in the municipality, you can pick it.',
  'start.pickCitizen': 'Pick {name}',
  'start.citizenHint': 'has an account in the municipality',
  'start.picked': '{name} has an account in the municipality and gets the plan under “My plan”.',
  'start.unpick': 'Pick someone else',
  'start.contact': 'Phone or e-mail',
  'start.contactHint':
    'A Norwegian 8-digit number, a number with country code (+46 …) or an e-mail address. The person gets an invitation.',
  'start.noContact': 'The person has no phone or e-mail',
  'start.noContactHint': 'Consent is then written on paper, for instance at the first meeting.',
  'start.whatMatters': 'What matters to the person?',
  'start.whatMattersHint': 'In the person’s own words, if you have them.',
  'start.goals': 'Goals',
  'start.goalsHint': 'One goal per line.',
  'start.group': 'The care team',
  'start.groupIntro': 'You are the coordinator. Add staff of the municipality, and invite relatives and others.',
  'start.task': 'A first task (can wait)',
  'start.taskTitle': 'What is to be done',
  'start.taskGoal': 'Belongs to the goal',
  'start.taskDue': 'By',
  'start.submit': 'Start the plan',
  'start.cancel': 'Cancel',
  'start.working': 'Starting the plan …',
  'start.error.name': 'Write the name of the person the plan is for.',
  'start.error.contact': 'Write a phone number or an e-mail address for the person, or tick that the person has neither.',
  'start.error.contactInvalid': 'The person’s phone number or e-mail address does not look right.',
  'start.error.partial': 'The plan is started, but not everything was saved: {what}. Open the plan and add it there.',
  'start.done': 'The plan for {name} is started',
  'start.openPlan': 'Open the plan for {name}',
  'start.close': 'Close',
  'start.personLink': 'Give the link to {name}, so they can log in and give consent:',

  'staff.search': 'Add a member of the municipality’s staff',
  'staff.searchHint': 'Type part of the name, the service or the unit.',
  'staff.add': 'Add {name}',
  'staff.picked': 'Staff to be added',
  'staff.remove': 'Remove {name}',
  'staff.added': '{name} is added to the group and has been told.',

  'search.results': '{count, plural, =0 {No matches} one {# match} other {# matches}}',
  'search.searching': 'Searching …',

  'rows.legend': 'Relatives and others outside the municipality',
  'rows.name': 'Name',
  'rows.contact': 'Phone or e-mail',
  'rows.role': 'Role in the plan',
  'rows.rowLabel': 'Person {n}',
  'rows.addRow': 'Add one more person',
  'rows.removeRow': 'Remove person {n}',
  'rows.remove': 'Remove',
  'rows.send': 'Send the invitations',
  'rows.error.name': 'Person {n}: write the name.',
  'rows.error.contact': 'Person {n}: write a phone number or an e-mail address.',
  'rows.error.contactInvalid': 'Person {n}: the phone number or e-mail address does not look right.',
  'rows.sent': '{count, plural, one {The invitation is sent.} other {# invitations are sent.}}',
  'rows.sentMail': '{name}: the invitation is sent to {email}.',
  'rows.sentPhone': '{name}: give the link to {phone}:',
  'rows.link': 'The link, if you want to send it yourself:',

  'responsible.search': 'Who is responsible',
  'responsible.searchHint': 'Type part of the name: someone in the group, or a member of the municipality’s staff.',
  'responsible.me': '{name} (me)',
  'responsible.inGroup': 'in the group',
  'responsible.fromDirectory': 'municipality staff, added to the group',
  'responsible.choose': 'Choose {name} as responsible',
  'responsible.chosen': 'Responsible: {name}',
  'responsible.change': 'Choose someone else',
  'responsible.otherTitle': 'Add the one who is to be responsible',
  'responsible.inviteTitle': 'Or invite someone outside the municipality',
  'responsible.invite': 'Invite and choose',
  'responsible.added': '{name} is added to the group and chosen as responsible.',
};

const MESSAGES: Record<Locale, Record<GatherMessageKey, string>> = { nb, en };
export const translate = createTranslator<GatherMessageKey>(MESSAGES);
export type GatherTranslate = (key: GatherMessageKey, vars?: Record<string, string | number>) => string;

/** These words in the app's current language, with the app's own words and dates. */
export function useGatherI18n() {
  const app = useI18n();
  const { locale } = app;
  const g = useMemo<GatherTranslate>(() => (key, vars) => translate(locale, key, vars), [locale]);
  return { g, t: app.t, locale, formatDate: app.formatDate };
}
