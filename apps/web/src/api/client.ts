/**
 * JSON over HTTP to the api, as the logged-in account. Errors come back as ApiError with the
 * api's error code (libs/contracts errors.ts); a request that never reached the server throws
 * NetworkError, which the autosave treats as "not yet saved, try again when back online".
 */
import type { ErrorBody, ErrorCode } from '#contracts';
import { clearSession, freshAccessToken, refreshSession } from './session';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'unknown',
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export class NetworkError extends Error {}

export async function api<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
  const token = await freshAccessToken();
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    throw new NetworkError(String(error));
  }
  const text = await res.text();
  const parsed: unknown = text ? safeJson(text) : undefined;
  if (res.ok) return parsed as T;
  const err = (parsed ?? {}) as Partial<ErrorBody>;
  if (res.status === 401 && token && !retried && (err.code === 'token_expired' || err.code === 'token_invalid')) {
    if (await refreshSession()) return api<T>(method, path, body, true);
    clearSession();
  }
  if (res.status >= 502 && res.status <= 504) throw new NetworkError(`HTTP ${res.status}`);
  throw new ApiError(res.status, err.code ?? 'unknown', err.message ?? res.statusText, err.details);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}) => api<T>('POST', path, body);
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const del = <T>(path: string) => api<T>('DELETE', path);
