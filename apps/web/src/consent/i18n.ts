/** The consent screens' words (messages.ts) in the app's current language, with the app's own words and dates. */
import { useMemo } from 'react';
import { useI18n } from '../i18n';
import { translate, type ConsentTranslate } from './messages-i18n';

export type { ConsentMessageKey, ConsentTranslate } from './messages-i18n';

export function useConsentI18n() {
  const app = useI18n();
  const { locale } = app;
  const c = useMemo<ConsentTranslate>(() => (key, vars) => translate(locale, key, vars), [locale]);
  return { c, t: app.t, locale, formatDate: app.formatDate };
}
