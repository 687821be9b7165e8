/**
 * The words of the notification screens (the list, e-mail preferences, the header badge) in plain
 * bokmål and English, in the app's current language (useI18n). {name} marks a value.
 */
import { useMemo } from 'react';
import type { NotificationDelivery, NotificationKind } from '#contracts';
import { createTranslator, useI18n, type Locale } from '../i18n';

type KindKey = `kind.${NotificationKind}`;
type DeliveryKey = `delivery.${NotificationDelivery}` | `delivery.${NotificationDelivery}.hint`;

const nbMessages = {
  'nav.link': 'Varsler',
  'nav.unread': '{count, plural, one {# ulest} other {# uleste}}',

  'list.title': 'Varsler',
  'list.intro': 'Her ser du det som har skjedd i planene dine, og det som venter på deg.',
  'list.onlyUnread': 'Vis bare uleste',
  'list.markAll': 'Merk alle som lest',
  'list.markRead': 'Merk som lest',
  'list.unread': 'Ulest',
  'list.unreadCount': 'Du har {count, plural, one {# ulest varsel} other {# uleste varsler}}.',
  'list.allRead': 'Du har lest alle varslene.',
  'list.empty': 'Du har ingen varsler.',
  'list.emptyUnread': 'Du har ingen uleste varsler.',
  'list.openPlan': 'Gå til planen',
  'list.openNeed': 'Åpne meldingen',
  'list.open': 'Åpne',
  'list.showMore': 'Vis flere',
  'list.settings': 'Velg når du får e-post',
  'list.markedAll': 'Alle varslene er merket som lest.',

  'prefs.title': 'Varsler på e-post',
  'prefs.intro': 'I Fellesplan ser du alltid alle varslene dine. Her velger du når du også får e-post om dem.',
  'prefs.privacy': 'E-posten sier bare hva slags varsel det er, og har en lenke hit. Navn og innhold fra planen står aldri i e-posten.',
  'prefs.default': 'Når vil du få e-post?',
  'prefs.perKind': 'Velg for hver type varsel',
  'prefs.perKindHint': 'Vil du ha noen varsler på en annen måte enn resten, velger du det her.',
  'prefs.followDefault': 'Som valgt over ({choice})',
  'prefs.invitationAlways': 'Invitasjoner til en plan sendes alltid med en gang, ellers kommer ingen inn.',
  'prefs.save': 'Lagre',
  'prefs.saved': 'Valgene dine er lagret.',
  'prefs.back': 'Tilbake til varslene',

  'delivery.immediate': 'Med en gang',
  'delivery.immediate.hint': 'Én e-post for hvert varsel.',
  'delivery.digest': 'Samlet én gang om dagen',
  'delivery.digest.hint': 'Én e-post om morgenen med alt fra siste døgn.',
  'delivery.off': 'Ingen e-post',
  'delivery.off.hint': 'Du ser varslene bare når du logger inn.',

  'kind.invitation': 'Invitasjon til en plan',
  'kind.task_assigned': 'Du har fått et tiltak',
  'kind.task_due_soon': 'Frist snart',
  'kind.task_overdue': 'Fristen har gått ut',
  'kind.meeting_scheduled': 'Nytt møte',
  'kind.meeting_moved': 'Møtet er flyttet',
  'kind.meeting_cancelled': 'Møtet er avlyst',
  'kind.evaluation_due': 'Planen skal evalueres',
  'kind.checkin_prompt': 'Hvordan går det med målene? (ukentlig, valgfritt)',
  'kind.mention': 'Noen nevnte deg',
  'kind.comment': 'Ny kommentar på et tiltak',
  'kind.need_reported': 'Ny melding om behov',
  'kind.coordinator_appointed': 'Du er oppnevnt som koordinator',
  'kind.consent_reminder': 'Påminnelse om samtykke til en plan',
  'kind.plan_nudge': 'Påminnelse fra koordinerende enhet om en plan',
  'kind.meeting_reminder': 'Påminnelse om møte dagen før',

  'sms.title': 'SMS',
  'sms.intro': 'Vil du også få noen varsler på SMS? En SMS sier bare at noe skjer og når, aldri navn eller noe fra planen.',
  'sms.phone': 'Mobilnummer',
  'sms.phoneHint': '8 siffer, eller med landskode (+46 …) for et utenlandsk nummer.',
  'sms.phoneSave': 'Lagre nummeret',
  'sms.phoneSaved': 'Nummeret er lagret: {phone}.',
  'sms.phoneRemove': 'Fjern nummeret',
  'sms.phoneRemoved': 'Nummeret er fjernet. Du får ingen SMS.',
  'sms.phoneNeeded': 'Legg inn mobilnummeret ditt først, så kan du slå på SMS.',
  'sms.enabled': 'Send meg SMS',
  'sms.enabledHint': 'Aldri mellom kl. 21 og 08: det som kommer da, sendes kl. 08.',
  'sms.stopped': 'Du svarte STOPP på en SMS {when}, så SMS er slått av. Slår du det på igjen her, får du SMS igjen.',
  'sms.kinds': 'Hva vil du ha på SMS?',
  'sms.reply': 'På en påminnelse om møte kan du svare JA eller NEI, så ser koordinatoren om du kommer. Svar STOPP for å slutte å få SMS.',
  'kind.member_added': 'Du er lagt til i en plan',
  'kind.meeting_summary': 'Referat fra et møte',
  'kind.meeting_closed': 'Et møte er avsluttet (uten innhold før samtykke)',
} as const satisfies Record<string, string> & Record<KindKey | DeliveryKey, string>;

export type NotificationMessageKey = keyof typeof nbMessages;
export const nb: Record<NotificationMessageKey, string> = nbMessages;

export const en: Record<NotificationMessageKey, string> = {
  'nav.link': 'Notifications',
  'nav.unread': '{count, plural, other {# unread}}',

  'list.title': 'Notifications',
  'list.intro': 'What has happened in your plans, and what is waiting for you.',
  'list.onlyUnread': 'Show unread only',
  'list.markAll': 'Mark all as read',
  'list.markRead': 'Mark as read',
  'list.unread': 'Unread',
  'list.unreadCount': 'You have {count, plural, one {# unread notification} other {# unread notifications}}.',
  'list.allRead': 'You have read every notification.',
  'list.empty': 'You have no notifications.',
  'list.emptyUnread': 'You have no unread notifications.',
  'list.openPlan': 'Go to the plan',
  'list.openNeed': 'Open the report',
  'list.open': 'Open',
  'list.showMore': 'Show more',
  'list.settings': 'Choose when you get e-mail',
  'list.markedAll': 'Every notification is marked as read.',

  'prefs.title': 'Notifications by e-mail',
  'prefs.intro': 'Fellesplan always shows all your notifications. Here you choose when you also get an e-mail about them.',
  'prefs.privacy':
    'The e-mail says only what kind of notification it is, with a link here. Names and what the plan holds are never in the e-mail.',
  'prefs.default': 'When do you want e-mail?',
  'prefs.perKind': 'Choose for each kind of notification',
  'prefs.perKindHint': 'If you want some notifications differently from the rest, choose it here.',
  'prefs.followDefault': 'As chosen above ({choice})',
  'prefs.invitationAlways': 'Invitations to a plan are always sent at once, or nobody could join.',
  'prefs.save': 'Save',
  'prefs.saved': 'Your choices are saved.',
  'prefs.back': 'Back to the notifications',

  'delivery.immediate': 'At once',
  'delivery.immediate.hint': 'One e-mail for each notification.',
  'delivery.digest': 'Once a day, together',
  'delivery.digest.hint': 'One e-mail in the morning with everything from the last day.',
  'delivery.off': 'No e-mail',
  'delivery.off.hint': 'You see the notifications only when you log in.',

  'kind.invitation': 'Invitation to a plan',
  'kind.task_assigned': 'A task was given to you',
  'kind.task_due_soon': 'Due soon',
  'kind.task_overdue': 'Past due',
  'kind.meeting_scheduled': 'New meeting',
  'kind.meeting_moved': 'Meeting moved',
  'kind.meeting_cancelled': 'Meeting cancelled',
  'kind.evaluation_due': 'The plan is due for evaluation',
  'kind.checkin_prompt': 'How are your goals going? (weekly, optional)',
  'kind.mention': 'Someone mentioned you',
  'kind.comment': 'A new comment on a task',
  'kind.need_reported': 'New report of a need',
  'kind.coordinator_appointed': 'You were made coordinator',
  'kind.consent_reminder': 'A reminder about consent to a plan',
  'kind.plan_nudge': 'A reminder from the coordinating unit about a plan',
  'kind.meeting_reminder': 'Meeting reminder the day before',

  'sms.title': 'SMS',
  'sms.intro':
    'Do you also want some notifications by SMS? An SMS only says that something is happening and when, never names or anything from the plan.',
  'sms.phone': 'Mobile number',
  'sms.phoneHint': '8 digits, or with a country code (+46 …) for a number abroad.',
  'sms.phoneSave': 'Save the number',
  'sms.phoneSaved': 'The number is saved: {phone}.',
  'sms.phoneRemove': 'Remove the number',
  'sms.phoneRemoved': 'The number is removed. You get no SMS.',
  'sms.phoneNeeded': 'Add your mobile number first, then you can turn SMS on.',
  'sms.enabled': 'Send me SMS',
  'sms.enabledHint': 'Never between 21:00 and 08:00: what comes then is sent at 08:00.',
  'sms.stopped': 'You answered STOPP to an SMS {when}, so SMS is off. If you turn it on again here, you get SMS again.',
  'sms.kinds': 'What do you want by SMS?',
  'sms.reply':
    'You can answer JA (yes) or NEI (no) to a meeting reminder, so the coordinator sees whether you come. Answer STOPP to get no more SMS.',
  'kind.member_added': 'You were added to a plan',
  'kind.meeting_summary': 'Minutes of a meeting',
  'kind.meeting_closed': 'A meeting was closed (no content before consent)',
};

const MESSAGES: Record<Locale, Record<NotificationMessageKey, string>> = { nb, en };

export type NotificationTranslate = (key: NotificationMessageKey, vars?: Record<string, string | number>) => string;

export const translate = createTranslator<NotificationMessageKey>(MESSAGES);

/** The notification screens' words in the app's current language, with the app's date formatting. */
export function useNotificationI18n() {
  const app = useI18n();
  const { locale } = app;
  const t = useMemo<NotificationTranslate>(() => (key, vars) => translate(locale, key, vars), [locale]);
  return { t, locale, formatDate: app.formatDate, tApp: app.t };
}
