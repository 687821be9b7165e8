import { judge } from './targets';

const idle = (rss: number | null, retained: number | null, joinSeconds = 3) => ({
  sockets: 10_000,
  kbPerSocketJoined: rss,
  retainedKbPerSocketJoined: retained,
  joinSeconds,
});
const target4 = (api: ReturnType<typeof idle>, baseline: ReturnType<typeof idle>) =>
  judge({ idle: { api, baseline } }).find((v) => v.target.startsWith('4.'))!;

describe('issue 18 target 4 (idle memory and joins)', () => {
  it('judges memory per joined socket by RSS when both processes grew', () => {
    expect(target4(idle(30, 9), idle(16, 8))).toMatchObject({ met: true });
    expect(target4(idle(40, 9), idle(16, 8))).toMatchObject({ met: false });
  });

  it('falls back to what JS retains when a process returned memory between the readings', () => {
    const v = target4(idle(-4.8, 12), idle(16, 8));
    expect(v.met).toBe(true);
    expect(v.detail).toContain('JS heap + external');
    expect(target4(idle(-4.8, 20), idle(16, 8)).met).toBe(false);
  });

  it('leaves memory unjudged, never met, when neither measure gives two positive figures', () => {
    const v = target4(idle(-4.8, null), idle(16, null));
    expect(v.met).toBeNull();
    expect(v.detail).toContain('not measured');
    // Slow joins miss the target whatever the memory.
    expect(target4(idle(-4.8, null, 7), idle(16, null, 3)).met).toBe(false);
  });
});
