import type { User, Workspace } from './api';

/**
 * Where the session lives. The access token stays in memory only; the refresh token, the user and the
 * chosen workspace go to sessionStorage so a reload of this tab keeps the session (never localStorage:
 * a closed tab ends it).
 */
const KEY = 'agentobs.session';

export interface StoredSession {
  refreshToken: string;
  user: User;
  workspaces: Workspace[];
  workspaceId: string | null;
}

export function loadSession(): StoredSession | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<StoredSession>;
    if (typeof parsed.refreshToken !== 'string' || !parsed.user || !Array.isArray(parsed.workspaces)) return null;
    return parsed as StoredSession;
  } catch {
    return null;
  }
}

export function saveSession(session: StoredSession): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}
