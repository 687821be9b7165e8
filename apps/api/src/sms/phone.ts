/**
 * Phone numbers for SMS: E.164 (+ and 7–15 digits, no leading zero), with Norwegian 8-digit
 * numbers accepted without +47 (also written "400 00 001", "0047 400 00 001" or "47 40 00 00 01").
 * Pure: shared by the preferences route, the reminder job and the replies from the gateway.
 */

const E164 = /^\+[1-9]\d{6,14}$/;

/** The number as E.164, or null when it is not a phone number we can send to. */
export function normalizePhone(input: string | null | undefined): string | null {
  if (typeof input !== 'string') return null;
  const trimmed = input.trim();
  if (!trimmed || trimmed.length > 32) return null;
  // Spaces, dashes, dots and brackets are how people write numbers; anything else is not a number.
  if (!/^[+\d][\d\s\-.()]*$/.test(trimmed)) return null;
  let digits = trimmed.replace(/[\s\-.()]/g, '');
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
  if (/^\d{8}$/.test(digits)) digits = `+47${digits}`;
  else if (/^47\d{8}$/.test(digits)) digits = `+${digits}`;
  if (!E164.test(digits)) return null;
  // A Norwegian number has 8 digits after +47 and starts with 2–9 (4 and 9 are mobiles).
  if (digits.startsWith('+47') && !/^\+47[2-9]\d{7}$/.test(digits)) return null;
  return digits;
}

/** A number from the gateway (source_addr of deliver_sm): international when its TON says so. */
export function inboundNumber(address: string, ton: number): string | null {
  if (ton === 1 && /^[1-9]\d{6,14}$/.test(address)) return normalizePhone(`+${address}`);
  return normalizePhone(address);
}

/** Only the last digits, for logs: a phone number is personal data. */
export function maskPhone(e164: string): string {
  return `${e164.slice(0, 3)}…${e164.slice(-2)}`;
}
