/** Every error the api returns, over HTTP or in a socket ack, carries one of these codes. */
export const ERROR_CODES = [
  'validation_failed',
  'malformed_json',
  'payload_too_large',
  'unauthenticated',
  'token_invalid',
  'token_expired',
  'invalid_credentials',
  'account_locked',
  'account_disabled',
  'too_many_requests',
  'forbidden',
  'consent_required',
  'not_found',
  'not_acceptable',
  'conflict',
  /** The meeting is closed (its minutes approved): read-only until the coordinator reopens it. */
  'meeting_closed',
  'already_exists',
  'invitation_invalid',
  'refresh_token_reused',
  'oidc_not_configured',
  'oidc_failed',
  'assurance_too_low',
  'reset_token_invalid',
  'passkey_failed',
  'csv_invalid',
  'unknown_event',
  'rate_limited',
  'internal_error',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The one error body shape, for every HTTP error. */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details?: unknown;
}
