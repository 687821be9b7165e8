/**
 * The access tokens' HMAC key as a KeyObject, made once per secret.
 *
 * jsonwebtoken turns a string secret into a key on every sign and verify, and first tries it as
 * a PEM public (or private) key: that attempt parses the secret and throws, which cost about a
 * millisecond of cpu per socket handshake and per HTTP request (BENCHMARKS.md). Given a
 * KeyObject it skips both. The key is the same bytes as the string (UTF-8), so tokens signed
 * either way verify either way.
 */
import { createSecretKey, type KeyObject } from 'node:crypto';

const keys = new Map<string, KeyObject>();

export function jwtKey(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(Buffer.from(secret, 'utf8'))));
  return key;
}
