/**
 * Revocations that travel inside a plan's own event stream: removing a member and revoking a
 * member's consent are plan events (written by members/ and consent/ through the write path).
 * Acting on them while delivering the stream in revision order means a revoked socket leaves
 * the room exactly before the first later revision, on every node, whatever road the separate
 * 'plan.access.revoked' notice takes. Pure logic.
 */
import { PLAN_PERMISSIONS, type PlanEventView, type RevokeReason } from '#contracts';
import type { PlanSeat } from './socket-data';

export interface StreamRevocation {
  memberId: string;
  reason: RevokeReason;
}

export function revocationIn(event: PlanEventView): StreamRevocation | null {
  if (event.entityType === 'member' && event.action === 'removed') return { memberId: event.entityId, reason: 'member_removed' };
  if (event.entityType === 'consent' && event.action === 'revoked' && typeof event.patch.memberId === 'string')
    return { memberId: event.patch.memberId, reason: 'consent_revoked' };
  return null;
}

/** Whether a socket seated in the plan loses access by this revocation. */
export function seatLoses(seat: PlanSeat, revocation: StreamRevocation): boolean {
  if (seat.memberId !== revocation.memberId) return false;
  // Consent matters only to the roles that need it (relative, professional).
  return revocation.reason !== 'consent_revoked' || PLAN_PERMISSIONS[seat.role].requiresConsent;
}
