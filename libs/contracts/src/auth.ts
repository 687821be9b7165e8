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
  /** Reading settings, applied on every page. */
  textSize: TextSize;
  plainLayout: boolean;
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

/** GET /api/directory/citizens: a citizen of the municipality a plan can be started for (name only). */
export interface CitizenEntry {
  accountId: string;
  name: string;
}

export interface MeView extends AccountView {
  tenantName: string;
  /** How this session was authenticated, and what reading plan content needs. */
  session: SessionAssuranceView;
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
export const OIDC_LOGIN_ERRORS = [
  'oidc_not_configured',
  'oidc_failed',
  'oidc_no_account',
  'oidc_unverified',
  'oidc_assurance_too_low',
  'account_disabled',
] as const;
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

/**
 * How sure we are of who is logged in (eIDAS / ID-porten levels). `low`: something only the
 * person knows or holds by e-mail (password, invitation link); `substantial`: two factors
 * (password + one-time code, ID-porten substantial); `high`: ID-porten high (BankID), HelseID.
 */
export const ASSURANCE_LEVELS = ['low', 'substantial', 'high'] as const;
export type AssuranceLevel = (typeof ASSURANCE_LEVELS)[number];

/** How a session was authenticated. */
export const AUTH_METHODS = ['password', 'password_otp', 'passkey', 'invitation', 'idporten', 'helseid', 'oidc'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

export function assuranceAtLeast(level: AssuranceLevel, needed: AssuranceLevel): boolean {
  return ASSURANCE_LEVELS.indexOf(level) >= ASSURANCE_LEVELS.indexOf(needed);
}

/** Per tenant: the level each tenant role needs to read plan content. */
export type AssurancePolicy = Record<TenantRole, AssuranceLevel>;

/**
 * The production default: staff (who see many people's health information) need high (HelseID,
 * ID-porten high, or a passkey registered in such a session); citizens substantial.
 */
export const STRICT_ASSURANCE_POLICY: AssurancePolicy = {
  systemkoordinator: 'high',
  coordinator: 'high',
  professional: 'high',
  citizen: 'substantial',
};

/** GET/PUT /api/tenant/assurance-policy. */
export interface AssurancePolicyView {
  policy: AssurancePolicy;
}

/** The session an access token belongs to, as GET /api/auth/me reports it. */
export interface SessionAssuranceView {
  method: AuthMethod;
  level: AssuranceLevel;
  /** What the account's role needs in its tenant to read plan content. */
  needed: AssuranceLevel;
}

/** POST /api/auth/password-reset: always this answer, whether or not the address has an account. */
export interface PasswordResetRequested {
  message: string;
}

/** One signed-in device (a refresh-token family), for "my devices and sessions". */
export interface SessionView {
  id: string;
  method: AuthMethod;
  level: AssuranceLevel;
  userAgent: string | null;
  ip: string | null;
  startedAt: string;
  lastUsedAt: string;
  current: boolean;
}

/** A registered passkey (WebAuthn credential). */
export interface PasskeyView {
  id: string;
  name: string;
  level: AssuranceLevel;
  createdAt: string;
  lastUsedAt: string | null;
}

export const TEXT_SIZES = ['normal', 'large'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

/** What can be wrong with one row of a staff CSV import. */
export const STAFF_IMPORT_ROW_ERRORS = [
  'name_missing',
  'email_invalid',
  'role_invalid',
  'too_long',
  'duplicate_in_file',
  'email_taken',
] as const;
export type StaffImportRowError = (typeof STAFF_IMPORT_ROW_ERRORS)[number];

/** The tenant roles a staff import may give (citizens join by invitation, never by import). */
export const STAFF_ROLES = ['systemkoordinator', 'coordinator', 'professional'] as const;

export interface StaffImportRow {
  /** The line in the file (the header is line 1). */
  line: number;
  name: string;
  email: string;
  phone: string;
  role: string;
  service: string;
  organisation: string;
  errors: StaffImportRowError[];
}

/**
 * POST /api/accounts/import (Content-Type: text/csv, UTF-8, at most 1 MB). With `?commit=true`
 * and no row in error, every account is created in one transaction; otherwise nothing is.
 */
export interface StaffImportResult {
  rows: StaffImportRow[];
  valid: number;
  invalid: number;
  /** Accounts created: 0 for a preview or when any row is in error. */
  created: number;
}
