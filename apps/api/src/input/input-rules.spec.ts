import { INPUT_INT_MAX, inputProblem, MAX_INPUT_DEPTH, textProblem } from './input-rules';

describe('the text rule', () => {
  it('accepts well-formed Unicode with tab, newline and carriage return', () => {
    for (const text of ['', 'Hei på deg', 'a\tb\nc\r\nd', '𝄞 👩🏽‍⚕️ «æøå»', '\u2028\u00a0\ufeff', '\ud83d\ude00'])
      expect({ text, problem: textProblem(text) }).toEqual({ text, problem: null });
  });

  it('refuses NUL, the other control characters, DEL and C1 controls', () => {
    for (const code of [0x00, 0x01, 0x07, 0x08, 0x0b, 0x0c, 0x0e, 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9f]) {
      const text = `a${String.fromCharCode(code)}b`;
      expect(textProblem(text)).toMatch(/control character U\+00[0-9A-F]{2}/);
    }
  });

  it('refuses lone surrogates, high or low, anywhere', () => {
    for (const text of ['\ud800', 'x\ud800y', 'x\udfff', '\udc00\ud800', 'ok\ud83d']) expect(textProblem(text)).toMatch(/well-formed/);
  });
});

describe('inputProblem', () => {
  it('accepts an ordinary payload', () => {
    expect(inputProblem({ planId: 'x', patch: { title: 'T', agenda: [{ title: 'a', done: false }] }, n: 3, f: 1.5 })).toBeNull();
  });

  it(`refuses objects and arrays nested deeper than ${MAX_INPUT_DEPTH} levels, however deep, without recursion`, () => {
    let ok: unknown = 1;
    for (let i = 0; i < MAX_INPUT_DEPTH; i++) ok = [ok];
    expect(inputProblem({ x: ok })).toBeNull();
    expect(inputProblem({ x: [ok] })?.message).toMatch(/nested deeper/);
    const deep = JSON.parse(`{"a":${'{"b":'.repeat(200_000)}1${'}'.repeat(200_000)}}`) as unknown;
    expect(inputProblem(deep)?.message).toMatch(/nested deeper/);
  });

  it('names the field whose text is refused', () => {
    expect(inputProblem({ goal: { title: 'ok', description: 'a\u0000' } })).toEqual({
      message: expect.stringContaining('goal.description') as string,
      details: [{ field: 'goal.description', errors: [expect.stringContaining('U+0000') as string] }],
    });
    expect(inputProblem({ ids: ['a', 'b\ud800'] })?.details[0].field).toBe('ids.1');
  });

  it('refuses bad keys and prototype keys', () => {
    expect(inputProblem({ ['a\u0000']: 1 })?.message).toMatch(/field name/);
    expect(inputProblem(JSON.parse('{"x":{"__proto__":{"admin":true}}}'))?.details[0].field).toBe('x.__proto__');
  });

  it('refuses numbers outside PostgreSQL integer, and non-finite ones', () => {
    expect(inputProblem({ n: INPUT_INT_MAX })).toBeNull();
    expect(inputProblem({ n: -INPUT_INT_MAX - 1 })).toBeNull();
    for (const n of [INPUT_INT_MAX + 1, -INPUT_INT_MAX - 2, 2 ** 53, Infinity, NaN])
      expect(inputProblem({ n })?.details[0].field).toBe('n');
  });
});
