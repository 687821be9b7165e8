/**
 * Times for the SMS tests: the api's clock is moved with TEST_CLOCK_OFFSET_MS to a chosen wall
 * clock time in Europe/Oslo, so quiet hours (21–08) and "tomorrow" do not depend on when the
 * tests run.
 */
const TZ = 'Europe/Oslo';

function wall(at: Date): { y: number; m: number; d: number; h: number; min: number; s: number } {
  const f = new Intl.DateTimeFormat('en-GB', {
    timeZone: TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return { y: +p.year, m: +p.month, d: +p.day, h: +p.hour, min: +p.minute, s: +p.second };
}

/** The instant Oslo's wall clock shows the date `isoDate` at hh:mm:ss. */
export function osloInstant(isoDate: string, h: number, min = 0, s = 0): Date {
  const [y, m, d] = isoDate.split('-').map(Number);
  const target = Date.UTC(y, m - 1, d, h, min, s);
  let guess = target;
  for (let i = 0; i < 2; i++) {
    const p = wall(new Date(guess));
    guess += target - Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s);
  }
  return new Date(guess);
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
