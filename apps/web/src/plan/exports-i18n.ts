/**
 * The words of "Skriv ut / last ned" and of the archive copies, in plain bokmål and English, in
 * the app's current language (useI18n). {name} marks a value.
 */
import { useMemo } from 'react';
import { createTranslator, useI18n, type Locale } from '../i18n';

const nbMessages = {
  'menu.title': 'Skriv ut / last ned',
  'menu.intro': 'Få planen på papir eller som fil. Det blir skrevet i loggen at du har lastet ned planen.',
  'menu.pdf': 'Last ned PDF',
  'menu.pdfLarge': 'Last ned PDF med stor skrift',
  'menu.fhir': 'Last ned som FHIR (JSON) til andre journalsystemer',
  'menu.working': 'Lager filen …',
  'menu.done': 'Filen {name} er lastet ned.',
  'menu.failed': 'Vi fikk ikke laget filen. Prøv igjen.',

  'archive.title': 'Arkivkopier',
  'archive.intro': 'Når planen avsluttes eller evalueres, lages det en arkivkopi (PDF/A) som aldri endres.',
  'archive.empty': 'Ingen arkivkopier ennå.',
  'archive.reason.closed': 'Planen ble avsluttet',
  'archive.reason.evaluated': 'Planen ble evaluert',
  'archive.revision': 'versjon {revision}',
  'archive.download': 'Last ned arkivkopien',
  'archive.loading': 'Henter arkivkopiene',
} as const satisfies Record<string, string>;

export type ExportsMessageKey = keyof typeof nbMessages;
export const nb: Record<ExportsMessageKey, string> = nbMessages;

export const en: Record<ExportsMessageKey, string> = {
  'menu.title': 'Print / download',
  'menu.intro': 'Get the plan on paper or as a file. The log records that you downloaded the plan.',
  'menu.pdf': 'Download PDF',
  'menu.pdfLarge': 'Download PDF in large text',
  'menu.fhir': 'Download as FHIR (JSON) for other record systems',
  'menu.working': 'Making the file …',
  'menu.done': 'The file {name} has been downloaded.',
  'menu.failed': 'We could not make the file. Please try again.',

  'archive.title': 'Archive copies',
  'archive.intro': 'When the plan is closed or evaluated, an archive copy (PDF/A) is made that never changes.',
  'archive.empty': 'No archive copies yet.',
  'archive.reason.closed': 'The plan was closed',
  'archive.reason.evaluated': 'The plan was evaluated',
  'archive.revision': 'version {revision}',
  'archive.download': 'Download the archive copy',
  'archive.loading': 'Loading the archive copies',
};

const MESSAGES: Record<Locale, Record<ExportsMessageKey, string>> = { nb, en };

export type ExportsTranslate = (key: ExportsMessageKey, vars?: Record<string, string | number>) => string;

export const translate = createTranslator<ExportsMessageKey>(MESSAGES);

export function useExportsI18n() {
  const app = useI18n();
  const { locale } = app;
  const t = useMemo<ExportsTranslate>(() => (key, vars) => translate(locale, key, vars), [locale]);
  return { t, locale, formatDate: app.formatDate };
}
