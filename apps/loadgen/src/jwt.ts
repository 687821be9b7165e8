/** HS256 access tokens, minted like the api's AuthService does, so the bench skips password logins. */
import { createHmac } from 'node:crypto';

const b64url = (s: string | Buffer) => Buffer.from(s).toString('base64url');

export function signHs256(payload: Record<string, unknown>, secret: string, ttlSeconds = 4 * 3600): string {
  const iat = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify({ ...payload, iat, exp: iat + ttlSeconds }));
  const signature = createHmac('sha256', secret).update(`${header}.${body}`).digest('base64url');
  return `${header}.${body}.${signature}`;
}
