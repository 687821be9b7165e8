/**
 * Quiet hours: no SMS from 21:00 to 08:00 local time (NOTIFICATION_TIME_ZONE). A message made in
 * them waits until 08:00; it is deferred, never dropped. Pure.
 */

export const QUIET_FROM_HOUR = 21;
export const QUIET_UNTIL_HOUR = 8;

/** What the wall clock in `timeZone` shows at `at`. */
export function wallClock(timeZone: string, at: Date): { y: number; m: number; d: number; h: number; min: number; s: number } {
  const f = new Intl.DateTimeFormat('en-GB', {
    timeZone,
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

/** The instant at which the wall clock in `timeZone` shows y-m-d hour:min:s. */
export function zonedInstant(timeZone: string, y: number, m: number, d: number, hour: number, min = 0, s = 0): Date {
  const wall = Date.UTC(y, m - 1, d, hour, min, s);
  let guess = wall;
  // Two rounds settle the offset (also across a daylight-saving change).
  for (let i = 0; i < 2; i++) {
    const p = wallClock(timeZone, new Date(guess));
    const shown = Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s);
    guess += wall - shown;
  }
  return new Date(guess);
}

/** Null outside quiet hours; inside them, when they end (the next 08:00 local). */
export function quietUntil(timeZone: string, now: Date): Date | null {
  const p = wallClock(timeZone, now);
  if (p.h >= QUIET_UNTIL_HOUR && p.h < QUIET_FROM_HOUR) return null;
  const day = new Date(Date.UTC(p.y, p.m - 1, p.d + (p.h >= QUIET_FROM_HOUR ? 1 : 0)));
  return zonedInstant(timeZone, day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), QUIET_UNTIL_HOUR);
}
