import { createPublicKey, generateKeyPairSync, verify, type JsonWebKey } from 'node:crypto';
import { importOidcPrivateKey, parseOidcPrivateKey } from './oidc-private-key';

function pair(type: 'rsa' | 'ec', options: { modulusLength?: number; namedCurve?: string }) {
  const { publicKey, privateKey } =
    type === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: options.modulusLength ?? 2048 })
      : generateKeyPairSync('ec', { namedCurve: options.namedCurve ?? 'P-256' });
  return { publicJwk: publicKey.export({ format: 'jwk' }), privateJwk: { ...privateKey.export({ format: 'jwk' }), kid: 'k1' } };
}

const rsa = pair('rsa', {});
const p256 = pair('ec', { namedCurve: 'P-256' });
const p384 = pair('ec', { namedCurve: 'P-384' });

/** Signs with the imported key as openid-client would, and checks the signature with the public half. */
async function signsVerifiably(jwk: JsonWebKey, publicJwk: JsonWebKey): Promise<boolean> {
  const parsed = parseOidcPrivateKey(JSON.stringify(jwk));
  const key = await importOidcPrivateKey(parsed);
  expect(key.extractable).toBe(false);
  expect(key.usages).toEqual(['sign']);
  const data = Buffer.from('header.payload');
  const algorithm =
    key.algorithm.name === 'ECDSA'
      ? { name: 'ECDSA', hash: parsed.alg === 'ES384' ? 'SHA-384' : 'SHA-256' }
      : key.algorithm.name === 'RSA-PSS'
        ? { name: 'RSA-PSS', saltLength: 32 }
        : { name: key.algorithm.name };
  const signature = Buffer.from(await crypto.subtle.sign(algorithm, key, data));
  const publicKey = createPublicKey({ key: publicJwk, format: 'jwk' });
  if (parsed.alg === 'PS256') return verify('sha256', data, { key: publicKey, padding: 6, saltLength: 32 }, signature);
  if (parsed.alg === 'RS256') return verify('sha256', data, publicKey, signature);
  return verify(parsed.alg === 'ES384' ? 'sha384' : 'sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature);
}

describe('parseOidcPrivateKey', () => {
  it('takes an RSA key as RS256 and keeps only the key material', async () => {
    const parsed = parseOidcPrivateKey(JSON.stringify({ ...rsa.privateJwk, use: 'sig', key_ops: ['sign'] }));
    expect(parsed.kid).toBe('k1');
    expect(parsed.alg).toBe('RS256');
    expect(Object.keys(parsed.jwk).sort()).toEqual(['d', 'dp', 'dq', 'e', 'kty', 'n', 'p', 'q', 'qi']);
    expect(await signsVerifiably(rsa.privateJwk, rsa.publicJwk)).toBe(true);
  });

  it('honours "alg": "PS256" on an RSA key', async () => {
    const jwk = { ...rsa.privateJwk, alg: 'PS256' };
    expect(parseOidcPrivateKey(JSON.stringify(jwk)).alg).toBe('PS256');
    expect(await signsVerifiably(jwk, rsa.publicJwk)).toBe(true);
  });

  it.each([
    ['P-256', 'ES256', p256],
    ['P-384', 'ES384', p384],
  ] as const)('takes an EC key on %s as %s', async (_curve, alg, key) => {
    expect(parseOidcPrivateKey(JSON.stringify(key.privateJwk)).alg).toBe(alg);
    expect(await signsVerifiably(key.privateJwk, key.publicJwk)).toBe(true);
  });

  it.each<[string, string, RegExp]>([
    ['not JSON', '-----BEGIN PRIVATE KEY-----', /is not valid JSON/],
    ['an array', '[]', /one JWK as a JSON object/],
    ['a JWK set', JSON.stringify({ keys: [rsa.privateJwk] }), /JWK set/],
    ['a symmetric key', JSON.stringify({ kty: 'oct', k: 'c2VjcmV0', kid: 'k1' }), /RSA or EC/],
    ['a key without kid', JSON.stringify({ ...rsa.privateJwk, kid: undefined }), /no "kid"/],
    ['a public key', JSON.stringify({ ...rsa.publicJwk, kid: 'k1' }), /is a public key/],
    ['an RSA key with an EC alg', JSON.stringify({ ...rsa.privateJwk, alg: 'ES256' }), /RS256 or PS256/],
    ['an EC key with the wrong alg', JSON.stringify({ ...p256.privateJwk, alg: 'ES384' }), /signs with ES256/],
    ['an EC key on P-521', JSON.stringify(pair('ec', { namedCurve: 'P-521' }).privateJwk), /P-256 or P-384/],
    ['a short RSA key', JSON.stringify(pair('rsa', { modulusLength: 1024 }).privateJwk), /shorter than 2048/],
    ['a broken member', JSON.stringify({ ...rsa.privateJwk, n: 'AQAB' }), /not a usable RSA private key/],
    ['parts of two RSA keys', JSON.stringify({ ...rsa.privateJwk, n: pair('rsa', {}).publicJwk.n }), /not a usable RSA private key/],
    ['parts of two EC keys', JSON.stringify({ ...p256.privateJwk, x: pair('ec', {}).publicJwk.x }), /not a usable EC private key/],
  ])('refuses %s, without repeating the key', (_case, text, message) => {
    expect(() => parseOidcPrivateKey(text)).toThrow(message);
    try {
      parseOidcPrivateKey(text);
    } catch (error) {
      expect((error as Error).message).not.toContain(rsa.privateJwk.d);
      expect((error as Error).message).not.toContain(p256.privateJwk.d);
    }
  });
});
