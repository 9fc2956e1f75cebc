import type { ComponentType, LazyExoticComponent } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { AgentPage } from './features/agents';
import { AutomationsPage } from './features/automations';
import { LoginPage, RequireAuth } from './features/auth';
import { BusinessPage } from './features/business';
import { ConfigurationPage } from './features/configuration';
import { CostPage } from './features/cost';
import { ExperimentsPage } from './features/experiments';
import { HomePage } from './features/home';
import { IncidentsPage } from './features/incidents';
import { PerformancePage } from './features/performance';
import { QualityPage } from './features/quality';
import { SafetyPage } from './features/safety';
import { AppShell, TABS, TabPage } from './features/shell';
import { TraceExplorerPage } from './features/traces';
import { UsagePage } from './features/usage';

const PAGES: Record<string, LazyExoticComponent<ComponentType>> = {
  home: HomePage,
  usage: UsagePage,
  cost: CostPage,
  performance: PerformancePage,
  quality: QualityPage,
  safety: SafetyPage,
  business: BusinessPage,
  incidents: IncidentsPage,
  experiments: ExperimentsPage,
  configuration: ConfigurationPage,
  automations: AutomationsPage,
  traces: TraceExplorerPage,
};

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<RequireAuth><AppShell /></RequireAuth>}>
        {TABS.map((tab) => {
          const Page = PAGES[tab.page]!;
          return <Route key={tab.page} path={tab.path} element={<TabPage key={tab.page} tab={tab}><Page /></TabPage>} />;
        })}
        <Route path="/agents/:agentId" element={<AgentPage />} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Route>
    </Routes>
  );
}
