/**
 * The words of each notification, in Norwegian (nb) and English. Two renderings:
 * - in the app (behind login): names what it is about, e.g. the task's title;
 * - in e-mail: says only what kind of thing happened and links to the app. E-mail is not a safe
 *   channel for health information, so no person's name, plan title, task or comment text is
 *   ever written into a mail. A meeting's time and place are, because the calendar needs them.
 */
import type { NotificationKind } from '#contracts';
import { formatDate, formatDateTime } from './local-time';

export type Locale = 'nb' | 'en';
export type NotificationParams = Record<string, string | null | undefined>;

export interface InAppText {
  title: string;
  body: string;
}

export interface MailText {
  subject: string;
  /** One or two sentences; also the line for this notification in a daily digest. */
  line: string;
}

interface Texts {
  inApp(p: NotificationParams, tz: string): InAppText;
  mail(p: NotificationParams, tz: string): MailText;
}

const when = (iso: string | null | undefined, tz: string, locale: Locale) => (iso ? formatDateTime(new Date(iso), tz, locale) : '');
const day = (iso: string | null | undefined, locale: Locale) => (iso ? formatDate(iso, locale) : '');
const place = (p: NotificationParams, locale: Locale) =>
  [p.location, p.videoUrl ? `${locale === 'nb' ? 'Video' : 'Video'}: ${p.videoUrl}` : null].filter(Boolean).join(', ');

const NEED_KIND_TEXT: Record<Locale, Record<string, string>> = {
  nb: { individual_plan: 'individuell plan', coordinator: 'koordinator', both: 'individuell plan og koordinator' },
  en: { individual_plan: 'an individual plan', coordinator: 'a coordinator', both: 'an individual plan and a coordinator' },
};

const TEXTS: Record<Locale, Record<NotificationKind, Texts>> = {
  nb: {
    invitation: {
      inApp: (p) => ({
        title: 'Du er invitert til en plan',
        body: `${p.inviterName ?? 'Noen'} har invitert deg til planen «${p.planTitle ?? ''}».`,
      }),
      mail: (p) => ({
        subject: 'Du er invitert til å delta i en individuell plan',
        line: `${p.inviterName ?? 'Noen'} har invitert deg til å delta i en individuell plan i Fellesplan. Åpne lenken for å bli med. Lenken kan brukes én gang.`,
      }),
    },
    task_assigned: {
      inApp: (p) => ({
        title: `Nytt tiltak til deg: ${p.taskTitle ?? ''}`,
        body: `${p.assignedBy ?? 'Noen'} har gitt deg ansvaret i planen «${p.planTitle ?? ''}»${p.dueDate ? `, frist ${day(p.dueDate, 'nb')}` : ''}.`,
      }),
      mail: () => ({ subject: 'Du har fått ansvar for et tiltak', line: 'Du har fått ansvar for et tiltak i en plan i Fellesplan.' }),
    },
    task_due_soon: {
      inApp: (p) => ({
        title: `Frist snart: ${p.taskTitle ?? ''}`,
        body: `Fristen er ${day(p.dueDate, 'nb')} (planen «${p.planTitle ?? ''}»).`,
      }),
      mail: (p) => ({ subject: 'Et tiltak har frist snart', line: `Et tiltak du har ansvar for, har frist ${day(p.dueDate, 'nb')}.` }),
    },
    task_overdue: {
      inApp: (p) => ({
        title: `Fristen har gått ut: ${p.taskTitle ?? ''}`,
        body: `Fristen var ${day(p.dueDate, 'nb')} (planen «${p.planTitle ?? ''}»).`,
      }),
      mail: (p) => ({
        subject: 'Fristen for et tiltak har gått ut',
        line: `Fristen for et tiltak du har ansvar for, var ${day(p.dueDate, 'nb')}.`,
      }),
    },
    meeting_scheduled: {
      inApp: (p, tz) => ({
        title: `Nytt møte: ${p.meetingTitle ?? 'Ansvarsgruppemøte'}`,
        body: `${when(p.startsAt, tz, 'nb')}${place(p, 'nb') ? `, ${place(p, 'nb')}` : ''} (planen «${p.planTitle ?? ''}»).`,
      }),
      mail: (p, tz) => ({
        subject: 'Invitasjon til ansvarsgruppemøte',
        line: `Du er invitert til ansvarsgruppemøte ${when(p.startsAt, tz, 'nb')}${place(p, 'nb') ? `, ${place(p, 'nb')}` : ''}. Kalenderinvitasjonen er vedlagt.`,
      }),
    },
    meeting_moved: {
      inApp: (p, tz) => ({
        title: `Møtet er endret: ${p.meetingTitle ?? 'Ansvarsgruppemøte'}`,
        body: `Nå: ${when(p.startsAt, tz, 'nb')}${place(p, 'nb') ? `, ${place(p, 'nb')}` : ''} (planen «${p.planTitle ?? ''}»).`,
      }),
      mail: (p, tz) => ({
        subject: 'Ansvarsgruppemøtet er endret',
        line: `Ansvarsgruppemøtet er flyttet til ${when(p.startsAt, tz, 'nb')}${place(p, 'nb') ? `, ${place(p, 'nb')}` : ''}. Den oppdaterte kalenderinvitasjonen er vedlagt.`,
      }),
    },
    meeting_cancelled: {
      inApp: (p, tz) => ({
        title: `Møtet er avlyst: ${p.meetingTitle ?? 'Ansvarsgruppemøte'}`,
        body: `Møtet ${when(p.startsAt, tz, 'nb')} er avlyst (planen «${p.planTitle ?? ''}»).`,
      }),
      mail: (p, tz) => ({
        subject: 'Ansvarsgruppemøtet er avlyst',
        line: `Ansvarsgruppemøtet ${when(p.startsAt, tz, 'nb')} er avlyst. Avlysningen for kalenderen er vedlagt.`,
      }),
    },
    evaluation_due: {
      inApp: (p) => ({
        title: `Planen skal evalueres: ${p.planTitle ?? ''}`,
        body: `Evalueringsdatoen er ${day(p.evaluationDate, 'nb')}. Sett opp et møte og gå gjennom målene sammen.`,
      }),
      mail: (p) => ({
        subject: 'En plan skal evalueres',
        line: `En plan du er koordinator for, skal evalueres ${day(p.evaluationDate, 'nb')}.`,
      }),
    },
    mention: {
      inApp: (p) => ({ title: `${p.authorName ?? 'Noen'} nevnte deg`, body: `I planen «${p.planTitle ?? ''}»: «${p.excerpt ?? ''}»` }),
      mail: () => ({ subject: 'Du er nevnt i en kommentar', line: 'Noen nevnte deg i en kommentar i Fellesplan.' }),
    },
    comment: {
      inApp: (p) => ({
        title: `${p.authorName ?? 'Noen'} skrev en kommentar`,
        body: `Om tiltaket «${p.taskTitle ?? ''}» i planen «${p.planTitle ?? ''}»: «${p.excerpt ?? ''}»`,
      }),
      mail: () => ({ subject: 'Ny kommentar på et tiltak', line: 'Noen kommenterte et tiltak du har ansvar for i Fellesplan.' }),
    },
    need_reported: {
      inApp: (p) => ({
        title: 'Ny melding om behov',
        body: `${p.reporterName ?? ''} (${p.reporterService ?? ''}) melder behov for ${NEED_KIND_TEXT.nb[p.needKind ?? ''] ?? ''} for ${p.personName ?? ''}.`,
      }),
      mail: () => ({
        subject: 'Ny melding om behov for IP eller koordinator',
        line: 'Koordinerende enhet har fått en ny melding om behov.',
      }),
    },
    coordinator_appointed: {
      inApp: (p) => ({
        title: 'Du er oppnevnt som koordinator',
        body: `${p.appointedBy ?? 'Koordinerende enhet'} har oppnevnt deg som koordinator for ${p.personName ?? ''}.`,
      }),
      mail: () => ({ subject: 'Du er oppnevnt som koordinator', line: 'Koordinerende enhet har oppnevnt deg som koordinator.' }),
    },
    member_added: {
      inApp: (p) => ({
        title: `Du er med i planen «${p.planTitle ?? ''}»`,
        body: `${p.addedBy ?? 'Noen'} har lagt deg til i ansvarsgruppen for ${p.personName ?? ''}. Planen ligger under «Mine planer».`,
      }),
      mail: () => ({
        subject: 'Du er lagt til i en individuell plan',
        line: 'Du er lagt til i ansvarsgruppen for en individuell plan i Fellesplan. Planen ligger under «Mine planer».',
      }),
    },
  },
  en: {
    invitation: {
      inApp: (p) => ({
        title: 'You are invited to a plan',
        body: `${p.inviterName ?? 'Someone'} invited you to the plan “${p.planTitle ?? ''}”.`,
      }),
      mail: (p) => ({
        subject: 'You are invited to take part in an individual plan',
        line: `${p.inviterName ?? 'Someone'} invited you to take part in an individual plan in Fellesplan. Open the link to join. The link works once.`,
      }),
    },
    task_assigned: {
      inApp: (p) => ({
        title: `New task for you: ${p.taskTitle ?? ''}`,
        body: `${p.assignedBy ?? 'Someone'} made you responsible in the plan “${p.planTitle ?? ''}”${p.dueDate ? `, due ${day(p.dueDate, 'en')}` : ''}.`,
      }),
      mail: () => ({ subject: 'You are responsible for a task', line: 'You were made responsible for a task in a plan in Fellesplan.' }),
    },
    task_due_soon: {
      inApp: (p) => ({ title: `Due soon: ${p.taskTitle ?? ''}`, body: `Due ${day(p.dueDate, 'en')} (plan “${p.planTitle ?? ''}”).` }),
      mail: (p) => ({ subject: 'A task is due soon', line: `A task you are responsible for is due ${day(p.dueDate, 'en')}.` }),
    },
    task_overdue: {
      inApp: (p) => ({ title: `Overdue: ${p.taskTitle ?? ''}`, body: `It was due ${day(p.dueDate, 'en')} (plan “${p.planTitle ?? ''}”).` }),
      mail: (p) => ({ subject: 'A task is overdue', line: `A task you are responsible for was due ${day(p.dueDate, 'en')}.` }),
    },
    meeting_scheduled: {
      inApp: (p, tz) => ({
        title: `New meeting: ${p.meetingTitle ?? 'Ansvarsgruppemøte'}`,
        body: `${when(p.startsAt, tz, 'en')}${place(p, 'en') ? `, ${place(p, 'en')}` : ''} (plan “${p.planTitle ?? ''}”).`,
      }),
      mail: (p, tz) => ({
        subject: 'Invitation to a care team meeting',
        line: `You are invited to a care team meeting on ${when(p.startsAt, tz, 'en')}${place(p, 'en') ? `, ${place(p, 'en')}` : ''}. The calendar invitation is attached.`,
      }),
    },
    meeting_moved: {
      inApp: (p, tz) => ({
        title: `Meeting changed: ${p.meetingTitle ?? 'Ansvarsgruppemøte'}`,
        body: `Now: ${when(p.startsAt, tz, 'en')}${place(p, 'en') ? `, ${place(p, 'en')}` : ''} (plan “${p.planTitle ?? ''}”).`,
      }),
      mail: (p, tz) => ({
        subject: 'The care team meeting has changed',
        line: `The care team meeting moved to ${when(p.startsAt, tz, 'en')}${place(p, 'en') ? `, ${place(p, 'en')}` : ''}. The updated calendar invitation is attached.`,
      }),
    },
    meeting_cancelled: {
      inApp: (p, tz) => ({
        title: `Meeting cancelled: ${p.meetingTitle ?? 'Ansvarsgruppemøte'}`,
        body: `The meeting on ${when(p.startsAt, tz, 'en')} is cancelled (plan “${p.planTitle ?? ''}”).`,
      }),
      mail: (p, tz) => ({
        subject: 'The care team meeting is cancelled',
        line: `The care team meeting on ${when(p.startsAt, tz, 'en')} is cancelled. The calendar cancellation is attached.`,
      }),
    },
    evaluation_due: {
      inApp: (p) => ({
        title: `Plan evaluation due: ${p.planTitle ?? ''}`,
        body: `The evaluation date is ${day(p.evaluationDate, 'en')}. Set up a meeting and go through the goals together.`,
      }),
      mail: (p) => ({
        subject: 'A plan is due for evaluation',
        line: `A plan you coordinate is due for evaluation on ${day(p.evaluationDate, 'en')}.`,
      }),
    },
    mention: {
      inApp: (p) => ({
        title: `${p.authorName ?? 'Someone'} mentioned you`,
        body: `In the plan “${p.planTitle ?? ''}”: “${p.excerpt ?? ''}”`,
      }),
      mail: () => ({ subject: 'You were mentioned in a comment', line: 'Someone mentioned you in a comment in Fellesplan.' }),
    },
    comment: {
      inApp: (p) => ({
        title: `${p.authorName ?? 'Someone'} commented`,
        body: `On the task “${p.taskTitle ?? ''}” in the plan “${p.planTitle ?? ''}”: “${p.excerpt ?? ''}”`,
      }),
      mail: () => ({ subject: 'A new comment on a task', line: 'Someone commented on a task you are responsible for in Fellesplan.' }),
    },
    need_reported: {
      inApp: (p) => ({
        title: 'New report of need',
        body: `${p.reporterName ?? ''} (${p.reporterService ?? ''}) reports that ${p.personName ?? ''} needs ${NEED_KIND_TEXT.en[p.needKind ?? ''] ?? ''}.`,
      }),
      mail: () => ({ subject: 'New report of need for an individual plan or coordinator', line: 'A new report of need has arrived.' }),
    },
    coordinator_appointed: {
      inApp: (p) => ({
        title: 'You are appointed coordinator',
        body: `${p.appointedBy ?? 'Koordinerende enhet'} appointed you coordinator for ${p.personName ?? ''}.`,
      }),
      mail: () => ({ subject: 'You are appointed coordinator', line: 'Koordinerende enhet appointed you coordinator.' }),
    },
    member_added: {
      inApp: (p) => ({
        title: `You are in the plan “${p.planTitle ?? ''}”`,
        body: `${p.addedBy ?? 'Someone'} added you to the care team of ${p.personName ?? ''}. The plan is under “My plans”.`,
      }),
      mail: () => ({
        subject: 'You were added to an individual plan',
        line: 'You were added to the care team of an individual plan in Fellesplan. The plan is under “My plans”.',
      }),
    },
  },
};

export function inAppText(kind: NotificationKind, params: NotificationParams, locale: Locale, timeZone: string): InAppText {
  return TEXTS[locale][kind].inApp(params, timeZone);
}

export function mailText(kind: NotificationKind, params: NotificationParams, locale: Locale, timeZone: string): MailText {
  return TEXTS[locale][kind].mail(params, timeZone);
}

export interface MailBody {
  subject: string;
  text: string;
  html: string;
}

const FOOTER: Record<Locale, (settingsUrl: string) => string> = {
  nb: (u) => `Du får denne e-posten fra Fellesplan. Velg hvilke varsler du får, og hvor ofte: ${u}`,
  en: (u) => `You get this e-mail from Fellesplan. Choose which notifications you get, and how often: ${u}`,
};

/** One notification as a whole e-mail: the line, the link, the footer. */
export function singleMail(text: MailText, link: string, settingsUrl: string, locale: Locale): MailBody {
  const open = locale === 'nb' ? 'Åpne i Fellesplan' : 'Open in Fellesplan';
  return {
    subject: text.subject,
    text: `${text.line}\n\n${open}: ${link}\n\n-- \n${FOOTER[locale](settingsUrl)}\n`,
    html: `<p>${escapeHtml(text.line)}</p><p><a href="${escapeHtml(link)}">${open}</a></p><hr><p style="font-size:small">${escapeHtml(
      FOOTER[locale](settingsUrl),
    )}</p>`,
  };
}

/** The daily digest: one line per notification, newest last. */
export function digestMail(lines: { text: MailText; link: string }[], settingsUrl: string, locale: Locale): MailBody {
  const subject =
    locale === 'nb' ? `Dagens varsler fra Fellesplan (${lines.length})` : `Today's notifications from Fellesplan (${lines.length})`;
  const intro = locale === 'nb' ? 'Dette har skjedd siden sist:' : 'This happened since the last digest:';
  return {
    subject,
    text: `${intro}\n\n${lines.map((l) => `- ${l.text.line}\n  ${l.link}`).join('\n')}\n\n-- \n${FOOTER[locale](settingsUrl)}\n`,
    html: `<p>${intro}</p><ul>${lines
      .map((l) => `<li>${escapeHtml(l.text.line)} <a href="${escapeHtml(l.link)}">${locale === 'nb' ? 'Åpne' : 'Open'}</a></li>`)
      .join('')}</ul><hr><p style="font-size:small">${escapeHtml(FOOTER[locale](settingsUrl))}</p>`,
  };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
