import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router-dom';
import { ErrorBoundary, Skeleton, useTheme } from '../../components';
import { useAuth } from '../auth';
import { TABS } from './tabs';

function WorkspaceSwitcher() {
  const auth = useAuth();
  if (auth.workspaces.length <= 1) {
    const only = auth.workspaces[0];
    return only ? <span className="shell__workspace" title="Workspace">{only.name}</span> : null;
  }
  return (
    <>
      <label htmlFor="workspace-switcher" className="sr-only">Workspace</label>
      <select id="workspace-switcher" value={auth.workspaceId ?? ''} onChange={(e) => auth.selectWorkspace(e.target.value)}>
        {auth.workspaces.map((w) => <option key={w.workspace_id} value={w.workspace_id}>{w.name}</option>)}
      </select>
    </>
  );
}

export function AppShell() {
  const auth = useAuth();
  const { theme, toggle } = useTheme();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="shell__top">
        <span className="brand" aria-label="AgentObs">◆ AgentObs</span>
        <nav aria-label="Tabs" className="shell__nav">
          {TABS.map((t) => (
            <NavLink key={t.path} to={t.path} end={t.path === '/'} className={({ isActive }) => `tab${isActive ? ' tab--active' : ''}`}>
              {t.label}
            </NavLink>
          ))}
        </nav>
        <div className="shell__user">
          <WorkspaceSwitcher />
          <span className="shell__name" data-testid="user-name">{auth.user?.display_name ?? auth.user?.email}</span>
          {auth.role && <span className="badge badge--role" data-testid="user-role" title="Your role in this workspace">{auth.role}</span>}
          <button type="button" className="btn btn--ghost" onClick={toggle} aria-label={`Switch to ${theme === 'light' ? 'dark' : 'light'} theme`}>
            {theme === 'light' ? '☾' : '☀'}
          </button>
          <button type="button" className="btn btn--ghost" onClick={() => void auth.logout()}>Sign out</button>
        </div>
      </header>
      <main id="main" className="shell__main">
        <ErrorBoundary label="This page">
          <Suspense fallback={<Skeleton height={400} label="Loading page" />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}
