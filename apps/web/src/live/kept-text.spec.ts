import fc from 'fast-check';
import { changedSpan, dropTyped, hasKeptText, keepTyped, keptUpdateKey, readTyped, rebaseTyped } from './kept-text';

/** base with `base.slice(from, to)` replaced by `by`. */
const replace = (base: string, from: number, to: number, by: string) => base.slice(0, from) + by + base.slice(to);

// The base is written in a-c, the inserted text in X-Z: a change's span is then exactly where it was made.
const baseText = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' '), maxLength: 40 });
const inserted = fc.string({ unit: fc.constantFrom('X', 'Y', 'Z'), minLength: 1, maxLength: 8 });

/** Two spans of the base, the first ending at or before the second begins. */
const twoSpans = baseText.chain((base) =>
  fc
    .array(fc.integer({ min: 0, max: base.length }), { minLength: 4, maxLength: 4 })
    .map((cuts) => cuts.sort((x, y) => x - y))
    .chain(([a, b, c, d]) => fc.tuple(fc.constant(base), fc.constant([a, b, c, d] as const), inserted, inserted)),
);

describe('text typed before the shared document opened, applied to what it holds now', () => {
  it('is taken as it is when nobody else changed the text', () => {
    fc.assert(fc.property(baseText, baseText, (base, typed) => expect(rebaseTyped(base, typed, base)).toBe(typed)));
  });

  it('changes nothing when nothing was typed', () => {
    fc.assert(fc.property(baseText, baseText, (base, current) => expect(rebaseTyped(base, base, current)).toBe(current)));
  });

  it("keeps both changes when mine comes before someone else's", () => {
    fc.assert(
      fc.property(twoSpans, ([base, [a, b, c, d], mine, theirs]) => {
        const typed = replace(base, a, b, mine);
        const current = replace(base, c, d, theirs);
        expect(rebaseTyped(base, typed, current)).toBe(replace(replace(base, c, d, theirs), a, b, mine));
      }),
    );
  });

  it("keeps both changes when mine comes after someone else's", () => {
    fc.assert(
      fc.property(twoSpans, ([base, [a, b, c, d], theirs, mine]) => {
        fc.pre(a !== d); // both only add, at one place: mine goes first (the test above)
        const current = replace(base, a, b, theirs);
        const typed = replace(base, c, d, mine);
        expect(rebaseTyped(base, typed, current)).toBe(replace(replace(base, c, d, mine), a, b, theirs));
      }),
    );
  });

  it('keeps both when both add text at the same place (mine first)', () => {
    expect(rebaseTyped('Gå på butikken.', 'Gå på butikken og kino.', 'Gå på butikken med Kari.')).toBe('Gå på butikken og kino med Kari.');
  });

  it('takes what was typed when the two changes overlap', () => {
    expect(rebaseTyped('Handle mat', 'Handle fisk', 'Handle middag')).toBe('Handle fisk');
    // Next to each other is not overlapping: both are kept.
    expect(rebaseTyped('Handle mat', 'Handle mat selv', 'Handle middag')).toBe('Handle middag selv');
  });

  it('finds the changed span', () => {
    expect(changedSpan('abcd', 'aXd')).toEqual({ start: 1, endA: 3, endB: 2 });
    expect(changedSpan('aa', 'aaa')).toEqual({ start: 2, endA: 2, endB: 3 });
    expect(changedSpan('same', 'same')).toEqual({ start: 4, endA: 4, endB: 4 });
  });
});

describe('shared text kept on the device', () => {
  const store = new Map<string, string>();
  beforeAll(() => {
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      value: {
        get length() {
          return store.size;
        },
        key: (i: number) => [...store.keys()][i] ?? null,
        getItem: (k: string) => store.get(k) ?? null,
        setItem: (k: string, v: string) => void store.set(k, String(v)),
        removeItem: (k: string) => void store.delete(k),
      },
    });
  });
  afterAll(() => Reflect.deleteProperty(globalThis, 'localStorage'));

  const ref = { planId: 'p1', entityType: 'goal' as const, entityId: 'g1', field: 'description' };

  it("is the account's: another account on the same device has none", () => {
    keepTyped('aina', ref, { base: 'Gå tur', text: 'Gå tur hver dag' });
    expect(readTyped('aina', ref)).toEqual({ base: 'Gå tur', text: 'Gå tur hver dag' });
    expect(readTyped('jonas', ref)).toBeNull();
    expect(hasKeptText('aina', 'p1', 'goal', 'g1')).toBe(true);
    expect(hasKeptText('jonas', 'p1', 'goal', 'g1')).toBe(false);
    expect(hasKeptText('aina', 'p1', 'goal', 'g2')).toBe(false);
    dropTyped('aina', ref);
    expect(hasKeptText('aina', 'p1', 'goal', 'g1')).toBe(false);
  });

  it('keeps nothing when the text is back to what it was typed over', () => {
    keepTyped('aina', ref, { base: 'Gå tur', text: 'Gå tur' });
    expect(readTyped('aina', ref)).toBeNull();
  });

  it("names the account in the editor's update key too", () => {
    expect(keptUpdateKey('aina', ref)).toBe('fellesplan.unsaved.text.aina.p1.goal:g1:description');
  });
});
