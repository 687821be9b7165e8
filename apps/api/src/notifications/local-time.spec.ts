import { addDays, addMonths, localDate, localHour } from './local-time';

describe('local time', () => {
  it("takes today's date and hour where the municipality is, not in UTC", () => {
    // 23:30 UTC on 31 Dec is already 1 Jan in Oslo (UTC+1 in winter).
    const at = new Date('2025-12-31T23:30:00Z');
    expect(localDate('Europe/Oslo', at)).toBe('2026-01-01');
    expect(localDate('UTC', at)).toBe('2025-12-31');
    expect(localHour('Europe/Oslo', at)).toBe(0);
    // Summer time: UTC+2.
    expect(localHour('Europe/Oslo', new Date('2026-06-15T05:00:00Z'))).toBe(7);
  });

  it('moves dates by days across months and years', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });

  it.each([
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-01-15', 24, '2027-01-15'],
    ['2025-11-30', 3, '2026-02-28'],
  ])('%s plus %i months is %s (clamped to the month)', (from, months, to) => {
    expect(addMonths(from, months)).toBe(to);
  });
});
