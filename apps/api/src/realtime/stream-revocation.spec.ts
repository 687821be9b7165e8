import type { PlanEventView } from '#contracts';
import { revocationIn, seatLoses } from './stream-revocation';

const event = (over: Partial<PlanEventView>): PlanEventView => ({
  planId: 'p',
  revision: 7,
  actor: { accountId: 'a', name: 'Kari' },
  entityType: 'goal',
  entityId: 'e',
  action: 'updated',
  patch: {},
  clientMutationId: null,
  at: '2026-01-01T00:00:00.000Z',
  ...over,
});

describe('revocations in the event stream', () => {
  it('sees a removed member', () => {
    expect(revocationIn(event({ entityType: 'member', entityId: 'm1', action: 'removed' }))).toEqual({
      memberId: 'm1',
      reason: 'member_removed',
    });
  });

  it("sees a revoked member consent, naming the consent's member", () => {
    expect(revocationIn(event({ entityType: 'consent', entityId: 'c1', action: 'revoked', patch: { memberId: 'm2' } }))).toEqual({
      memberId: 'm2',
      reason: 'consent_revoked',
    });
    // Revoking the consent to the plan itself names no member.
    expect(revocationIn(event({ entityType: 'consent', action: 'revoked', patch: { memberId: null } }))).toBeNull();
  });

  it('ignores every other change', () => {
    expect(revocationIn(event({ entityType: 'member', action: 'updated' }))).toBeNull();
    expect(revocationIn(event({}))).toBeNull();
  });

  it('takes out only the seat of that member, and for consent only roles that need consent', () => {
    const removed = { memberId: 'm1', reason: 'member_removed' as const };
    const consent = { memberId: 'm1', reason: 'consent_revoked' as const };
    expect(seatLoses({ memberId: 'm1', role: 'guardian' }, removed)).toBe(true);
    expect(seatLoses({ memberId: 'm9', role: 'relative' }, removed)).toBe(false);
    expect(seatLoses({ memberId: 'm1', role: 'relative' }, consent)).toBe(true);
    expect(seatLoses({ memberId: 'm1', role: 'professional' }, consent)).toBe(true);
    expect(seatLoses({ memberId: 'm1', role: 'coordinator' }, consent)).toBe(false);
  });
});
