import { judge, stealNote } from './targets';

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

describe('steal beside the verdicts', () => {
  it('says when the host took 5 % of a cpu or more from either side, and not otherwise', () => {
    expect(stealNote([0.3, 1.2], [0.1])).toBe('');
    expect(stealNote([18.1, 28.9, 1.7], [4.1, 1.3])).toBe(
      " (the host stole up to 28.9 % of a cpu in the api's phases, 4.1 % in the baseline's)",
    );
    expect(stealNote([undefined], [])).toBe('');
  });

  it('leaves the verdict as the figures give it', () => {
    const step = (stealCpuPct: number) => ({ stealCpuPct });
    const v = judge({
      capacity: { api: { highestHeld: 350, steps: [step(18), step(29)] }, baseline: { highestHeld: 700, steps: [step(4)] } },
    }).find((x) => x.target.startsWith('2.'))!;
    expect(v.met).toBe(false);
    expect(v.detail).toContain('stole up to 29 %');
  });
});
