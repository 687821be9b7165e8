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
