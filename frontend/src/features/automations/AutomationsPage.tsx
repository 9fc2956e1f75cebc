import './automations.css';
import { KpiRow } from '../../components';
import { InsightsPanel } from '../insights';
import { formatDateTime, formatDuration, formatPct } from '../../lib/format';
import { useFilters } from '../filters';
import { useOverview } from './api';
import { ActionsByType, ExecutionHistory, MttrAutomatedVsManual, OutcomesByPlaybook, ScheduleCalendar, StepFailureHotspots, TriggerSources } from './components/AutomationCharts';
import { ExecutionsTable, PlaybooksTable } from './components/Operations';

/** Tab 11, Automations: KPIs, the playbooks and their runs with the actions, charts 11.1–11.7. */
export default function AutomationsPage() {
  const { apiParams } = useFilters();
  const overview = useOverview(apiParams);
  return (
    <>
      <KpiRow label="Automation KPIs" query={overview} count={6} cards={(o) => [
        { key: 'success', title: 'Success Rate', value: formatPct(o.kpis.success_rate_pct, 1), detail: 'Succeeded of finished runs (failed includes rolled back)' },
        { key: 'active', title: 'Active Playbooks', value: o.kpis.active_playbooks },
        { key: 'executions', title: 'Executions', value: o.kpis.executions, detail: 'Live runs in range' },
        { key: 'duration', title: 'Average Duration', value: formatDuration(o.kpis.avg_duration_ms), detail: 'Of successful runs' },
        { key: 'hours', title: 'Engineer-hours Saved', value: o.kpis.engineer_hours_saved.toLocaleString(), detail: '20 minutes of manual work per successful run' },
        { key: 'next', title: 'Next Run', value: o.kpis.next_run_at ? formatDateTime(o.kpis.next_run_at) : '—', detail: o.kpis.next_run_playbook ?? 'No scheduled playbook' },
      ]} />
      <div className="grid">
        <InsightsPanel tab="automations" />
        <PlaybooksTable />
        <ExecutionsTable />
        <ExecutionHistory />
        <OutcomesByPlaybook />
        <TriggerSources />
        <ScheduleCalendar />
        <StepFailureHotspots />
        <MttrAutomatedVsManual />
        <ActionsByType />
      </div>
    </>
  );
}
