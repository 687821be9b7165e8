/**
 * What the api and the test gateway agree on beyond SMPP 3.4 itself: the idempotency key of each
 * message travels in a vendor-specific TLV (0x1F01, C-string), so a gateway that keeps it can
 * drop a second copy of a message whose submit_sm_resp was lost (docs/sms.md).
 */
import * as smpp from 'smpp';

export const IDEMPOTENCY_TLV = 'fellesplan_message_id';
export const IDEMPOTENCY_TLV_ID = 0x1f01;

let defined = false;
export function defineSmppExtensions(): void {
  if (defined) return;
  smpp.addTLV(IDEMPOTENCY_TLV, { id: IDEMPOTENCY_TLV_ID, type: smpp.types.tlv.cstring });
  defined = true;
}

/** The name of an SMPP command status, for logs and errors (0x58 → ESME_RTHROTTLED). */
export function smppStatusName(status: number): string {
  const name = Object.entries(smpp.errors).find(([, v]) => v === status)?.[0];
  return `${name ?? 'unknown'} (0x${status.toString(16).padStart(4, '0')})`;
}
