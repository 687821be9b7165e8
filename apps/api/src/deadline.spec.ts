import { withDeadline } from './deadline';

describe('withDeadline', () => {
  it('gives what the promise gives in time', async () => {
    await expect(withDeadline(Promise.resolve(7), 50)).resolves.toBe(7);
    await expect(withDeadline(Promise.reject(new RangeError('nei')), 50)).rejects.toThrow(RangeError);
  });

  it('rejects with its message once the time is up, and ignores what comes later', async () => {
    let late!: (v: string) => void;
    const slow = new Promise<string>((r) => (late = r));
    await expect(withDeadline(slow, 20, 'Redis did not answer PING within 20 ms')).rejects.toThrow(
      'Redis did not answer PING within 20 ms',
    );
    late('for sent');
    await expect(withDeadline(new Promise(() => undefined), 10)).rejects.toThrow('no answer within 10 ms');
  });

  it('makes an Error of a rejection that is not one', async () => {
    await expect(withDeadline(Promise.reject('tekst'), 50)).rejects.toThrow(new Error('tekst'));
  });
});
