import type { Translate } from '../i18n';
import type { MessageKey } from '../i18n/nb';
import { ApiError, NetworkError } from './client';

const BY_CODE: Partial<Record<string, MessageKey>> = {
  invalid_credentials: 'error.invalidCredentials',
  account_locked: 'error.accountLocked',
  account_disabled: 'error.accountDisabled',
  too_many_requests: 'error.tooMany',
  rate_limited: 'error.tooMany',
  forbidden: 'error.forbidden',
  consent_required: 'error.consentRequired',
  not_found: 'error.notFound',
  invitation_invalid: 'error.invitationInvalid',
  validation_failed: 'error.validation',
  already_exists: 'error.alreadyExists',
  conflict: 'error.conflict',
  meeting_closed: 'error.meetingClosed',
  oidc_not_configured: 'error.oidcNotConfigured',
  oidc_failed: 'error.oidcFailed',
  oidc_no_account: 'error.oidcNoAccount',
  oidc_unverified: 'error.oidcFailed',
  oidc_assurance_too_low: 'error.oidcAssuranceTooLow',
  assurance_too_low: 'error.assuranceTooLow',
  reset_token_invalid: 'error.resetTokenInvalid',
  passkey_failed: 'error.passkeyFailed',
  csv_invalid: 'error.csvInvalid',
};

/** A sentence for the user, in their language, for anything a request can throw. */
export function errorText(t: Translate, error: unknown): string {
  if (error instanceof NetworkError) return t('error.network');
  if (error instanceof ApiError) {
    const key = BY_CODE[error.code];
    return key ? t(key) : t('error.unknown');
  }
  if (typeof error === 'string' && BY_CODE[error]) return t(BY_CODE[error]!);
  return t('error.unknown');
}
