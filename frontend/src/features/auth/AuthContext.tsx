import { createContext, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { SessionManager, type AuthSnapshot } from './sessionManager';

export interface AuthContextValue extends AuthSnapshot {
  login(email: string, password: string): Promise<void>;
  logout(): Promise<void>;
  selectWorkspace(workspaceId: string): void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children, manager }: { children: ReactNode; manager?: SessionManager }) {
  const [session] = useState(() => manager ?? new SessionManager());
  const snapshot = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const queryClient = useQueryClient();

  useEffect(() => {
    void session.restore();
  }, [session]);

  const value = useMemo<AuthContextValue>(
    () => ({
      ...snapshot,
      login: (email, password) => session.login(email, password),
      logout: async () => {
        await session.logout();
        queryClient.clear();
      },
      selectWorkspace: (workspaceId) => {
        session.selectWorkspace(workspaceId);
        queryClient.clear();
      },
    }),
    [snapshot, session, queryClient],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
