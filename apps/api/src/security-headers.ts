/**
 * Response headers that keep health data where it belongs: the Content-Security-Policy of the
 * web app, and `Cache-Control: no-store` on every api response (plan content, notifications,
 * exports, account data: nothing the api answers may sit in a browser's or a proxy's cache).
 * docs/input.md says why each directive is what it is.
 */
import type { NextFunction, Request, Response } from 'express';

/**
 * Scripts only from this origin, never inline: the built index.html loads one module script
 * and has no inline script (a test checks the build). Styles: see docs/input.md.
 */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  connectSrc: ["'self'", 'ws:', 'wss:'],
  imgSrc: ["'self'", 'data:'],
  styleSrc: ["'self'"],
  scriptSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};

/** Path prefixes whose responses are never stored: the whole api (plans, notifications, exports, accounts) and FHIR. */
export const NO_STORE_PREFIXES = ['/api/', '/fhir'];

function isNoStorePath(path: string): boolean {
  return NO_STORE_PREFIXES.some((prefix) => path === prefix.replace(/\/$/, '') || path.startsWith(prefix));
}

/**
 * Sets `Cache-Control: no-store` on those paths, and again just before the headers are written,
 * so a handler that sets its own caching (res.sendFile sets `public, max-age=0`) cannot loosen it.
 */
export function noStore(req: Request, res: Response, next: NextFunction): void {
  if (!isNoStorePath(req.path)) return next();
  res.setHeader('cache-control', 'no-store');
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, ...args: unknown[]) {
    if (!this.headersSent) this.setHeader('cache-control', 'no-store');
    return (writeHead as (...a: unknown[]) => Response).apply(this, args);
  } as Response['writeHead'];
  next();
}
