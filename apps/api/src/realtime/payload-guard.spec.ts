import { checkPayload } from './payload-guard';

describe('checkPayload', () => {
  it('accepts one small object', () => {
    expect(checkPayload([{ planId: 'x', sinceRevision: 3 }], 1000)).toBeNull();
  });

  it('refuses anything but exactly one object', () => {
    for (const args of [[], ['text'], [42], [null], [[1, 2]], [{}, {}]]) expect(checkPayload(args, 1000)?.code).toBe('validation_failed');
  });

  it('refuses a payload over the size bound, counting bytes', () => {
    expect(checkPayload([{ text: 'æ'.repeat(600) }], 1000)).toMatchObject({ code: 'payload_too_large' });
    expect(checkPayload([{ text: 'a'.repeat(600) }], 1000)).toBeNull();
  });

  it('refuses prototype keys and deep nesting', () => {
    expect(checkPayload([JSON.parse('{"patch":{"__proto__":{"admin":true}}}')], 1000)?.code).toBe('validation_failed');
    expect(checkPayload([{ constructor: 1 }], 1000)?.code).toBe('validation_failed');
    let deep: object = {};
    for (let i = 0; i < 12; i++) deep = { d: deep };
    expect(checkPayload([deep], 1000)?.message).toMatch(/nested/);
  });
});

describe('checkPayload on hostile payloads', () => {
  it('refuses nesting thousands of levels deep without overflowing the stack', () => {
    const deep = JSON.parse(`{"planId":"x","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`) as unknown;
    expect(checkPayload([deep], 1_000_000)).toMatchObject({ code: 'validation_failed', message: expect.stringMatching(/nested/) });
  });

  it('refuses unacceptable text in values and keys', () => {
    expect(checkPayload([{ title: 'a\u0000b' }], 1000)).toMatchObject({ code: 'validation_failed', details: [{ field: 'title' }] });
    expect(checkPayload([{ goal: { ['t\u0007']: 'x' } }], 1000)?.code).toBe('validation_failed');
  });
});
