/**
 * Assurance levels: what an OpenID Connect `acr` (or HelseID's assurance claim) is worth, and the
 * one check that a session is strong enough to read plan content. Pure functions; the level
 * travels in the access token, so the check costs no query.
 */
import { assuranceAtLeast, type AssuranceLevel } from '#contracts';
import { DomainError } from '../errors/domain-error';
import type { Actor } from './actor';

/** HelseID states the level in its own claim besides (or instead of) `acr`. */
export const HELSEID_ASSURANCE_CLAIM = 'helseid://claims/identity/assurance_level';

const ACR_LEVELS: Record<string, AssuranceLevel> = {
  'idporten-loa-high': 'high',
  'idporten-loa-substantial': 'substantial',
  'idporten-loa-low': 'low',
  // ID-porten's older names, still sent by some brokers.
  Level4: 'high',
  Level3: 'substantial',
};

/** The level an OIDC login reached; anything unknown or missing counts as the lowest. */
export function levelOfOidcClaims(claims: Record<string, unknown>): AssuranceLevel {
  const acr = typeof claims.acr === 'string' ? ACR_LEVELS[claims.acr] : undefined;
  const helseId = claims[HELSEID_ASSURANCE_CLAIM];
  const stated = helseId === 'high' || helseId === 'substantial' || helseId === 'low' ? helseId : undefined;
  if (acr && stated) return assuranceAtLeast(acr, stated) ? stated : acr;
  return acr ?? stated ?? 'low';
}

export class AssuranceTooLow extends DomainError {
  constructor(level: AssuranceLevel, needed: AssuranceLevel) {
    super(
      'assurance_too_low',
      403,
      needed === 'high'
        ? 'Reading plans needs a stronger login: log in with HelseID or ID-porten (or a passkey made after such a login)'
        : 'Reading plans needs a stronger login: log in with ID-porten, or with a one-time code',
      { level, needed },
    );
  }
}

/** Throws unless the actor's session reaches what their role needs to read plan content. */
export function requireAssurance(actor: Pick<Actor, 'session'>): void {
  const level = actor.session?.level ?? 'low';
  // No session on record (an actor built by hand) needs the most: deny by default.
  const needed = actor.session?.needed ?? 'high';
  if (!assuranceAtLeast(level, needed)) throw new AssuranceTooLow(level, needed);
}
