import { checkinNotes, gasTScore, roundTScore, weekStart } from './evaluations';

/**
 * Worked examples of the GAS T-score, T = 50 + 10·Σwx / √(0.7·Σw² + 0.3·(Σw)²) (Kiresuk &
 * Sherman, 1968; ρ = 0.3), computed by hand here.
 */
describe('GAS T-score', () => {
  it('is 50 when every goal is at the expected level, whatever the number of goals', () => {
    expect(gasTScore([0])).toBe(50);
    expect(gasTScore([0, 0, 0, 0, 0])).toBe(50);
  });

  it('moves one standard deviation (10) per step for one goal: √(0.7 + 0.3) = 1', () => {
    expect(gasTScore([1])).toBe(60);
    expect(gasTScore([2])).toBe(70);
    expect(gasTScore([-1])).toBe(40);
    expect(gasTScore([-2])).toBe(30);
  });

  it('matches hand-computed values for several equally weighted goals', () => {
    // n = 2, Σx = 2: √(1.4 + 1.2) = √2.6 = 1.612452 → 50 + 20/1.612452 = 62.4035
    expect(gasTScore([1, 1])).toBeCloseTo(62.4035, 3);
    // n = 3, Σx = 3: √(2.1 + 2.7) = √4.8 = 2.190890 → 63.6931
    expect(gasTScore([1, 1, 1])).toBeCloseTo(63.6931, 3);
    // n = 4, Σx = 4: √(2.8 + 4.8) = √7.6 = 2.756810 → 64.5095
    expect(gasTScore([1, 1, 1, 1])).toBeCloseTo(64.5095, 3);
    // n = 5, Σx = −5: √(3.5 + 7.5) = √11 = 3.316625 → 34.9244
    expect(gasTScore([-1, -1, -1, -1, -1])).toBeCloseTo(34.9244, 3);
    // n = 3, x = (2, −1, 0), Σx = 1 → 50 + 10/2.190890 = 54.5644
    expect(gasTScore([2, -1, 0])).toBeCloseTo(54.5644, 3);
    // the extremes of three goals: ±6/2.190890·10 → 77.3861 and 22.6139
    expect(gasTScore([2, 2, 2])).toBeCloseTo(77.3861, 3);
    expect(gasTScore([-2, -2, -2])).toBeCloseTo(22.6139, 3);
  });

  it('is symmetric around 50', () => {
    expect(gasTScore([1, -1])).toBe(50);
    expect(gasTScore([2, 1]) ?? 0).toBeCloseTo(100 - (gasTScore([-2, -1]) ?? 0), 9);
  });

  it('weights goals: w = (1, 2), x = (1, −1): Σwx = −1, √(0.7·5 + 0.3·9) = √6.2 → 45.9839', () => {
    expect(gasTScore([1, -1], [1, 2])).toBeCloseTo(45.9839, 3);
    // equal weights of any size give the unweighted score
    expect(gasTScore([1, 1], [3, 3])).toBeCloseTo(gasTScore([1, 1])!, 9);
  });

  it('has no score without goals, and refuses ratings outside −2 … +2 and bad weights', () => {
    expect(gasTScore([])).toBeNull();
    expect(() => gasTScore([3])).toThrow(RangeError);
    expect(() => gasTScore([0.5])).toThrow(RangeError);
    expect(() => gasTScore([1], [0])).toThrow(RangeError);
    expect(() => gasTScore([1, 1], [1])).toThrow(RangeError);
  });

  it('rounds for showing to one decimal', () => {
    expect(roundTScore(gasTScore([1, 1])!)).toBe(62.4);
    expect(roundTScore(gasTScore([-1, -1, -1, -1, -1])!)).toBe(34.9);
  });
});

describe('weekStart', () => {
  it('gives the Monday of the ISO week', () => {
    expect(weekStart('2026-12-02')).toBe('2026-11-30'); // a Wednesday
    expect(weekStart('2026-11-30')).toBe('2026-11-30'); // the Monday itself
    expect(weekStart('2026-12-06')).toBe('2026-11-30'); // the Sunday
    expect(weekStart('2027-01-01')).toBe('2026-12-28'); // across a year
  });
});

describe('check-in notes', () => {
  const at = (d: number) => `2026-11-${String(d).padStart(2, '0')}T10:00:00.000Z`;
  it('notes a fall of two steps since the previous check-in', () => {
    expect(
      checkinNotes(
        'g',
        [
          { rating: 1, at: at(1) },
          { rating: -1, at: at(8) },
        ],
        null,
      ),
    ).toEqual([{ goalId: 'g', reason: 'fell', rating: -1, previous: 1, at: at(8) }]);
  });
  it('notes a check-in below the last evaluation', () => {
    expect(checkinNotes('g', [{ rating: -1, at: at(8) }], 0)).toEqual([
      { goalId: 'g', reason: 'below_evaluation', rating: -1, previous: 0, at: at(8) },
    ]);
  });
  it('says nothing of one step down, of a rise, or without check-ins', () => {
    expect(
      checkinNotes(
        'g',
        [
          { rating: 1, at: at(1) },
          { rating: 0, at: at(8) },
        ],
        0,
      ),
    ).toEqual([]);
    expect(
      checkinNotes(
        'g',
        [
          { rating: -2, at: at(1) },
          { rating: 1, at: at(8) },
        ],
        1,
      ),
    ).toEqual([]);
    expect(checkinNotes('g', [], 2)).toEqual([]);
  });
});
