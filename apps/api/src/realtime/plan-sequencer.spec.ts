import type { PlanEventView } from '#contracts';
import { PlanSequencer } from './plan-sequencer';

const ev = (revision: number): PlanEventView => ({
  planId: 'p',
  revision,
  actor: { accountId: 'a', name: 'Kari' },
  entityType: 'goal',
  entityId: 'g',
  action: 'updated',
  patch: { title: `t${revision}` },
  clientMutationId: null,
  at: '2026-01-01T00:00:00.000Z',
});

function setup(baseline: number, stored: number[] = []) {
  const delivered: number[] = [];
  const fetches: [number, number][] = [];
  const errors: unknown[] = [];
  let failNext = false;
  const seq = new PlanSequencer('p', baseline, {
    deliver: (e) => delivered.push(e.revision),
    fetch: async (after, to) => {
      fetches.push([after, to]);
      if (failNext) {
        failNext = false;
        throw new Error('db down');
      }
      return stored.filter((r) => r > after && r <= to).map(ev);
    },
    gapWaitMs: 100,
    onError: (e) => errors.push(e),
  });
  return { seq, delivered, fetches, errors, failOnce: () => (failNext = true) };
}

describe('PlanSequencer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('delivers events in revision order, holding one that arrives early', () => {
    const { seq, delivered } = setup(10);
    seq.push(ev(12));
    expect(delivered).toEqual([]);
    seq.push(ev(11));
    expect(delivered).toEqual([11, 12]);
  });

  it('delivers each revision once, dropping duplicates and revisions at or below the baseline', () => {
    const { seq, delivered } = setup(10);
    for (const r of [9, 10, 11, 11, 12, 11, 12]) seq.push(ev(r));
    expect(delivered).toEqual([11, 12]);
  });

  it('fills a gap from the database after a short wait', async () => {
    const { seq, delivered, fetches } = setup(10, [11, 12, 13]);
    seq.push(ev(13));
    await jest.advanceTimersByTimeAsync(99);
    expect(fetches).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(fetches).toEqual([[10, 13]]);
    expect(delivered).toEqual([11, 12, 13]);
  });

  it('does not read the database when the missing event arrives in time', async () => {
    const { seq, delivered, fetches } = setup(10);
    seq.push(ev(12));
    await jest.advanceTimersByTimeAsync(50);
    seq.push(ev(11));
    await jest.advanceTimersByTimeAsync(500);
    expect(delivered).toEqual([11, 12]);
    expect(fetches).toEqual([]);
  });

  it('catches up to an observed revision whose events never came', async () => {
    const { seq, delivered } = setup(10, [11, 12]);
    seq.observe(12);
    await jest.advanceTimersByTimeAsync(100);
    expect(delivered).toEqual([11, 12]);
  });

  it('retries a failed read', async () => {
    const { seq, delivered, errors, failOnce } = setup(10, [11, 12]);
    failOnce();
    seq.push(ev(12));
    await jest.advanceTimersByTimeAsync(100);
    expect(errors).toHaveLength(1);
    expect(delivered).toEqual([]);
    await jest.advanceTimersByTimeAsync(1000);
    expect(delivered).toEqual([11, 12]);
  });

  it('stops delivering once closed', async () => {
    const { seq, delivered, fetches } = setup(10, [11]);
    seq.push(ev(12));
    seq.close();
    await jest.advanceTimersByTimeAsync(1000);
    seq.push(ev(11));
    expect(delivered).toEqual([]);
    expect(fetches).toEqual([]);
  });
});
