/**
 * Passkeys in the browser (@simplewebauthn/browser) against /api/auth/passkeys. The library loads
 * only when a passkey is made or used (it is not part of the first script a phone fetches).
 */
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import type { PasskeyView, TokenPair } from '#contracts';
import { post } from '../api/client';

/** As @simplewebauthn/browser's browserSupportsWebAuthn, without loading it. */
export const passkeysSupported = (): boolean =>
  typeof window !== 'undefined' && window.PublicKeyCredential !== undefined && typeof window.PublicKeyCredential === 'function';

/** Makes a passkey on this device for the logged-in account. */
export async function registerPasskey(name: string): Promise<PasskeyView> {
  const { challengeId, options } = await post<{ challengeId: string; options: PublicKeyCredentialCreationOptionsJSON }>(
    '/api/auth/passkeys/registration-options',
  );
  const { startRegistration } = await import('@simplewebauthn/browser');
  const credential = await startRegistration({ optionsJSON: options });
  return post<PasskeyView>('/api/auth/passkeys', { challengeId, name, credential });
}

/** One tap: the browser offers the passkeys it has for this site; the api answers with tokens. */
export async function loginWithPasskey(): Promise<TokenPair> {
  const { challengeId, options } = await post<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }>(
    '/api/auth/passkeys/login-options',
  );
  const { startAuthentication } = await import('@simplewebauthn/browser');
  const credential = await startAuthentication({ optionsJSON: options });
  return post<TokenPair>('/api/auth/passkeys/login', { challengeId, credential });
}

/** A name for this device from the browser's own description, e.g. "Chrome på Linux". */
export function deviceName(fallback: string): string {
  const ua = navigator.userAgent;
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : '';
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Mac OS X/.test(ua)
        ? 'Mac'
        : /Windows/.test(ua)
          ? 'Windows'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  return [browser, os].filter(Boolean).join(' / ') || fallback;
}

/** The user said "not now" on this device: do not ask again after every login. */
const DECLINED = 'fellesplan.passkeyOfferDeclined';
export const offerDeclined = (): boolean => localStorage.getItem(DECLINED) === '1';
export const declineOffer = (): void => localStorage.setItem(DECLINED, '1');
