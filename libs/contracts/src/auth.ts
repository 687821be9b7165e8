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
  disabled: boolean;
  locale: 'nb' | 'en';
  createdAt: string;
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
