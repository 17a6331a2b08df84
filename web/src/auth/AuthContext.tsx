// Session state: who is signed in (GET /me), login, logout.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { auth } from '../api/platform';
import { setCsrfToken } from '../api/client';
import { ApiError } from '../api/errors';
import type { LoginResult, Me } from '../api/types';
import { clearServerState } from '../hooks/query';

interface AuthValue {
  me: Me | null;
  /** True until the first GET /me answered. */
  loading: boolean;
  /** Set when GET /me failed for another reason than "not signed in" (server down). */
  error: ApiError | null;
  refresh(): Promise<Me | null>;
  login(username: string, password: string): Promise<LoginResult>;
  logout(): Promise<void>;
  /** Forget the session locally (after a 401). */
  forget(): void;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);

  const refresh = useCallback(async () => {
    try {
      const m = await auth.me();
      setMe(m);
      setError(null);
      return m;
    } catch (e) {
      setMe(null);
      if (e instanceof ApiError && e.status !== 401) setError(e);
      else setError(null);
      return null;
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const login = useCallback(
    async (username: string, password: string) => {
      clearServerState();
      const r = await auth.login(username, password);
      await refresh();
      return r;
    },
    [refresh],
  );

  const forget = useCallback(() => {
    setCsrfToken(null);
    clearServerState();
    setMe(null);
  }, []);

  const logout = useCallback(async () => {
    try {
      await auth.logout();
    } catch {
      // The session may already be gone; signing out locally is what matters.
    }
    forget();
  }, [forget]);

  const value = useMemo(
    () => ({ me, loading, error, refresh, login, logout, forget }),
    [me, loading, error, refresh, login, logout, forget],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** Role patterns: exact codes or a `*.leader` style suffix wildcard. */
export function hasAnyRole(me: Pick<Me, 'roles'> | null, patterns: readonly string[]): boolean {
  if (!me) return false;
  return patterns.some((p) =>
    p.startsWith('*.') ? me.roles.some((r) => r.endsWith(p.slice(1))) : me.roles.some((r) => r === p),
  );
}
