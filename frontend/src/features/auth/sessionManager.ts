import { configureHttpSession } from '../../lib/http';
import * as authApi from './api';
import type { Role, Tokens, User, Workspace } from './api';
import { clearSession, loadSession, saveSession } from './session';

export type AuthStatus = 'restoring' | 'anonymous' | 'authenticated';

export interface AuthSnapshot {
  status: AuthStatus;
  user: User | null;
  workspaces: Workspace[];
  workspaceId: string | null;
  role: Role | null;
}

const REFRESH_MARGIN_S = 30;

/** Holds the session outside React so the HTTP client and the UI share one source of truth. */
export class SessionManager {
  private accessToken: string | null = null;
  private refreshToken: string | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private inflightRefresh: Promise<boolean> | null = null;
  private listeners = new Set<() => void>();
  private snapshot: AuthSnapshot = { status: 'restoring', user: null, workspaces: [], workspaceId: null, role: null };

  constructor() {
    configureHttpSession({
      getAccessToken: () => this.accessToken,
      getWorkspaceId: () => this.snapshot.workspaceId,
      refresh: () => this.refresh(),
      onUnauthenticated: () => this.reset(),
    });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): AuthSnapshot => this.snapshot;

  /** On start: a stored refresh token (this tab, before a reload) brings the session back. */
  async restore(): Promise<void> {
    const stored = loadSession();
    if (!stored) {
      this.update({ status: 'anonymous' });
      return;
    }
    this.refreshToken = stored.refreshToken;
    this.update({ user: stored.user, workspaces: stored.workspaces, workspaceId: stored.workspaceId });
    const ok = await this.refresh();
    if (!ok) this.reset();
  }

  async login(email: string, password: string): Promise<void> {
    const tokens = await authApi.login(email, password);
    this.accept(tokens);
  }

  async logout(): Promise<void> {
    const token = this.refreshToken;
    await authApi.logout(token);
    this.reset();
  }

  selectWorkspace(workspaceId: string): void {
    if (!this.snapshot.workspaces.some((w) => w.workspace_id === workspaceId)) return;
    this.update({ workspaceId });
    this.persist();
  }

  refresh(): Promise<boolean> {
    if (this.inflightRefresh) return this.inflightRefresh;
    const token = this.refreshToken;
    if (!token) return Promise.resolve(false);
    this.inflightRefresh = authApi
      .refresh(token)
      .then((tokens) => {
        this.accept(tokens);
        return true;
      })
      .catch(() => false)
      .finally(() => {
        this.inflightRefresh = null;
      });
    return this.inflightRefresh;
  }

  private accept(tokens: Tokens): void {
    this.accessToken = tokens.access_token;
    if (tokens.refresh_token) this.refreshToken = tokens.refresh_token;
    const user = tokens.user ?? this.snapshot.user;
    const workspaces = tokens.workspaces ?? this.snapshot.workspaces;
    const current = this.snapshot.workspaceId;
    const workspaceId = workspaces.some((w) => w.workspace_id === current) ? current : (workspaces[0]?.workspace_id ?? null);
    this.update({ status: user ? 'authenticated' : 'anonymous', user, workspaces, workspaceId });
    this.persist();
    this.schedule(tokens.expires_in ?? null);
  }

  private schedule(expiresIn: number | null): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
    if (!expiresIn || expiresIn <= REFRESH_MARGIN_S) return;
    this.refreshTimer = setTimeout(() => void this.refresh(), (expiresIn - REFRESH_MARGIN_S) * 1000);
  }

  private persist(): void {
    const { user, workspaces, workspaceId } = this.snapshot;
    if (this.refreshToken && user) saveSession({ refreshToken: this.refreshToken, user, workspaces, workspaceId });
  }

  reset(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
    this.accessToken = null;
    this.refreshToken = null;
    clearSession();
    this.update({ status: 'anonymous', user: null, workspaces: [], workspaceId: null });
  }

  private update(patch: Partial<AuthSnapshot>): void {
    const next = { ...this.snapshot, ...patch };
    next.role = next.workspaces.find((w) => w.workspace_id === next.workspaceId)?.role ?? null;
    this.snapshot = next;
    this.listeners.forEach((l) => l());
  }
}
