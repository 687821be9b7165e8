/**
 * The words of evaluations, the person's own ratings and the weekly check-in, in plain bokmål and
 * English (ICU messages: plurals follow each language). The five GAS steps are said in words and
 * shown as pictures, never as numbers; the T-score is for those who ask for a number.
 */
import { useMemo } from 'react';
import { createTranslator, useI18n, type Locale } from '../i18n';

const nbMessages = {
  'gas.-2': 'Mye verre enn forventet',
  'gas.-1': 'Litt verre enn forventet',
  'gas.0': 'Som forventet',
  'gas.1': 'Litt bedre enn forventet',
  'gas.2': 'Mye bedre enn forventet',
  'gas.legend': 'Hvordan går det med «{title}»?',

  'decision.keep': 'Fortsett med målet',
  'decision.change': 'Endre målet',
  'decision.reached': 'Målet er nådd',
  'decision.drop': 'Slutt med målet',
  'decision.legend': 'Hva gjør vi med målet?',

  'progress.title': 'Hvordan går det',
  'progress.intro': 'Slik har det gått med målene, sagt av deg og gruppen ved hver evaluering.',
  'progress.loading': 'Henter hvordan det har gått',
  'progress.failed': 'Vi fikk ikke hentet hvordan det har gått. Prøv igjen senere.',
  'progress.none': 'Ingen evalueringer ennå.',
  'progress.noneForGoal': 'Ikke vurdert ennå.',
  'progress.latest': 'Sist: {words} ({date})',
  'progress.chartLabel':
    'Hvordan det har gått med «{title}»: {count, plural, =0 {ingen vurderinger} one {# vurdering} other {# vurderinger}}',
  'progress.chartDesc': 'Høyere er bedre. Fylte prikker er evalueringer, åpne prikker er ukentlige innsjekker.',
  'progress.table': 'Vis som tabell',
  'progress.col.date': 'Dato',
  'progress.col.kind': 'Hva',
  'progress.col.rating': 'Hvordan det gikk',
  'progress.kind.evaluation': 'Evaluering',
  'progress.kind.draft': 'Egen vurdering før møtet',
  'progress.kind.checkin': 'Ukentlig innsjekk',
  'progress.number': 'For deg som vil ha et tall (T-skår)',
  'progress.numberIntro': '50 betyr at målene går som forventet. Over 50 er bedre, under 50 er verre.',
  'progress.tscore': 'T-skår {score} ({date})',
  'progress.noScore': 'Ingen tall ennå.',
  'progress.tChartLabel': 'T-skår over tid: {count, plural, one {# evaluering} other {# evalueringer}}',
  'progress.rateSelf': 'Si hvordan det går, før møtet',
  'progress.evaluate': 'Evaluer planen',
  'progress.nextEvaluation': 'Neste evaluering: {date}',
  'progress.notes': 'Verdt å snakke om',
  'progress.note.fell': '«{title}»: falt fra «{previous}» til «{words}» ({date})',
  'progress.note.below_evaluation': '«{title}»: nå «{words}», under evalueringen («{previous}») ({date})',

  'self.title': 'Hvordan går det? Før møtet',
  'self.intro': 'Trykk på det som passer for hvert mål. Det blir tatt med når planen evalueres. Du kan endre svaret fram til møtet.',
  'self.saved': 'Lagret: {words}',
  'self.comment': 'Med dine egne ord (valgfritt, gjerne på ditt eget språk)',
  'self.saveComment': 'Lagre ordene',
  'self.noGoals': 'Planen har ingen mål å vurdere ennå.',
  'self.back': 'Tilbake til planen',

  'eval.title': 'Evaluering av planen',
  'eval.intro': 'Gå gjennom målene ett for ett sammen med {name}. Personen sier selv hvordan det går.',
  'eval.inMeeting': 'I møtet «{title}», {date}',
  'eval.step': 'Steg {n} av {total}',
  'eval.who': 'Hvem er med?',
  'eval.whoHint': 'Kryss av for alle som er med på evalueringen.',
  'eval.draftFrom': '{name} sa før møtet: «{words}»',
  'eval.comment': 'Med personens egne ord (valgfritt, gjerne på eget språk)',
  'eval.newTitle': 'Nytt mål, med personens ord',
  'eval.newTarget': 'Ny dato for når målet skal være nådd (valgfritt)',
  'eval.dates': 'Neste evaluering og planperioden',
  'eval.nextEvaluation': 'Neste evaluering',
  'eval.periodEnd': 'Planperioden varer til (valgfritt)',
  'eval.summary': 'Oppsummering',
  'eval.next': 'Neste',
  'eval.previous': 'Forrige',
  'eval.finish': 'Fullfør evalueringen',
  'eval.saving': 'Lagrer evalueringen …',
  'eval.done': 'Evalueringen er lagret. Målene og datoene er oppdatert, og det er laget en arkivkopi.',
  'eval.toPlan': 'Til planen',
  'eval.toHistory': 'Se historikken',
  'eval.noGoals': 'Planen har ingen mål å evaluere ennå.',
  'eval.pickRating': 'Velg hvordan det går før du går videre.',
  'eval.pickWho': 'Kryss av for minst én som er med.',
  'eval.pickDate': 'Velg en dato for neste evaluering, etter i dag.',
  'eval.notAllowed': 'Din rolle i planen kan ikke registrere en evaluering.',
  'eval.failed': 'Evalueringen ble ikke lagret: {reason}',

  'checkin.title': 'Hvordan går det med …?',
  'checkin.intro': 'Ett trykk per mål, én gang i uka. Du velger selv om du vil svare.',
  'checkin.plan': 'I planen «{title}»',
  'checkin.thanks': 'Takk! Du svarte «{words}» denne uka.',
  'checkin.question': 'Hvordan går det med «{title}»?',
  'checkin.failed': 'Svaret ble ikke lagret. Prøv igjen.',

  'meeting.evaluate': 'Evaluer planen i dette møtet',
} as const satisfies Record<string, string>;

export type EvaluationMessageKey = keyof typeof nbMessages;
export const nb: Record<EvaluationMessageKey, string> = nbMessages;

export const en: Record<EvaluationMessageKey, string> = {
  'gas.-2': 'Much worse than expected',
  'gas.-1': 'Somewhat worse than expected',
  'gas.0': 'As expected',
  'gas.1': 'Somewhat better than expected',
  'gas.2': 'Much better than expected',
  'gas.legend': 'How is “{title}” going?',

  'decision.keep': 'Keep the goal',
  'decision.change': 'Change the goal',
  'decision.reached': 'The goal is reached',
  'decision.drop': 'Drop the goal',
  'decision.legend': 'What do we do with the goal?',

  'progress.title': 'How it is going',
  'progress.intro': 'How the goals have gone, said by you and the group at each evaluation.',
  'progress.loading': 'Loading how it has gone',
  'progress.failed': 'We could not load how it has gone. Please try again later.',
  'progress.none': 'No evaluations yet.',
  'progress.noneForGoal': 'Not rated yet.',
  'progress.latest': 'Latest: {words} ({date})',
  'progress.chartLabel': 'How “{title}” has gone: {count, plural, =0 {no ratings} one {# rating} other {# ratings}}',
  'progress.chartDesc': 'Higher is better. Filled dots are evaluations, open dots are weekly check-ins.',
  'progress.table': 'Show as a table',
  'progress.col.date': 'Date',
  'progress.col.kind': 'What',
  'progress.col.rating': 'How it went',
  'progress.kind.evaluation': 'Evaluation',
  'progress.kind.draft': 'Own rating before the meeting',
  'progress.kind.checkin': 'Weekly check-in',
  'progress.number': 'For those who want a number (T-score)',
  'progress.numberIntro': '50 means the goals are going as expected. Above 50 is better, below 50 is worse.',
  'progress.tscore': 'T-score {score} ({date})',
  'progress.noScore': 'No number yet.',
  'progress.tChartLabel': 'T-score over time: {count, plural, one {# evaluation} other {# evaluations}}',
  'progress.rateSelf': 'Say how it is going, before the meeting',
  'progress.evaluate': 'Evaluate the plan',
  'progress.nextEvaluation': 'Next evaluation: {date}',
  'progress.notes': 'Worth talking about',
  'progress.note.fell': '“{title}”: fell from “{previous}” to “{words}” ({date})',
  'progress.note.below_evaluation': '“{title}”: now “{words}”, below the evaluation (“{previous}”) ({date})',

  'self.title': 'How is it going? Before the meeting',
  'self.intro': 'Tap what fits for each goal. It is taken into the evaluation. You can change your answer until the meeting.',
  'self.saved': 'Saved: {words}',
  'self.comment': 'In your own words (optional, in your own language if you like)',
  'self.saveComment': 'Save the words',
  'self.noGoals': 'The plan has no goals to rate yet.',
  'self.back': 'Back to the plan',

  'eval.title': 'Evaluating the plan',
  'eval.intro': 'Go through the goals one by one together with {name}. The person says how it is going.',
  'eval.inMeeting': 'In the meeting “{title}”, {date}',
  'eval.step': 'Step {n} of {total}',
  'eval.who': 'Who takes part?',
  'eval.whoHint': 'Tick everyone who takes part in the evaluation.',
  'eval.draftFrom': '{name} said before the meeting: “{words}”',
  'eval.comment': "In the person's own words (optional, in their own language if they like)",
  'eval.newTitle': "The new goal, in the person's words",
  'eval.newTarget': 'New date for reaching the goal (optional)',
  'eval.dates': 'Next evaluation and the plan period',
  'eval.nextEvaluation': 'Next evaluation',
  'eval.periodEnd': 'The plan period lasts until (optional)',
  'eval.summary': 'Summary',
  'eval.next': 'Next',
  'eval.previous': 'Previous',
  'eval.finish': 'Finish the evaluation',
  'eval.saving': 'Saving the evaluation …',
  'eval.done': 'The evaluation is saved. The goals and dates are updated, and an archive copy has been made.',
  'eval.toPlan': 'To the plan',
  'eval.toHistory': 'See the history',
  'eval.noGoals': 'The plan has no goals to evaluate yet.',
  'eval.pickRating': 'Choose how it is going before you go on.',
  'eval.pickWho': 'Tick at least one person taking part.',
  'eval.pickDate': 'Choose a date for the next evaluation, after today.',
  'eval.notAllowed': 'Your role in the plan cannot record an evaluation.',
  'eval.failed': 'The evaluation was not saved: {reason}',

  'checkin.title': 'How is it going with …?',
  'checkin.intro': 'One tap per goal, once a week. Answering is up to you.',
  'checkin.plan': 'In the plan “{title}”',
  'checkin.thanks': 'Thank you! You answered “{words}” this week.',
  'checkin.question': 'How is “{title}” going?',
  'checkin.failed': 'Your answer was not saved. Please try again.',

  'meeting.evaluate': 'Evaluate the plan in this meeting',
};

const translate = createTranslator<EvaluationMessageKey>({ nb, en } as Record<Locale, Record<EvaluationMessageKey, string>>);

export type EvaluationTranslate = (key: EvaluationMessageKey, vars?: Record<string, string | number>) => string;

export function useEvaluationI18n() {
  const app = useI18n();
  const { locale } = app;
  const e = useMemo<EvaluationTranslate>(() => (key, vars) => translate(locale, key, vars), [locale]);
  return { e, t: app.t, locale, formatDate: app.formatDate };
}
