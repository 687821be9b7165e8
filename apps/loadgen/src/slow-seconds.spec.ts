import { slowSeconds } from './gc-stats';
import { addLagToTimeline, addPgToTimeline } from './pg-activity';
import type { TimelineBucket } from './types';

const START = 1_800_000_000_250; // epoch ms, a quarter into an epoch second
const timeline = (n: number): TimelineBucket[] => Array.from({ length: n }, () => ({ n: 100, slow: 0, max: 10 }));

describe('slow seconds, attributed', () => {
  it('puts a server stall, a load-generator stall and PostgreSQL waits on the seconds they overlap', () => {
    const t = timeline(6);
    t[2] = { n: 100, slow: 4, max: 140 };
    t[4] = { n: 100, slow: 1, max: 60 };
    // Epoch second 1_800_000_001 covers phase seconds 0 and 1 (the phase starts 250 ms into a second).
    addLagToTimeline(t, START, [[1_800_000_002, 120]], 'serverLagMs');
    addLagToTimeline(t, START, [[1_800_000_001, 3]], 'loadgenLagMs');
    addPgToTimeline(t, START, [
      { at: START + 4_100, waits: ['CPU', 'IO:WALSync'] },
      { at: START + 4_300, waits: ['checkpointer IO:DataFileSync', 'IO:WALSync'] },
      { at: START + 4_500, waits: ['Client:ClientRead'] },
    ]);
    const slow = slowSeconds(t);
    expect(slow.map((s) => s.second)).toEqual([2, 4]);
    expect(slow[0]).toMatchObject({ serverLagMs: 120, loadgenLagMs: 0, pgWaits: {}, cause: 'server loop stalled 120 ms' });
    // Cpu and a client's own read are not waits of the database.
    expect(slow[1]).toMatchObject({ serverLagMs: 0, pgWaits: { 'IO:WALSync': 2, 'checkpointer IO:DataFileSync': 1 } });
    expect(slow[1].cause).toBe('PostgreSQL IO:WALSync×2, checkpoint×1');
  });

  it('says so when nothing in the timeline explains a slow second', () => {
    const t = timeline(3);
    t[1] = { n: 100, slow: 1, max: 70, gc: { minor: 2, major: 0, incremental: 0, pauseMs: 3, maxPauseMs: 2 } };
    addLagToTimeline(t, START, [[1_800_000_001, 4]], 'serverLagMs');
    expect(slowSeconds(t)).toEqual([expect.objectContaining({ second: 1, majorGc: false, serverLagMs: 4, cause: 'unattributed' })]);
  });

  it('names a major GC and a load generator that fell behind', () => {
    const t = timeline(3);
    t[0] = { ...t[0], gc: { minor: 0, major: 1, incremental: 0, pauseMs: 12, maxPauseMs: 12 } };
    t[1] = { n: 100, slow: 3, max: 90 };
    addLagToTimeline(t, START, [[1_800_000_001, 40]], 'loadgenLagMs');
    expect(slowSeconds(t)[0].cause).toBe('major GC; load generator stalled 40 ms');
  });
});
