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

/** Lists passed as JSON in a notification's params (decisions, tasks of a meeting summary). */
function list<T>(json: string | null | undefined): T[] {
  try {
    const value: unknown = JSON.parse(json ?? '[]');
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}
/** The day of a moment, in the municipality's time zone. */
const localDay = (iso: string | null | undefined, tz: string, locale: Locale) =>
  iso
    ? new Intl.DateTimeFormat(locale === 'nb' ? 'nb-NO' : 'en-GB', { timeZone: tz, day: 'numeric', month: 'long', year: 'numeric' }).format(
        new Date(iso),
      )
    : '';
const count = (p: NotificationParams, key: string) => Number(p[key] ?? 0) || 0;

/** The in-app summary of a closed meeting: every decision, each new task with who and when, the next meeting. */
function summaryBody(p: NotificationParams, tz: string, locale: Locale): string {
  const nb = locale === 'nb';
  const decisions = list<string>(p.decisions);
  const tasks = list<{ title: string; who: string | null; due: string | null }>(p.tasks);
  const parts: string[] = [];
  parts.push(
    decisions.length
      ? `${nb ? 'Vedtak' : 'Decisions'}: ${decisions.map((d) => `«${d}»`).join('; ')}.`
      : nb
        ? 'Ingen vedtak.'
        : 'No decisions.',
  );
  if (tasks.length)
    parts.push(
      `${nb ? 'Nye tiltak' : 'New tasks'}: ${tasks
        .map((t) => {
          const detail = [t.who, t.due ? `${nb ? 'frist' : 'due'} ${day(t.due, locale)}` : null].filter(Boolean).join(', ');
          return detail ? `${t.title} (${detail})` : t.title;
        })
        .join('; ')}.`,
    );
  parts.push(nextMeeting(p, tz, locale));
  return parts.join(' ');
}

function nextMeeting(p: NotificationParams, tz: string, locale: Locale): string {
  const nb = locale === 'nb';
  if (!p.nextStartsAt) return nb ? 'Neste møte er ikke satt opp ennå.' : 'The next meeting is not set yet.';
  const where = p.nextLocation ? `, ${p.nextLocation}` : '';
  return `${nb ? 'Neste møte' : 'Next meeting'}: ${when(p.nextStartsAt, tz, locale)}${where}.`;
}

/** The e-mail's line: the summary's shape (counts, my own due date, the next meeting), never its words. */
function summaryLine(p: NotificationParams, tz: string, locale: Locale): string {
  const nb = locale === 'nb';
  const decisions = count(p, 'decisionCount');
  const tasks = count(p, 'taskCount');
  const mine = count(p, 'myTaskCount');
  const held = localDay(p.meetingStartsAt, tz, locale);
  const what = nb
    ? `${decisions === 1 ? '1 vedtak' : `${decisions} vedtak`} og ${tasks === 1 ? '1 nytt tiltak' : `${tasks} nye tiltak`}`
    : `${decisions === 1 ? '1 decision' : `${decisions} decisions`} and ${tasks === 1 ? '1 new task' : `${tasks} new tasks`}`;
  const due = p.myFirstDue ? (nb ? `, første frist ${day(p.myFirstDue, locale)}` : `, first due ${day(p.myFirstDue, locale)}`) : '';
  const yours = mine
    ? nb
      ? ` Du har ansvar for ${mine === 1 ? 'ett av dem' : `${mine} av dem`}${due}.`
      : ` You are responsible for ${mine === 1 ? 'one of them' : `${mine} of them`}${due}.`
    : '';
  const intro = nb
    ? `${p.corrected ? 'Det rettede referatet' : 'Referatet'} fra ansvarsgruppemøtet ${held} er godkjent: ${what}.`
    : `The ${p.corrected ? 'corrected ' : ''}minutes of the care team meeting on ${held} are approved: ${what}.`;
  return `${intro}${yours} ${nextMeeting(p, tz, locale)} ${nb ? 'Les hele referatet i Fellesplan.' : 'Read the whole summary in Fellesplan.'}`;
}

const NEED_KIND_TEXT: Record<Locale, Record<string, string>> = {
  nb: { individual_plan: 'individuell plan', coordinator: 'koordinator', both: 'individuell plan og koordinator' },
  en: { individual_plan: 'an individual plan', coordinator: 'a coordinator', both: 'an individual plan and a coordinator' },
};

/** "1 person venter" / "2 personer venter": the count comes as a string parameter. */
const NB_WAITING = (n: string | null | undefined) => (Number(n) === 1 ? '1 person' : `${Number(n) || 0} personer`);
const EN_WAITING = (n: string | null | undefined) => (Number(n) === 1 ? '1 person is' : `${Number(n) || 0} people are`);

/** Why koordinerende enhet reminds: says what to do, never what the plan holds. */
const NUDGE_TEXT: Record<Locale, Record<string, string>> = {
  nb: {
    inactive: 'den har ikke vært endret på lenge. Er den fortsatt i bruk? Oppdater den, eller avslutt den hvis den ikke trengs lenger.',
    evaluation_overdue: 'datoen for evaluering har passert. Sett opp en evaluering med ansvarsgruppen, og sett ny dato.',
    without_coordinator: 'planen har ingen koordinator. Ta kontakt med koordinerende enhet, så finner vi en.',
  },
  en: {
    inactive: 'it has not changed in a long time. Is it still in use? Update it, or close it if it is no longer needed.',
    evaluation_overdue: 'its evaluation date has passed. Arrange an evaluation with the group, and set a new date.',
    without_coordinator: 'the plan has no coordinator. Contact the coordinating unit, and we will find one.',
  },
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
    checkin_prompt: {
      inApp: (p) => ({
        title: 'Hvordan går det med målene dine?',
        body: `Trykk én gang per mål i planen «${p.planTitle ?? ''}». Du velger selv om du vil svare.`,
      }),
      mail: () => ({
        subject: 'Hvordan går det?',
        line: 'Si gjerne hvordan det går med målene dine denne uka, med ett trykk i Fellesplan.',
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
    meeting_summary: {
      inApp: (p, tz) => ({
        title: `${p.corrected ? 'Rettet referat' : 'Referat'}: ${p.meetingTitle ?? 'Ansvarsgruppemøte'} ${localDay(p.meetingStartsAt, tz, 'nb')}`,
        body: `${summaryBody(p, tz, 'nb')} (planen «${p.planTitle ?? ''}»)`,
      }),
      mail: (p, tz) => ({
        subject: p.corrected ? 'Rettet referat fra ansvarsgruppemøte' : 'Referat fra ansvarsgruppemøte',
        line: summaryLine(p, tz, 'nb'),
      }),
    },
    meeting_closed: {
      inApp: (p) => ({
        title: `Et møte i planen «${p.planTitle ?? ''}» er avsluttet`,
        body: 'Du kan lese referatet når personen planen gjelder, har gitt samtykke til at du ser planen.',
      }),
      mail: () => ({
        subject: 'Et ansvarsgruppemøte er avsluttet',
        line: 'Et ansvarsgruppemøte i en plan du deltar i, er avsluttet og referatet godkjent. Du kan lese det i Fellesplan når samtykket er på plass.',
      }),
    },
    coordinator_appointed: {
      inApp: (p) => ({
        title: 'Du er oppnevnt som koordinator',
        body: `${p.appointedBy ?? 'Koordinerende enhet'} har oppnevnt deg som koordinator for ${p.personName ?? ''}.`,
      }),
      mail: () => ({ subject: 'Du er oppnevnt som koordinator', line: 'Koordinerende enhet har oppnevnt deg som koordinator.' }),
    },
    consent_reminder: {
      inApp: (p) => ({
        title: `Planen «${p.planTitle ?? ''}» venter på samtykket ditt`,
        body: `${p.coordinatorName ?? 'Koordinatoren'} minner deg om samtykke: ${NB_WAITING(p.waiting)} venter på å kunne se planen. Du bestemmer selv, og kan trekke samtykket tilbake når du vil.`,
      }),
      mail: () => ({
        subject: 'En plan venter på samtykket ditt',
        line: 'En individuell plan i Fellesplan venter på at du tar stilling til samtykke. Logg inn for å se hvem det gjelder.',
      }),
    },
    plan_nudge: {
      inApp: (p) => ({
        title: `Påminnelse fra koordinerende enhet: ${p.planTitle ?? ''}`,
        body: `${p.sentBy ?? 'Koordinerende enhet'} minner deg om planen for ${p.personName ?? ''}: ${NUDGE_TEXT.nb[p.reason ?? ''] ?? ''}`,
      }),
      mail: (p) => ({
        subject: 'Påminnelse fra koordinerende enhet',
        line: `Koordinerende enhet minner deg om en plan i Fellesplan: ${NUDGE_TEXT.nb[p.reason ?? ''] ?? ''}`,
      }),
    },
    meeting_reminder: {
      inApp: (p, tz) => ({
        title: `Møte i morgen: ${p.meetingTitle ?? 'Ansvarsgruppemøte'}`,
        body: `${when(p.startsAt, tz, 'nb')}${place(p, 'nb') ? `, ${place(p, 'nb')}` : ''} (planen «${p.planTitle ?? ''}»). Svar om du kommer.`,
      }),
      mail: (p, tz) => ({
        subject: 'Du har et møte i morgen',
        line: `Du har et møte i Fellesplan ${when(p.startsAt, tz, 'nb')}. Svar i Fellesplan om du kommer.`,
      }),
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
    checkin_prompt: {
      inApp: (p) => ({
        title: 'How are your goals going?',
        body: `One tap per goal in the plan “${p.planTitle ?? ''}”. Answering is up to you.`,
      }),
      mail: () => ({ subject: 'How is it going?', line: 'Tell us how your goals are going this week, with one tap in Fellesplan.' }),
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
    meeting_summary: {
      inApp: (p, tz) => ({
        title: `${p.corrected ? 'Corrected minutes' : 'Minutes'}: ${p.meetingTitle ?? 'Ansvarsgruppemøte'} ${localDay(p.meetingStartsAt, tz, 'en')}`,
        body: `${summaryBody(p, tz, 'en')} (plan “${p.planTitle ?? ''}”)`,
      }),
      mail: (p, tz) => ({
        subject: p.corrected ? 'Corrected minutes of a care team meeting' : 'Minutes of a care team meeting',
        line: summaryLine(p, tz, 'en'),
      }),
    },
    meeting_closed: {
      inApp: (p) => ({
        title: `A meeting in the plan “${p.planTitle ?? ''}” was closed`,
        body: 'You can read the minutes once the person the plan is for has consented to you seeing the plan.',
      }),
      mail: () => ({
        subject: 'A care team meeting was closed',
        line: 'A care team meeting in a plan you take part in was closed and its minutes approved. You can read them in Fellesplan once consent is in place.',
      }),
    },
    coordinator_appointed: {
      inApp: (p) => ({
        title: 'You are appointed coordinator',
        body: `${p.appointedBy ?? 'Koordinerende enhet'} appointed you coordinator for ${p.personName ?? ''}.`,
      }),
      mail: () => ({ subject: 'You are appointed coordinator', line: 'Koordinerende enhet appointed you coordinator.' }),
    },
    consent_reminder: {
      inApp: (p) => ({
        title: `The plan “${p.planTitle ?? ''}” waits for your consent`,
        body: `${p.coordinatorName ?? 'The coordinator'} reminds you about consent: ${EN_WAITING(p.waiting)} waiting to see the plan. It is your choice, and you can withdraw consent at any time.`,
      }),
      mail: () => ({
        subject: 'A plan waits for your consent',
        line: 'An individual plan in Fellesplan waits for you to decide about consent. Log in to see whom it concerns.',
      }),
    },
    plan_nudge: {
      inApp: (p) => ({
        title: `Reminder from the coordinating unit: ${p.planTitle ?? ''}`,
        body: `${p.sentBy ?? 'The coordinating unit'} reminds you of the plan for ${p.personName ?? ''}: ${NUDGE_TEXT.en[p.reason ?? ''] ?? ''}`,
      }),
      mail: (p) => ({
        subject: 'Reminder from the coordinating unit',
        line: `The coordinating unit reminds you of a plan in Fellesplan: ${NUDGE_TEXT.en[p.reason ?? ''] ?? ''}`,
      }),
    },
    meeting_reminder: {
      inApp: (p, tz) => ({
        title: `Meeting tomorrow: ${p.meetingTitle ?? 'Ansvarsgruppemøte'}`,
        body: `${when(p.startsAt, tz, 'en')}${place(p, 'en') ? `, ${place(p, 'en')}` : ''} (the plan “${p.planTitle ?? ''}”). Say whether you come.`,
      }),
      mail: (p, tz) => ({
        subject: 'You have a meeting tomorrow',
        line: `You have a meeting in Fellesplan ${when(p.startsAt, tz, 'en')}. Say in Fellesplan whether you come.`,
      }),
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
