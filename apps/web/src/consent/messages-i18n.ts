/**
 * The words of consent without dead ends: consent recorded from paper or speech, what a plan still
 * needs, the reminder to the person, and the screen of a member who waits. Plain bokmål and
 * English, ICU messages (`{count, plural, ...}`), in the app's current language.
 */
import { createTranslator, type Locale } from '../i18n/translate';

const nbMessages = {
  'needs.title': 'Samtykke mangler',
  'needs.planMissing': '{name} har ikke gitt samtykke til planen.',
  'needs.waiting': '{count, plural, one {# person venter} other {# personer venter}} på samtykke for å se planen.',
  'needs.noLogin': '{name} kan ikke logge inn. Har {name} sagt ja muntlig eller på papir, registrerer du det her.',
  'needs.invited': '{name} er invitert på e-post, men har ikke logget inn ennå.',
  'needs.recordCta': 'Registrer samtykke gitt på papir',
  'needs.remindCta': 'Se hvem som venter',
  'needs.cardLink': 'Samtykke mangler: {count, plural, =0 {til planen} one {# person venter} other {# personer venter}}',

  'status.title': 'Hvem venter på samtykke',
  'status.nobody': 'Ingen venter på samtykke.',
  'status.since': 'venter siden {date}',
  'status.remind': 'Send påminnelse til {name}',
  'status.reminded': '{name} ble minnet på samtykke {date}.',
  'status.nextReminder': 'Du kan sende en ny påminnelse {date}.',
  'status.remindSent': 'Påminnelsen er sendt til {count, plural, one {# person} other {# personer}}.',
  'status.cannotRemind': '{name} kan ikke logge inn, så en påminnelse når ikke fram. Registrer samtykke gitt på papir i stedet.',
  'status.invitedOnly': '{name} har ikke tatt imot invitasjonen ennå. Påminnelsen kan sendes når {name} har logget inn.',

  'record.title': 'Registrer samtykke gitt muntlig eller på papir',
  'record.intro':
    'Har {name} gitt samtykke i et møte eller på et skjema? Registrer det her. {name} ser det i planen og kan trekke det tilbake når som helst.',
  'record.how': 'Hvordan ble samtykket gitt?',
  'record.paper': 'På papir (signert skjema)',
  'record.oral': 'Muntlig',
  'record.date': 'Dato samtykket ble gitt',
  'record.covers': 'Hva gjelder samtykket?',
  'record.toPlan': 'At planen lages',
  'record.toMember': 'At {name} ({role}) kan se planen',
  'record.note': 'Merknad (valgfritt)',
  'record.noteHint': 'For eksempel hvem som var til stede, eller hva samtykket ikke gjelder.',
  'record.file': 'Skannet skjema (valgfritt)',
  'record.fileHint': 'PDF, PNG eller JPEG, høyst 10 MB.',
  'record.submit': 'Registrer samtykket',
  'record.nothing': 'Velg hva samtykket gjelder.',
  'record.dateRequired': 'Skriv datoen samtykket ble gitt.',
  'record.fileTooLarge': 'Filen er større enn 10 MB. Skann med lavere oppløsning, eller del den opp.',
  'record.fileType': 'Filen må være PDF, PNG eller JPEG.',
  'record.done': 'Samtykket er registrert.',
  'record.doneWithFile': 'Samtykket er registrert, og skjemaet er lagret.',
  'record.fileFailed': 'Samtykket er registrert, men skjemaet ble ikke lagret: {reason}',
  'record.uploadAgain': 'Last opp skjemaet',

  'given.recorded': 'Samtykke gitt {form, select, paper {på papir} other {muntlig}} {date}, registrert av {name}',
  'given.document': 'Last ned skjemaet ({type}, {size})',

  'wait.title': 'Venter på samtykke',
  'wait.why':
    'Du er med i planen «{title}», men {name} har ikke gitt samtykke til at du ser den ennå. Det er {name} (eller en verge) som bestemmer.',
  'wait.nextAccount': '{coordinator} kan minne {name} på det. Når samtykket er gitt, ser du planen her.',
  'wait.nextPaper':
    '{name} kan ikke logge inn selv. {coordinator} kan registrere samtykke som {name} har gitt muntlig eller på papir, for eksempel i neste ansvarsgruppemøte. Da ser du planen her.',
  'wait.reminded': '{name} ble minnet på samtykke {date}.',
  'wait.since': 'Du har ventet siden {date}.',
  'wait.coordinatorFallback': 'Koordinatoren',
  'wait.checkAgain': 'Sjekk igjen',
  'wait.stillWaiting': 'Samtykket er ikke gitt ennå.',
  'wait.home': 'Hva skjer nå?',
} as const satisfies Record<string, string>;

export type ConsentMessageKey = keyof typeof nbMessages;
export const nb: Record<ConsentMessageKey, string> = nbMessages;

export const en: Record<ConsentMessageKey, string> = {
  'needs.title': 'Consent missing',
  'needs.planMissing': '{name} has not consented to the plan.',
  'needs.waiting': '{count, plural, one {# person is} other {# people are}} waiting for consent to see the plan.',
  'needs.noLogin': '{name} cannot log in. If {name} said yes orally or on paper, record it here.',
  'needs.invited': '{name} was invited by e-mail but has not logged in yet.',
  'needs.recordCta': 'Record consent given on paper',
  'needs.remindCta': 'See who is waiting',
  'needs.cardLink': 'Consent missing: {count, plural, =0 {to the plan} one {# person waiting} other {# people waiting}}',

  'status.title': 'Who is waiting for consent',
  'status.nobody': 'Nobody is waiting for consent.',
  'status.since': 'waiting since {date}',
  'status.remind': 'Send a reminder to {name}',
  'status.reminded': '{name} was reminded about consent on {date}.',
  'status.nextReminder': 'You can send another reminder on {date}.',
  'status.remindSent': 'The reminder was sent to {count, plural, one {# person} other {# people}}.',
  'status.cannotRemind': '{name} cannot log in, so a reminder would not arrive. Record consent given on paper instead.',
  'status.invitedOnly': '{name} has not accepted the invitation yet. A reminder can be sent once {name} has logged in.',

  'record.title': 'Record consent given orally or on paper',
  'record.intro':
    'Did {name} give consent in a meeting or on a form? Record it here. {name} sees it in the plan and can withdraw it at any time.',
  'record.how': 'How was consent given?',
  'record.paper': 'On paper (signed form)',
  'record.oral': 'Orally',
  'record.date': 'Date consent was given',
  'record.covers': 'What does the consent cover?',
  'record.toPlan': 'That the plan is made',
  'record.toMember': 'That {name} ({role}) may see the plan',
  'record.note': 'Note (optional)',
  'record.noteHint': 'For example who was present, or what the consent does not cover.',
  'record.file': 'Scanned form (optional)',
  'record.fileHint': 'PDF, PNG or JPEG, at most 10 MB.',
  'record.submit': 'Record the consent',
  'record.nothing': 'Choose what the consent covers.',
  'record.dateRequired': 'Write the date consent was given.',
  'record.fileTooLarge': 'The file is larger than 10 MB. Scan at a lower resolution, or split it.',
  'record.fileType': 'The file must be PDF, PNG or JPEG.',
  'record.done': 'The consent is recorded.',
  'record.doneWithFile': 'The consent is recorded, and the form is stored.',
  'record.fileFailed': 'The consent is recorded, but the form was not stored: {reason}',
  'record.uploadAgain': 'Upload the form',

  'given.recorded': 'Consent given {form, select, paper {on paper} other {orally}} on {date}, recorded by {name}',
  'given.document': 'Download the form ({type}, {size})',

  'wait.title': 'Waiting for consent',
  'wait.why':
    'You are in the plan “{title}”, but {name} has not consented to you seeing it yet. It is for {name} (or a guardian) to decide.',
  'wait.nextAccount': '{coordinator} can remind {name}. Once consent is given, you will see the plan here.',
  'wait.nextPaper':
    '{name} cannot log in. {coordinator} can record consent {name} gave orally or on paper, for example at the next meeting. Then you will see the plan here.',
  'wait.reminded': '{name} was reminded about consent on {date}.',
  'wait.since': 'You have been waiting since {date}.',
  'wait.coordinatorFallback': 'The coordinator',
  'wait.checkAgain': 'Check again',
  'wait.stillWaiting': 'Consent has not been given yet.',
  'wait.home': 'What happens next?',
};

const MESSAGES: Record<Locale, Record<ConsentMessageKey, string>> = { nb, en };

export type ConsentTranslate = (key: ConsentMessageKey, vars?: Record<string, string | number>) => string;

export const translate = createTranslator<ConsentMessageKey>(MESSAGES);
