import type { Ack, AckError } from '#contracts';
import { answerAck, safeListener, safeMiddleware, type Safety } from './socket-safety';

class DomainLike extends Error {
  readonly code = 'validation_failed';
}

function recorder() {
  const logged: string[] = [];
  const acks: Ack<object>[] = [];
  // The gateway's mapping in small: domain errors keep their code, anything else is internal.
  const toAckError = (e: unknown): AckError =>
    e instanceof DomainLike
      ? { code: e.code, message: e.message }
      : { code: 'internal_error', message: 'Something went wrong on our side' };
  const safety: Safety = { log: (m) => void logged.push(m), toAckError };
  return { logged, acks, log: safety, ack: (res: Ack<object>) => void acks.push(res) };
}

describe('socket safety', () => {
  it('answers a handler that throws synchronously with internal_error, and logs it', async () => {
    const r = recorder();
    await answerAck(
      'plan:join',
      r.ack,
      () => {
        throw new RangeError('Maximum call stack size exceeded');
      },
      r.log,
    );
    expect(r.acks).toEqual([{ ok: false, error: { code: 'internal_error', message: expect.any(String) as string } }]);
    expect(r.logged.join('\n')).toMatch(/plan:join failed: RangeError: Maximum call stack/);
  });

  it('answers a rejected handler with its domain error, without logging it as a failure', async () => {
    const r = recorder();
    await answerAck('plan:join', r.ack, () => Promise.reject(new DomainLike('Invalid input: planId')), r.log);
    expect(r.acks).toEqual([{ ok: false, error: { code: 'validation_failed', message: 'Invalid input: planId' } }]);
    expect(r.logged).toEqual([]);
  });

  it('answers a result with ok: true', async () => {
    const r = recorder();
    await answerAck('plan:join', r.ack, () => Promise.resolve({ revision: 3 }), r.log);
    expect(r.acks).toEqual([{ ok: true, revision: 3 }]);
  });

  it('neither throws nor rejects when the ack itself throws', async () => {
    const r = recorder();
    const throwingAck = () => {
      throw new Error('socket closed');
    };
    await expect(answerAck('plan:join', throwingAck, () => ({}), r.log)).resolves.toBeUndefined();
    expect(r.logged.join('\n')).toMatch(/socket closed/);
  });

  it('catches an exception in a middleware, answers the packet and does not pass it on', () => {
    const r = recorder();
    const next = jest.fn();
    const middleware = safeMiddleware(() => {
      throw new RangeError('Maximum call stack size exceeded');
    }, r.log);
    expect(() => middleware(['plan:join', { planId: 'x' }, r.ack], next)).not.toThrow();
    expect(next).not.toHaveBeenCalled();
    expect(r.acks).toEqual([{ ok: false, error: expect.objectContaining({ code: 'internal_error' }) as object }]);
    expect(r.logged.join('\n')).toMatch(/checking socket event plan:join failed: RangeError/);
    // Without an ack there is nobody to answer; it is still caught and logged.
    expect(() => middleware(['plan:join', { planId: 'x' }], next)).not.toThrow();
    expect(r.logged).toHaveLength(2);
  });

  it('catches an exception in a listener and logs it', () => {
    const r = recorder();
    const listener = safeListener(
      'closing a socket',
      () => {
        throw new TypeError('x is undefined');
      },
      r.log,
    );
    expect(() => listener()).not.toThrow();
    expect(r.logged.join('\n')).toMatch(/closing a socket failed: TypeError/);
  });
});
