import { en } from './en';
import { nb } from './nb';
import { createTranslator } from './translate';

const format = createTranslator({ nb, en });

describe('translations with ICU plurals', () => {
  it.each([
    ['nb', 1, '1 endring venter på å bli sendt.'],
    ['nb', 2, '2 endringer venter på å bli sendt.'],
    ['nb', 0, '0 endringer venter på å bli sendt.'],
    ['en', 1, '1 change is waiting to be sent.'],
    ['en', 5, '5 changes are waiting to be sent.'],
  ] as const)('%s with %d pending changes', (locale, count, text) => {
    expect(format(locale, 'connection.pending', { count })).toBe(text);
  });

  it.each([
    ['nb', 1, '1 åpen'],
    ['nb', 3, '3 åpne'],
    ['en', 1, '1 open'],
  ] as const)('%s open tasks: %d', (locale, count, text) => {
    expect(format(locale, 'myPlans.openTasks', { count })).toBe(text);
  });

  it('fills in plain {name} placeholders as before', () => {
    expect(format('nb', 'layout.signedInAs', { name: 'Aina Berg' })).toBe('Logget inn som Aina Berg');
    expect(format('en', 'layout.signedInAs', { name: 'Aina Berg' })).toBe('Signed in as Aina Berg');
  });

  it('falls back to bokmål for a key a language lacks, and leaves a message with a missing value as written', () => {
    const t = createTranslator<'a' | 'b'>({
      nb: { a: 'Hei {name}', b: 'Bare norsk' },
      en: { a: 'Hi {name}' } as Record<'a' | 'b', string>,
    });
    expect(t('en', 'b')).toBe('Bare norsk');
    expect(t('en', 'a')).toBe('Hi {name}');
  });

  it('every message in both languages parses as ICU and the two languages have the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nb).sort());
    for (const key of Object.keys(nb) as (keyof typeof nb)[]) {
      for (const [locale, catalogue] of [
        ['nb', nb],
        ['en', en],
      ] as const) {
        // Every argument the message names gets a value, so a message that is left as written
        // failed to parse or to format.
        const vars: Record<string, string | number> = {};
        for (const m of catalogue[key].matchAll(/\{\s*([A-Za-z_][\w]*)\s*(,\s*(plural|select|selectordinal|number|date|time))?/g)) {
          vars[m[1]] =
            m[3] === 'select' ? 'other' : m[3] && m[3] !== 'number' && m[3] !== 'plural' && m[3] !== 'selectordinal' ? Date.now() : 2;
        }
        const out = format(locale, key, vars);
        expect({ key, locale, out }).toEqual({ key, locale, out: expect.not.stringMatching(/\{\s*[A-Za-z_]\w*\s*(,|\})/) });
      }
    }
  });
});
