/**
 * The words of an SMS, per notification kind, in Norwegian (nb) and English. An SMS is read on a
 * lock screen and stays on the phone: it carries NO health information — no person's name, no
 * plan, task or goal title, no service or diagnosis — only that something is due and when, and
 * for a meeting reminder how to answer. Every text fits one SMS (160 characters). Pure.
 */
import type { NotificationKind } from '#contracts';
import { formatDate } from '../notifications/local-time';

export type SmsLocale = 'nb' | 'en';
export type SmsParams = Record<string, string | null | undefined>;

/** One SMS (GSM 03.38, single part): longer texts are refused, never cut. */
export const MAX_SMS_LENGTH = 160;

/** The clock time of an instant, "10" or "10.30" (nb), "10:00" / "10:30" (en). */
function clock(iso: string | null | undefined, tz: string, locale: SmsLocale): string {
  if (!iso) return '';
  const f = new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const [h, m] = f.format(new Date(iso)).split(':');
  if (locale === 'en') return `${h}:${m}`;
  return m === '00' ? String(Number(h)) : `${Number(h)}.${m}`;
}

const day = (iso: string | null | undefined, locale: SmsLocale) => (iso ? formatDate(iso, locale) : '');

type Template = (p: SmsParams, tz: string) => string;

const TEXTS: Record<SmsLocale, Partial<Record<NotificationKind, Template>> & { other: Template }> = {
  nb: {
    meeting_reminder: (p, tz) => `Du har et møte i Fellesplan i morgen kl. ${clock(p.startsAt, tz, 'nb')}. Svar JA eller NEI.`,
    task_due_soon: (p) => `Du har en oppgave i Fellesplan med frist ${day(p.dueDate, 'nb')}. Logg inn for å se den.`,
    task_overdue: (p) => `Fristen for en oppgave i Fellesplan var ${day(p.dueDate, 'nb')}. Logg inn for å se den.`,
    evaluation_due: (p) => `En plan i Fellesplan skal evalueres innen ${day(p.evaluationDate, 'nb')}. Logg inn for å se den.`,
    checkin_prompt: () => 'Hvordan går det? Du kan svare i Fellesplan når det passer deg.',
    meeting_scheduled: () => 'Du er invitert til et møte i Fellesplan. Logg inn for å se tid og sted.',
    meeting_moved: () => 'Et møte i Fellesplan har fått ny tid eller nytt sted. Logg inn for å se det.',
    meeting_cancelled: () => 'Et møte i Fellesplan er avlyst. Logg inn for å se det.',
    other: () => 'Du har en ny melding i Fellesplan. Logg inn for å lese den.',
  },
  en: {
    meeting_reminder: (p, tz) => `You have a meeting in Fellesplan tomorrow at ${clock(p.startsAt, tz, 'en')}. Reply JA (yes) or NEI (no).`,
    task_due_soon: (p) => `You have a task in Fellesplan due ${day(p.dueDate, 'en')}. Log in to see it.`,
    task_overdue: (p) => `A task of yours in Fellesplan was due ${day(p.dueDate, 'en')}. Log in to see it.`,
    evaluation_due: (p) => `A plan in Fellesplan is due for evaluation by ${day(p.evaluationDate, 'en')}. Log in to see it.`,
    checkin_prompt: () => 'How are things going? You can answer in Fellesplan when it suits you.',
    meeting_scheduled: () => 'You are invited to a meeting in Fellesplan. Log in to see the time and place.',
    meeting_moved: () => 'A meeting in Fellesplan has a new time or place. Log in to see it.',
    meeting_cancelled: () => 'A meeting in Fellesplan has been cancelled. Log in to see it.',
    other: () => 'You have a new message in Fellesplan. Log in to read it.',
  },
};

/** The SMS for a notification of `kind`; every kind has one (the general text when it has none of its own). */
export function smsText(kind: NotificationKind, params: SmsParams, locale: SmsLocale, tz: string): string {
  const texts = TEXTS[locale] ?? TEXTS.nb;
  return (texts[kind] ?? texts.other)(params, tz);
}

/** What became of the SMS with an invitation link (MembersService's answer carries it). */
export type InvitationSms = 'sent' | 'quiet_hours' | 'stopped' | 'failed' | 'invalid_number' | 'too_long';

/** The invitation link by SMS: nothing about whose plan it is or who is in it. */
export function invitationSmsText(url: string, locale: SmsLocale): string {
  return locale === 'en'
    ? `You are invited to take part in a plan in Fellesplan. Open the link to answer: ${url}`
    : `Du er invitert til å være med i en plan i Fellesplan. Åpne lenken for å svare: ${url}`;
}

/** The answers to a reply from a phone, and the few messages that are not notifications. */
export const SMS_REPLIES: Record<SmsLocale, Record<'confirmed' | 'declined' | 'stopped' | 'unknown' | 'nothingToAnswer', string>> = {
  nb: {
    confirmed: 'Takk! Vi har notert at du kommer på møtet.',
    declined: 'Takk! Vi har notert at du ikke kommer på møtet.',
    stopped: 'Du får ikke flere SMS fra Fellesplan. Du kan slå SMS på igjen under Varsler i Fellesplan.',
    unknown: 'Vi forstod ikke svaret. Svar JA eller NEI på en møtepåminnelse, eller STOPP for å slutte å få SMS.',
    nothingToAnswer: 'Du har ingen møtepåminnelse å svare på. Se møtene dine i Fellesplan.',
  },
  en: {
    confirmed: 'Thank you! We have noted that you will come to the meeting.',
    declined: 'Thank you! We have noted that you will not come to the meeting.',
    stopped: 'You will get no more SMS from Fellesplan. You can turn SMS on again under Notifications in Fellesplan.',
    unknown: 'We did not understand. Reply JA or NEI to a meeting reminder, or STOPP to get no more SMS.',
    nothingToAnswer: 'You have no meeting reminder to answer. See your meetings in Fellesplan.',
  },
};

/** What a reply from a phone says: the first word, in upper case, without punctuation. */
export function replyKeyword(text: string): 'yes' | 'no' | 'stop' | 'other' {
  const word =
    text
      .trim()
      .split(/\s+/)[0]
      ?.toUpperCase()
      .replace(/[.!,]+$/, '') ?? '';
  if (['JA', 'J', 'YES', 'Y'].includes(word)) return 'yes';
  if (['NEI', 'N', 'NO'].includes(word)) return 'no';
  if (['STOPP', 'STOP', 'STANS'].includes(word)) return 'stop';
  return 'other';
}
