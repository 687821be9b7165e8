/** Who is logged in: the session tokens and the account (GET /api/auth/me). */
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import type { MeView, TokenPair } from '#contracts';
import { applyReadingSettings } from '../account/reading-settings';
import { storedLocale, useI18n } from '../i18n';
import { fromBoot, peekBootAnswer, takeBootAnswer } from './boot';
import { ApiError, get, post } from './client';
import { clearSession, onSessionChange, readSession, saveTokens } from './session';

interface AuthValue {
  me: MeView | null;
  /** 'loading' until we know whether the session on this device is still good. */
  status: 'loading' | 'in' | 'out';
  login(email: string, password: string): Promise<void>;
  /** After an invitation or an OpenID Connect login handed us tokens. */
  adoptTokens(tokens: Pick<TokenPair, 'accessToken' | 'refreshToken'> & { expiresIn: number | string }): Promise<void>;
  logout(): Promise<void>;
  /** Reads the account again (after changing its settings). */
  refreshMe(): Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const { setLocale } = useI18n();
  // The account as src/boot.ts has it already (on a slow line it arrives before this script): the
  // first render is the signed-in screen, not a spinner and then the screen.
  const [early] = useState(() => peekBootAnswer<MeView>('/api/auth/me'));
  const [me, setMe] = useState<MeView | null>(early ?? null);
  const [status, setStatus] = useState<AuthValue['status']>(() => (early ? 'in' : readSession() ? 'loading' : 'out'));
  // Larger text and the plainer layout before the first paint, so that nothing moves after it.
  useLayoutEffect(() => {
    if (early) applyReadingSettings(early);
  }, [early]);

  const loadMe = useCallback(async () => {
    try {
      // On start, the answer src/boot.ts asked for before the app's script arrived.
      const account = await fromBoot('/api/auth/me', () => get<MeView>('/api/auth/me'));
      setMe(account);
      applyReadingSettings(account);
      setStatus('in');
      if (!storedLocale()) setLocale(account.locale);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        clearSession();
        setStatus('out');
      } else if (!me) {
        // Offline with a session: let the app show what it has kept; it retries on its own.
        setStatus(readSession() ? 'in' : 'out');
      }
    }
  }, [me, setLocale]);

  useEffect(() => {
    if (early) {
      takeBootAnswer('/api/auth/me');
      if (!storedLocale()) setLocale(early.locale);
    } else if (readSession()) void loadMe();
    return onSessionChange((session) => {
      if (!session) {
        setMe(null);
        applyReadingSettings(null);
        setStatus('out');
      }
    });
    // Only once, on start.
  }, []);

  const value = useMemo<AuthValue>(
    () => ({
      me,
      status,
      async login(email, password) {
        const tokens = await post<TokenPair>('/api/auth/login', { email, password });
        saveTokens(tokens);
        await loadMe();
      },
      async adoptTokens(tokens) {
        saveTokens(tokens);
        await loadMe();
      },
      async logout() {
        const session = readSession();
        if (session) await post('/api/auth/logout', { refreshToken: session.refreshToken }).catch(() => undefined);
        clearSession();
      },
      refreshMe: loadMe,
    }),
    [me, status, loadMe],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
