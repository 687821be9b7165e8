/**
 * Where a login may send the browser afterwards: a path on this site, never another site (an
 * open redirect would let a phishing link borrow our login page). Pure, unit-tested beside.
 */
const BASE = 'http://return-to.invalid';
const MAX_LENGTH = 512;
// Browsers drop tabs and newlines inside URLs, so "/\t/evil.example" would become "//evil.example".
const CONTROL = /[\u0000-\u001f\u007f]/;

/** The normalised path to return to ('/' when none is given), or null when the value is not a safe path. */
export function safeReturnTo(value: string | undefined | null): string | null {
  if (value === undefined || value === null || value === '') return '/';
  if (value.length > MAX_LENGTH || CONTROL.test(value)) return null;
  // "//host" is scheme-relative and browsers read "\" as "/": both leave the site.
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return null;
  const url = new URL(value, BASE);
  if (url.origin !== BASE) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
