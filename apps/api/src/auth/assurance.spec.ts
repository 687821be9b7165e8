import { levelOfOidcClaims, requireAssurance, HELSEID_ASSURANCE_CLAIM } from './assurance';

describe('assurance', () => {
  it.each([
    [{ acr: 'idporten-loa-high' }, 'high'],
    [{ acr: 'idporten-loa-substantial' }, 'substantial'],
    [{ acr: 'Level4' }, 'high'],
    [{ acr: 'something-else' }, 'low'],
    [{}, 'low'],
    [{ acr: 42 }, 'low'],
    [{ [HELSEID_ASSURANCE_CLAIM]: 'high' }, 'high'],
    // Two statements: the weaker one counts.
    [{ acr: 'idporten-loa-high', [HELSEID_ASSURANCE_CLAIM]: 'substantial' }, 'substantial'],
    [{ acr: 'idporten-loa-substantial', [HELSEID_ASSURANCE_CLAIM]: 'high' }, 'substantial'],
  ])('reads %j as %s', (claims, level) => {
    expect(levelOfOidcClaims(claims)).toBe(level);
  });

  it('lets a session through at or above what the role needs, and refuses below', () => {
    const session = (level: 'low' | 'substantial' | 'high', needed: 'low' | 'substantial' | 'high') => ({
      session: { id: 'x', method: 'password' as const, level, needed },
    });
    expect(() => requireAssurance(session('high', 'high'))).not.toThrow();
    expect(() => requireAssurance(session('substantial', 'low'))).not.toThrow();
    expect(() => requireAssurance(session('substantial', 'high'))).toThrow(/stronger login/);
    expect(() => requireAssurance(session('low', 'substantial'))).toThrow(/stronger login/);
  });

  it('refuses an actor without a session on record', () => {
    expect(() => requireAssurance({})).toThrow(/stronger login/);
  });
});
