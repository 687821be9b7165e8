/** One-time invitation links: the token travels in the link, only its hash is stored. */
import { createHash, randomBytes } from 'node:crypto';

export const INVITATION_TTL_DAYS = 14;

export function newInvitationToken(now = new Date()): { token: string; hash: string; expiresAt: Date } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashInvitationToken(token), expiresAt: new Date(now.getTime() + INVITATION_TTL_DAYS * 86_400_000) };
}

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function invitationUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/invitasjon/${token}`;
}
