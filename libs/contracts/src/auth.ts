import type { TenantRole } from './roles';

export interface LoginRequest {
  email: string;
  password: string;
}

export interface TokenPair {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
}

export interface AccountView {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  phone: string | null;
  role: TenantRole;
  /** For staff, as the municipality's directory shows them: e.g. "Fysioterapi", "Fjordvik kommune". */
  service: string | null;
  organisation: string | null;
  disabled: boolean;
  locale: 'nb' | 'en';
  createdAt: string;
}

/** GET /api/directory/staff: one staff account of the municipality, metadata only (no contact details). */
export interface DirectoryEntry {
  accountId: string;
  name: string;
  service: string | null;
  organisation: string | null;
  tenantRole: TenantRole;
}

export interface MeView extends AccountView {
  tenantName: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** GET /api/auth/oidc/config: whether the web app shows the OpenID Connect login button, and its label. */
export interface OidcConfigView {
  enabled: boolean;
  label: string;
}

/** Why an OpenID Connect login came back to `/login?error=<code>` instead of `/login/callback`. */
export const OIDC_LOGIN_ERRORS = ['oidc_not_configured', 'oidc_failed', 'oidc_no_account', 'oidc_unverified', 'account_disabled'] as const;
export type OidcLoginError = (typeof OIDC_LOGIN_ERRORS)[number];

/**
 * The parameters in the fragment of `/login/callback#...` after a successful OpenID Connect login.
 * A fragment, never a query string: browsers do not send it to servers, so tokens stay out of logs.
 */
export interface OidcLoginFragment {
  accessToken: string;
  refreshToken: string;
  /** Seconds, as text. */
  expiresIn: string;
  /** A path on this site to continue to. */
  returnTo: string;
}
