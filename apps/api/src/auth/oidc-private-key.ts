/**
 * The client's private key for `private_key_jwt` (RFC 7523) at the provider's token endpoint, as
 * HelseID requires: one private JWK as JSON, RSA (at least 2048 bits) or EC (P-256, P-384), with a
 * `kid` by which the provider finds the public half it has registered.
 *
 * Checked synchronously at boot (loadConfig), so a bad key stops the start instead of the first
 * login; imported as a non-extractable WebCrypto key on first use. Error messages say what is wrong
 * with the key and never repeat any of it.
 */
import { createPrivateKey, createPublicKey, sign, verify, webcrypto, type JsonWebKey } from 'node:crypto';

export type OidcSigningAlg = 'RS256' | 'PS256' | 'ES256' | 'ES384';

export interface OidcPrivateKey {
  kid: string;
  /** The JWS algorithm of the client assertion: from the JWK's `alg`, else RS256 for RSA, ES256/ES384 by curve for EC. */
  alg: OidcSigningAlg;
  /** The key material only (no alg, use, key_ops), so that WebCrypto's import checks cannot trip over them. */
  jwk: JsonWebKey;
}

const IMPORT_PARAMS: Record<OidcSigningAlg, webcrypto.RsaHashedImportParams | webcrypto.EcKeyImportParams> = {
  RS256: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  PS256: { name: 'RSA-PSS', hash: 'SHA-256' },
  ES256: { name: 'ECDSA', namedCurve: 'P-256' },
  ES384: { name: 'ECDSA', namedCurve: 'P-384' },
};
const RSA_ALGS: readonly OidcSigningAlg[] = ['RS256', 'PS256'];
const EC_ALG_BY_CURVE: Record<string, OidcSigningAlg> = { 'P-256': 'ES256', 'P-384': 'ES384' };
const MATERIAL: Record<'RSA' | 'EC', readonly string[]> = {
  RSA: ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'],
  EC: ['crv', 'x', 'y', 'd'],
};

/** Parses and checks the key; throws an Error saying what is wrong, in words fit for the boot error. */
export function parseOidcPrivateKey(text: string): OidcPrivateKey {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('is not valid JSON; expected one private JWK such as {"kty":"RSA","kid":"…","n":"…","e":"…","d":"…",…}');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('must be one JWK as a JSON object');
  const jwk = value as Record<string, unknown>;
  if ('keys' in jwk) throw new Error('is a JWK set; give the one private JWK itself');
  if (jwk.kty !== 'RSA' && jwk.kty !== 'EC') throw new Error('must be an RSA or EC key ("kty": "RSA" or "EC")');
  if (typeof jwk.kid !== 'string' || jwk.kid.trim() === '')
    throw new Error('has no "kid"; the provider finds the registered public key by it');
  if (jwk.d === undefined) throw new Error('is a public key; the private JWK (with "d") is needed');

  let alg: OidcSigningAlg;
  if (jwk.kty === 'RSA') {
    alg = (jwk.alg ?? 'RS256') as OidcSigningAlg;
    if (!RSA_ALGS.includes(alg)) throw new Error(`has "alg" ${JSON.stringify(jwk.alg)}; an RSA key signs with RS256 or PS256`);
  } else {
    const byCurve = typeof jwk.crv === 'string' ? EC_ALG_BY_CURVE[jwk.crv] : undefined;
    if (!byCurve) throw new Error('must be on curve P-256 or P-384 ("crv")');
    if (jwk.alg !== undefined && jwk.alg !== byCurve)
      throw new Error(`has "alg" ${JSON.stringify(jwk.alg)}, but its curve signs with ${byCurve}`);
    alg = byCurve;
  }

  const material: JsonWebKey = { kty: jwk.kty };
  for (const name of MATERIAL[jwk.kty]) {
    if (jwk[name] !== undefined) material[name] = jwk[name];
  }
  let modulusLength: number | undefined;
  try {
    const key = createPrivateKey({ key: material, format: 'jwk' });
    modulusLength = key.asymmetricKeyDetails?.modulusLength;
    // Import checks the form, not that the parts belong together: sign once and check it with the public half.
    const probe = Buffer.from('fellesplan private_key_jwt probe');
    if (!verify('sha256', probe, createPublicKey(key), sign('sha256', probe, key))) throw new Error('mismatch');
  } catch {
    throw new Error(`is not a usable ${jwk.kty} private key (a member is missing, malformed or from another key)`);
  }
  if (jwk.kty === 'RSA' && (modulusLength ?? 0) < 2048) throw new Error('is an RSA key shorter than 2048 bits');
  return { kid: jwk.kid, alg, jwk: material };
}

/** The key as a non-extractable WebCrypto key that can only sign, for openid-client's PrivateKeyJwt. */
export function importOidcPrivateKey(key: OidcPrivateKey): Promise<webcrypto.CryptoKey> {
  return webcrypto.subtle.importKey('jwk', key.jwk as webcrypto.JsonWebKey, IMPORT_PARAMS[key.alg], false, ['sign']);
}
