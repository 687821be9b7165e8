/**
 * A way to reach someone: a phone number (E.164; a Norwegian 8-digit number may be given without
 * +47) or an e-mail address. Shared by the api (validation) and the web app (one "phone or
 * e-mail" field), so both read the same input the same way.
 */

/** E.164: a plus, a country code and at most 15 digits in all. */
const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * The number in E.164 form, or null when it is not a phone number. Spaces, dots, dashes and
 * brackets are ignored; `00` before the country code is read as `+`; a bare 8-digit number is
 * Norwegian (+47).
 */
export function normalizePhone(raw: string): string | null {
  const compact = raw.trim().replace(/[\s.\-()]/g, '');
  if (!compact) return null;
  const plus = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  if (/^\d{8}$/.test(plus)) return `+47${plus}`;
  return E164.test(plus) ? plus : null;
}

/** A deliberately simple e-mail check for the client (the api validates with class-validator). */
export function looksLikeEmail(raw: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw.trim());
}

/** What a "phone or e-mail" field holds: an e-mail, a phone number (E.164), or neither. */
export function parseContact(raw: string): { email: string } | { phone: string } | null {
  const text = raw.trim();
  if (!text) return null;
  if (text.includes('@')) return looksLikeEmail(text) ? { email: text.toLowerCase() } : null;
  const phone = normalizePhone(text);
  return phone ? { phone } : null;
}
