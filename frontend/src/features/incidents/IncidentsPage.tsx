import './incidents.css';
import { KpiRow } from '../../components';
import { InsightsPanel } from '../insights';
import { formatPct } from '../../lib/format';
import { useFilters } from '../filters';
import { useKpis } from './api';
import { AlertHistory, DepartmentSeverity, ErrorBudgetBurnDown, IncidentTimeline, MttrBySeverity, PostmortemTracker, SloBreachHistory, TopCauses } from './components/IncidentCharts';
import { CreateButtons } from './components/Editors';
import { ChannelsPanel } from './components/ChannelsPanel';
import { EscalationPanel } from './components/EscalationPanel';
import { ActiveAlertsPanel, IncidentsTable, RulesPanel, SilencesPanel } from './components/Operations';
import { minutesLabel } from './lib/mapping';

/** Tab 8, Incidents & Reliability: KPIs, the live alerts and incidents with their actions, charts 8.1–8.7. */
export default function IncidentsPage() {
  const { apiParams } = useFilters();
  const kpis = useKpis(apiParams);
  return (
    <>
      <CreateButtons />
      <KpiRow label="Incident KPIs" query={kpis} count={7} cards={(k) => [
        { key: 'open', title: 'Open Incidents', value: k.open_incidents, detail: Object.entries(k.open_by_severity).filter(([, n]) => n > 0).map(([s, n]) => `${s} ${n}`).join(' · ') || 'none open' },
        { key: 'firing', title: 'Firing Alerts', value: k.firing_alerts },
        { key: 'mtta', title: 'MTTA (median)', value: minutesLabel(k.mtta_minutes), detail: `${k.incidents_in_range} incidents in range` },
        { key: 'mttr', title: 'MTTR (median)', value: minutesLabel(k.mttr_minutes) },
        { key: 'budget', title: 'Error Budget Remaining', value: formatPct(k.error_budget_remaining_pct, 1), detail: 'Lowest among the event-based SLOs' },
        { key: 'slo', title: 'SLO Compliance', value: formatPct(k.slo_compliance_pct, 0), detail: 'Share of SLOs meeting their objective' },
        { key: 'pm', title: 'Postmortem Completion', value: formatPct(k.postmortem_completion_pct, 0), detail: 'Published, of sev1/sev2 incidents' },
      ]} />
      <div className="grid">
        <InsightsPanel tab="incidents" />
        <ActiveAlertsPanel />
        <IncidentsTable />
        <IncidentTimeline />
        <SloBreachHistory />
        <MttrBySeverity />
        <ErrorBudgetBurnDown />
        <DepartmentSeverity />
        <TopCauses />
        <PostmortemTracker />
        <AlertHistory />
        <SilencesPanel />
        <RulesPanel />
        <ChannelsPanel />
        <EscalationPanel />
      </div>
    </>
  );
}
