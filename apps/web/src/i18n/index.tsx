/**
 * Translations: every string the app shows comes from nb.ts (the default, in plain bokmål) or en.ts,
 * formatted as ICU messages by FormatJS (translate.ts). `t('key', { name, count })` fills in values
 * and picks plural forms. The chosen language is kept on this device and, when logged in, on the
 * account; <html lang> follows it. Only bokmål is in the first script: English loads when it is
 * chosen (or was chosen on this device), before anything is shown in it.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { nb, type MessageKey, type Messages } from './nb';
import { createTranslator, LOCALE_TAGS, type Locale } from './translate';

export type { Locale, MessageKey };
export { createTranslator };
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** English is filled in when loaded; until then a key falls back to bokmål, as a missing one does. */
const MESSAGES: Record<Locale, Messages> = { nb, en: {} as Messages };
const STORAGE_KEY = 'fellesplan.locale';

export const format = createTranslator<MessageKey>(MESSAGES);

export function storedLocale(): Locale | null {
  const value = localStorage.getItem(STORAGE_KEY);
  return value === 'nb' || value === 'en' ? value : null;
}

let english: Promise<void> | null = null;
let englishLoaded = false;
/** Loads the English catalogue once. */
export function loadLocale(locale: Locale): Promise<void> {
  if (locale === 'nb' || englishLoaded) return Promise.resolve();
  english ??= import('./en').then((m) => {
    MESSAGES.en = m.en;
    englishLoaded = true;
  });
  return english;
}
const isLoaded = (locale: Locale) => locale === 'nb' || englishLoaded;
// Started before React renders, beside the first requests, for someone who chose English here.
if (storedLocale() === 'en') void loadLocale('en');

interface I18nValue {
  locale: Locale;
  t: Translate;
  setLocale(locale: Locale): void;
  /** Dates and times in the chosen language. */
  formatDate(iso: string | null | undefined, withTime?: boolean): string;
}

const I18nContext = createContext<I18nValue | null>(null);

/** One formatter per language and style: making one costs ~1 ms, and the plan shows dozens of dates. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(tag: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${tag} ${withTime}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(tag, withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' });
    dateFormats.set(key, format);
  }
  return format;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => storedLocale() ?? 'nb');
  const [loaded, setLoaded] = useState(() => isLoaded(locale));
  useEffect(() => {
    document.documentElement.lang = locale === 'nb' ? 'nb' : 'en';
    if (!isLoaded(locale)) void loadLocale(locale).then(() => setLoaded(true));
  }, [locale]);
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    // The words arrive before the switch, so that nothing shows half in one language.
    void loadLocale(next).then(() => {
      setLoaded(true);
      setLocaleState(next);
    });
  }, []);
  const value = useMemo<I18nValue>(() => {
    const tag = LOCALE_TAGS[locale];
    return {
      locale,
      setLocale,
      t: (key, vars) => format(locale, key, vars),
      formatDate(iso, withTime = false) {
        if (!iso) return '';
        const date = new Date(iso.length === 10 ? `${iso}T12:00:00` : iso);
        if (Number.isNaN(date.getTime())) return iso;
        return dateFormat(tag, withTime).format(date);
      },
    };
  }, [locale, setLocale]);
  // Only while the English words load (one small request): nothing rather than the wrong language.
  if (!loaded && !isLoaded(locale)) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
