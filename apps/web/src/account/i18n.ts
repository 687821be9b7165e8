/**
 * The words of getting in and of my account (forgotten password, passkeys, /konto) and of the
 * staff screen of koordinerende enhet, in plain bokmål and English. {name} marks a value.
 */
import { useMemo } from 'react';
import { createTranslator, useI18n, type Locale } from '../i18n';

const nbMessages = {
  'login.forgot': 'Glemt passord?',
  'login.passkey': 'Logg inn med fingeren eller ansiktet',
  'login.passkeyFailed': 'Det gikk ikke å logge inn med passkey. Prøv igjen, eller logg inn med passord.',

  'forgot.title': 'Glemt passord',
  'forgot.intro':
    'Skriv e-postadressen du logger inn med. Vi sender deg en lenke for å velge nytt passord. Lenken virker én gang, i 30 minutter.',
  'forgot.email': 'E-post',
  'forgot.submit': 'Send lenke',
  'forgot.sent': 'Hvis adressen hører til en konto, får du en e-post med en lenke om litt. Sjekk også søppelpost.',
  'forgot.back': 'Tilbake til innlogging',

  'reset.title': 'Velg nytt passord',
  'reset.intro': 'Passordet må ha minst 10 tegn. Når du har valgt det, blir du logget ut på alle enheter.',
  'reset.password': 'Nytt passord',
  'reset.repeat': 'Gjenta nytt passord',
  'reset.mismatch': 'Passordene er ikke like.',
  'reset.tooShort': 'Passordet må ha minst 10 tegn.',
  'reset.submit': 'Lagre nytt passord',
  'reset.done': 'Passordet er endret. Du kan logge inn med det nye passordet.',
  'reset.invalid': 'Lenken er brukt eller for gammel. Be om en ny lenke.',
  'reset.noToken': 'Denne siden åpnes fra lenken i e-posten.',

  'offer.title': 'Logg inn med fingeren eller ansiktet neste gang',
  'offer.intro':
    'Med en passkey logger du inn med ett trykk, med fingeravtrykk, ansikt eller PIN på denne enheten. Du slipper å huske passordet.',
  'offer.name': 'Navn på enheten',
  'offer.defaultName': 'Denne enheten',
  'offer.accept': 'Ja, sett opp',
  'offer.decline': 'Ikke nå',
  'offer.failed': 'Det gikk ikke å sette opp passkey. Du kan prøve igjen under Min konto.',

  'account.title': 'Min konto',
  'account.nav': 'Min konto',
  'account.signedInWith': 'Du er logget inn med {method}, nivå {level}.',
  'account.levelTooLow':
    'For å lese planer må du logge inn på nivå {needed}: med HelseID eller ID-porten, eller med en passkey laget etter en slik innlogging.',

  'reading.title': 'Lesing',
  'reading.largeText': 'Større tekst',
  'reading.plainLayout': 'Enklere oppsett (én kolonne, færre bokser)',
  'reading.saved': 'Lagret.',

  'language.title': 'Språk',
  'language.label': 'Språk i Fellesplan',

  'channels.title': 'Varsler',
  'channels.email': 'Du får varsler på e-post til {email}.',
  'channels.sms': 'Varsler på SMS kommer senere.',
  'channels.settings': 'Velg hvilke varsler du vil ha',

  'passkeys.title': 'Passkeys',
  'passkeys.intro': 'Logg inn med fingeren, ansiktet eller PIN på enheter du bruker ofte.',
  'passkeys.none': 'Du har ingen passkeys.',
  'passkeys.add': 'Legg til passkey på denne enheten',
  'passkeys.remove': 'Fjern {name}',
  'passkeys.created': 'Laget {date}',
  'passkeys.unsupported': 'Denne nettleseren kan ikke bruke passkeys.',

  'password.title': 'Bytt passord',
  'password.current': 'Nåværende passord',
  'password.new': 'Nytt passord',
  'password.submit': 'Bytt passord',
  'password.done': 'Passordet er byttet. Du er logget ut på andre enheter.',

  'sessions.title': 'Enheter og innlogginger',
  'sessions.current': 'Denne enheten',
  'sessions.started': 'Logget inn {date}',
  'sessions.end': 'Logg ut denne',
  'sessions.everywhere': 'Logg ut overalt',
  'sessions.unknownDevice': 'Ukjent enhet',

  'method.password': 'passord',
  'method.password_otp': 'passord og engangskode',
  'method.passkey': 'passkey',
  'method.invitation': 'invitasjonslenke',
  'method.idporten': 'ID-porten',
  'method.helseid': 'HelseID',
  'method.oidc': 'innlogging hos en ekstern tjeneste',
  'level.low': 'lavt',
  'level.substantial': 'betydelig',
  'level.high': 'høyt',

  'staff.nav': 'Ansatte',
  'staff.title': 'Ansatte',
  'staff.intro': 'Her legger du til ansatte, endrer rolle og stenger kontoer. Koordinatorer velger kolleger fra denne listen.',
  'staff.search': 'Søk etter navn eller e-post',
  'staff.add': 'Legg til ansatt',
  'staff.name': 'Navn',
  'staff.email': 'E-post',
  'staff.phone': 'Telefon',
  'staff.role': 'Rolle',
  'staff.service': 'Tjeneste',
  'staff.organisation': 'Organisasjon',
  'staff.save': 'Lagre',
  'staff.added': '{name} er lagt til. Personen logger inn med HelseID, eller velger passord med «Glemt passord?».',
  'staff.disable': 'Steng kontoen',
  'staff.enable': 'Åpne kontoen',
  'staff.disabled': 'Stengt',
  'staff.changeRole': 'Rolle for {name}',
  'staff.import': 'Importer fra CSV-fil',
  'staff.importIntro':
    'Filen må være CSV UTF-8, høyst 1 MB, med kolonnene navn, e-post, rolle, og gjerne telefon, tjeneste og organisasjon.',
  'staff.file': 'CSV-fil',
  'staff.preview': 'Se gjennom',
  'staff.commit': 'Importer alle',
  'staff.previewSummary': '{valid} rader er klare, {invalid} har feil.',
  'staff.fixFirst': 'Rett feilene i filen og last den opp igjen. Ingenting blir lagret før alle rader er riktige.',
  'staff.imported': '{created} ansatte er lagt til.',
  'staff.line': 'Linje',
  'staff.errors': 'Feil',
  'staff.ok': 'OK',
  'role.systemkoordinator': 'Systemkoordinator',
  'role.coordinator': 'Koordinator',
  'role.professional': 'Fagperson',
  'role.citizen': 'Innbygger',
  'rowError.name_missing': 'Navn mangler',
  'rowError.email_invalid': 'Ugyldig e-post',
  'rowError.role_invalid': 'Ukjent rolle',
  'rowError.too_long': 'For lang verdi',
  'rowError.duplicate_in_file': 'Finnes to ganger i filen',
  'rowError.email_taken': 'Har allerede en konto',
} as const;

export type AccountMessageKey = keyof typeof nbMessages;
export const nb: Record<AccountMessageKey, string> = nbMessages;

export const en: Record<AccountMessageKey, string> = {
  'login.forgot': 'Forgot your password?',
  'login.passkey': 'Log in with your finger or face',
  'login.passkeyFailed': 'Logging in with a passkey did not work. Try again, or log in with your password.',

  'forgot.title': 'Forgot your password',
  'forgot.intro':
    'Enter the e-mail address you log in with. We send you a link to choose a new password. The link works once, for 30 minutes.',
  'forgot.email': 'E-mail',
  'forgot.submit': 'Send link',
  'forgot.sent': 'If the address belongs to an account, an e-mail with a link is on its way. Check your spam folder too.',
  'forgot.back': 'Back to log in',

  'reset.title': 'Choose a new password',
  'reset.intro': 'The password needs at least 10 characters. Once you have chosen it, you are logged out on all devices.',
  'reset.password': 'New password',
  'reset.repeat': 'Repeat the new password',
  'reset.mismatch': 'The passwords are not the same.',
  'reset.tooShort': 'The password needs at least 10 characters.',
  'reset.submit': 'Save new password',
  'reset.done': 'Your password has changed. You can log in with the new password.',
  'reset.invalid': 'The link has been used or is too old. Ask for a new link.',
  'reset.noToken': 'Open this page from the link in the e-mail.',

  'offer.title': 'Log in with your finger or face next time',
  'offer.intro': 'With a passkey you log in with one tap, using your fingerprint, face or PIN on this device. No password to remember.',
  'offer.name': 'Name of this device',
  'offer.defaultName': 'This device',
  'offer.accept': 'Yes, set it up',
  'offer.decline': 'Not now',
  'offer.failed': 'Setting up a passkey did not work. You can try again under My account.',

  'account.title': 'My account',
  'account.nav': 'My account',
  'account.signedInWith': 'You are logged in with {method}, level {level}.',
  'account.levelTooLow':
    'To read plans you need to log in at level {needed}: with HelseID or ID-porten, or with a passkey made after such a login.',

  'reading.title': 'Reading',
  'reading.largeText': 'Larger text',
  'reading.plainLayout': 'Plainer layout (one column, fewer boxes)',
  'reading.saved': 'Saved.',

  'language.title': 'Language',
  'language.label': 'Language in Fellesplan',

  'channels.title': 'Notifications',
  'channels.email': 'You get notifications by e-mail to {email}.',
  'channels.sms': 'Notifications by text message are coming later.',
  'channels.settings': 'Choose which notifications you want',

  'passkeys.title': 'Passkeys',
  'passkeys.intro': 'Log in with your finger, face or PIN on devices you use often.',
  'passkeys.none': 'You have no passkeys.',
  'passkeys.add': 'Add a passkey on this device',
  'passkeys.remove': 'Remove {name}',
  'passkeys.created': 'Made {date}',
  'passkeys.unsupported': 'This browser cannot use passkeys.',

  'password.title': 'Change password',
  'password.current': 'Current password',
  'password.new': 'New password',
  'password.submit': 'Change password',
  'password.done': 'Your password has changed. You are logged out on other devices.',

  'sessions.title': 'Devices and logins',
  'sessions.current': 'This device',
  'sessions.started': 'Logged in {date}',
  'sessions.end': 'Log this one out',
  'sessions.everywhere': 'Log out everywhere',
  'sessions.unknownDevice': 'Unknown device',

  'method.password': 'a password',
  'method.password_otp': 'a password and a one-time code',
  'method.passkey': 'a passkey',
  'method.invitation': 'an invitation link',
  'method.idporten': 'ID-porten',
  'method.helseid': 'HelseID',
  'method.oidc': 'an outside login service',
  'level.low': 'low',
  'level.substantial': 'substantial',
  'level.high': 'high',

  'staff.nav': 'Staff',
  'staff.title': 'Staff',
  'staff.intro': 'Add staff, change their role and close accounts here. Coordinators pick colleagues from this list.',
  'staff.search': 'Search by name or e-mail',
  'staff.add': 'Add a staff member',
  'staff.name': 'Name',
  'staff.email': 'E-mail',
  'staff.phone': 'Phone',
  'staff.role': 'Role',
  'staff.service': 'Service',
  'staff.organisation': 'Organisation',
  'staff.save': 'Save',
  'staff.added': '{name} has been added. They log in with HelseID, or choose a password with "Forgot your password?".',
  'staff.disable': 'Close the account',
  'staff.enable': 'Open the account',
  'staff.disabled': 'Closed',
  'staff.changeRole': 'Role of {name}',
  'staff.import': 'Import from a CSV file',
  'staff.importIntro':
    'The file must be CSV UTF-8, at most 1 MB, with the columns name, email, role, and if you like phone, service and organisation.',
  'staff.file': 'CSV file',
  'staff.preview': 'Check the file',
  'staff.commit': 'Import all',
  'staff.previewSummary': '{valid} rows are ready, {invalid} have errors.',
  'staff.fixFirst': 'Fix the errors in the file and upload it again. Nothing is saved until every row is right.',
  'staff.imported': '{created} staff members have been added.',
  'staff.line': 'Line',
  'staff.errors': 'Errors',
  'staff.ok': 'OK',
  'role.systemkoordinator': 'System coordinator',
  'role.coordinator': 'Coordinator',
  'role.professional': 'Professional',
  'role.citizen': 'Citizen',
  'rowError.name_missing': 'Name missing',
  'rowError.email_invalid': 'Invalid e-mail',
  'rowError.role_invalid': 'Unknown role',
  'rowError.too_long': 'A value is too long',
  'rowError.duplicate_in_file': 'Twice in the file',
  'rowError.email_taken': 'Already has an account',
};

const MESSAGES: Record<Locale, Record<AccountMessageKey, string>> = { nb, en };

export type AccountTranslate = (key: AccountMessageKey, vars?: Record<string, string | number>) => string;

export const translate = createTranslator<AccountMessageKey>(MESSAGES);

export function useAccountI18n() {
  const app = useI18n();
  const { locale } = app;
  const t = useMemo<AccountTranslate>(() => (key, vars) => translate(locale, key, vars), [locale]);
  return { t, locale, setLocale: app.setLocale, formatDate: app.formatDate, tApp: app.t };
}
