/**
 * Times for the SMS tests: the api's clock is moved with TEST_CLOCK_OFFSET_MS to a chosen wall
 * clock time in Europe/Oslo, so quiet hours (21–08) and "tomorrow" do not depend on when the
 * tests run.
 */
import { wallClock, zonedInstant } from '../../src/sms/quiet-hours';

const TZ = 'Europe/Oslo';
const wall = (at: Date) => wallClock(TZ, at);

/** The instant Oslo's wall clock shows the date `isoDate` at hh:mm:ss. */
export function osloInstant(isoDate: string, h: number, min = 0, s = 0): Date {
  const [y, m, d] = isoDate.split('-').map(Number);
  return zonedInstant(TZ, y, m, d, h, min, s);
}

export function osloDate(at: Date): string {
  const p = wall(at);
  return `${p.y}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The offset (ms, ≥ 0) that makes the api's clock show the next hh:mm:ss in Oslo. */
export function offsetToNext(h: number, min = 0, s = 0): number {
  const now = new Date();
  let at = osloInstant(osloDate(now), h, min, s);
  if (at.getTime() <= now.getTime()) at = osloInstant(addDays(osloDate(now), 1), h, min, s);
  return at.getTime() - now.getTime();
}

/** What the api's clock shows now, given its offset. */
export const appNow = (offsetMs: number) => new Date(Date.now() + offsetMs);
