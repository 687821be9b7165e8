/**
 * Translations: every string the app shows comes from nb.ts (the default, in plain bokmål) or en.ts,
 * formatted as ICU messages by FormatJS (translate.ts). `t('key', { name, count })` fills in values
 * and picks plural forms. The chosen language is kept on this device and, when logged in, on the
 * account; <html lang> follows it.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './en';
import { nb, type MessageKey, type Messages } from './nb';
import { createTranslator, LOCALE_TAGS, type Locale } from './translate';

export type { Locale, MessageKey };
export { createTranslator };
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const MESSAGES: Record<Locale, Messages> = { nb, en };
const STORAGE_KEY = 'fellesplan.locale';

export const format = createTranslator<MessageKey>(MESSAGES);

export function storedLocale(): Locale | null {
  const value = localStorage.getItem(STORAGE_KEY);
  return value === 'nb' || value === 'en' ? value : null;
}

interface I18nValue {
  locale: Locale;
  t: Translate;
  setLocale(locale: Locale): void;
  /** Dates and times in the chosen language. */
  formatDate(iso: string | null | undefined, withTime?: boolean): string;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => storedLocale() ?? 'nb');
  useEffect(() => {
    document.documentElement.lang = locale === 'nb' ? 'nb' : 'en';
  }, [locale]);
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLocaleState(next);
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
        return new Intl.DateTimeFormat(tag, withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' }).format(date);
      },
    };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
