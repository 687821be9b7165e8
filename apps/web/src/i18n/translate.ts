/**
 * The one translator: ICU MessageFormat through FormatJS (`@formatjs/intl`), so plurals follow each
 * language's rules (`{count, plural, one {# person} other {# personer}}`). Plain `{name}` messages
 * work as before. Feature folders keep their own message maps and get a translator from
 * `createTranslator`, with the same `t(key, vars)` shape everywhere.
 */
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';

export type Locale = 'nb' | 'en';
export type Vars = Record<string, string | number>;

/** BCP 47 tags for Intl (dates, plural rules). */
export const LOCALE_TAGS: Record<Locale, string> = { nb: 'nb-NO', en: 'en-GB' };

const cache = createIntlCache();

/**
 * A translator over one set of messages per language. A key missing in a language falls back to
 * bokmål; a value missing from `vars` leaves the message as written rather than throwing.
 */
export function createTranslator<K extends string>(
  bundles: Record<Locale, Record<K, string>>,
): (locale: Locale, key: K, vars?: Vars) => string {
  const intls = new Map<Locale, { intl: IntlShape; messages: Record<K, string> }>();
  const intlFor = (locale: Locale): IntlShape => {
    // A catalogue loaded later (English) replaces the bundle object: make a new formatter for it.
    let intl = intls.get(locale)?.messages === bundles[locale] ? intls.get(locale)!.intl : undefined;
    if (!intl) {
      intl = createIntl(
        {
          locale: LOCALE_TAGS[locale],
          defaultLocale: LOCALE_TAGS.nb,
          messages: bundles[locale],
          // Missing translations fall back to bokmål on purpose; nothing to report at run time.
          onError: () => undefined,
        },
        cache,
      );
      intls.set(locale, { intl, messages: bundles[locale] });
    }
    return intl;
  };
  return (locale, key, vars) => {
    const text = intlFor(locale).formatMessage({ id: key, defaultMessage: bundles.nb[key] ?? key }, vars, { ignoreTag: true });
    return typeof text === 'string' ? text : String(text);
  };
}
