import { KpiRow } from '../../components';
import { formatCompact } from '../../lib/format';
import { useFilters } from '../filters';
import { InsightsPanel } from '../insights';
import { useUsageOverview } from './api';
import { CallsByDepartment, CallsOverTime, IntentMatrix, RetentionCohorts } from './components/UsageCharts';
import { AdoptionCurves, TopAgents, TopUsers } from './components/UsageMoreCharts';
import { HourlyPattern, UserSegments, VersionAdoption } from './components/UsagePatternCharts';

export default function UsagePage() {
  const { apiParams } = useFilters();
  const overview = useUsageOverview(apiParams);
  return (
    <>
      <KpiRow
        label="Usage KPIs"
        query={overview}
        count={4}
        cards={(d) => [
          { key: 'calls', title: 'Total API Calls', value: formatCompact(d.total_api_calls.value), change: d.total_api_calls.change, changeLabel: d.total_api_calls.change_label, sparklineData: d.calls_over_time ?? undefined },
          { key: 'users', title: 'Unique Users', value: formatCompact(d.unique_users.value), change: d.unique_users.change, changeLabel: d.unique_users.change_label },
          { key: 'agents', title: 'Active Agents', value: formatCompact(d.active_agents.value), change: d.active_agents.change, changeLabel: d.active_agents.change_label },
          { key: 'per-user', title: 'Avg Calls per User', value: d.avg_calls_per_user.value == null ? '—' : d.avg_calls_per_user.value.toFixed(1), change: d.avg_calls_per_user.change, changeLabel: d.avg_calls_per_user.change_label },
        ]}
      />
      <div className="grid">
        <InsightsPanel tab="usage" />
        <CallsOverTime query={overview} />
        <CallsByDepartment query={overview} />
        <IntentMatrix />
        <RetentionCohorts />
        <AdoptionCurves />
        <UserSegments />
        <VersionAdoption />
        <TopAgents />
        <TopUsers />
        <HourlyPattern />
      </div>
    </>
  );
}
