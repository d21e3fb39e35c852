import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { fetchSession, signOut as endSession, type SessionData } from './api/accounts.ts';
import { setCsrfToken } from './api/http.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'signed-in'; session: SessionData }
  /** The server could not say; pages that need an account offer to try again. */
  | { status: 'unknown' };

interface SessionContextValue {
  state: SessionState;
  /** Takes a session the server just handed out (sign-up, sign-in). */
  signedIn: (session: SessionData) => void;
  /** Asks the server again (after a change of roles, an accepted invitation, a confirmed address). */
  refresh: () => Promise<SessionData | undefined>;
  /** Ends the session on the server and here. */
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | undefined>(undefined);

function stateOf(session: SessionData | undefined): SessionState {
  return session ? { status: 'signed-in', session } : { status: 'anonymous' };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const apply = useCallback((next: SessionState) => {
    setCsrfToken(next.status === 'signed-in' ? next.session.csrfToken : undefined);
    setState(next);
  }, []);

  const refresh = useCallback(async () => {
    try {
      const session = await fetchSession();
      apply(stateOf(session));
      return session;
    } catch {
      apply({ status: 'unknown' });
      return undefined;
    }
  }, [apply]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const signedIn = useCallback((session: SessionData) => apply(stateOf(session)), [apply]);

  const signOut = useCallback(async () => {
    await endSession();
    apply({ status: 'anonymous' });
  }, [apply]);

  const value = useMemo(() => ({ state, signedIn, refresh, signOut }), [state, signedIn, refresh, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}
