/**
 * The login session on this device: tokens in localStorage, a refresh when the access token has
 * run out (one at a time, rotating the refresh token), and listeners for log-in and log-out.
 */
import type { ErrorBody, TokenPair } from '#contracts';

const STORAGE_KEY = 'fellesplan.session';

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds when the access token runs out. */
  expiresAt: number;
}

type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();

export function readSession(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function saveTokens(tokens: Pick<TokenPair, 'accessToken' | 'refreshToken'> & { expiresIn: number | string }): Session {
  const session: Session = {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: Date.now() + Number(tokens.expiresIn) * 1000,
  };
  localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  listeners.forEach((l) => l(session));
  return session;
}

export function clearSession(): void {
  localStorage.removeItem(STORAGE_KEY);
  listeners.forEach((l) => l(null));
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

let refreshing: Promise<Session | null> | null = null;

/** Trades the refresh token for new tokens; null when the session is over (then it is cleared). */
export function refreshSession(): Promise<Session | null> {
  refreshing ??= (async () => {
    const current = readSession();
    if (!current) return null;
    try {
      const res = await fetch('/api/auth/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: current.refreshToken }),
      });
      if (res.ok) return saveTokens((await res.json()) as TokenPair);
      // Another tab may have rotated the token already: take its session if it has a newer one.
      const latest = readSession();
      if (latest && latest.refreshToken !== current.refreshToken) return latest;
      const body = (await res.json().catch(() => null)) as ErrorBody | null;
      if (res.status === 401 || body?.code === 'refresh_token_reused') clearSession();
      return null;
    } catch {
      return readSession(); // offline: keep the session, try again later
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** An access token that is still valid for a little while, refreshing first when needed. */
export async function freshAccessToken(): Promise<string | null> {
  const session = readSession();
  if (!session) return null;
  if (session.expiresAt - Date.now() > 15_000) return session.accessToken;
  return (await refreshSession())?.accessToken ?? null;
}
