import { KpiRow, combineLoadables } from '../../components';
import { formatCompact, formatDuration, formatPct } from '../../lib/format';
import { useFilters } from '../filters';
import { InsightsPanel } from '../insights';
import { useEnvironmentParity, usePerfOverview } from './api';
import { EnvironmentParity, LatencyDistribution, LatencyHeatmapAndSlowest, OverTimeCharts, VersionComparison } from './components/PerfCharts';

export default function PerformancePage() {
  const { apiParams } = useFilters();
  const overview = usePerfOverview(apiParams);
  const { range: _r, from: _f, to: _t, environment: _e, ...scope } = apiParams;
  const parity = useEnvironmentParity(scope);
  const kpis = combineLoadables([overview], () => overview.data!);
  const staging = parity.data?.find((p) => p.environment_name === 'staging');
  return (
    <>
      <KpiRow
        label="Performance KPIs"
        query={kpis}
        count={8}
        cards={(o) => {
          const spark = (key: 'p50' | 'p90' | 'p99' | 'throughput_rpm' | 'error_rate') =>
            (o.over_time ?? []).map((p) => ({ timestamp: p.timestamp, value: p[key] ?? null }));
          return [
            { key: 'p50', title: 'P50 Latency', value: formatDuration(o.latency_p50.value), change: o.latency_p50.change, changeLabel: o.latency_p50.change_label, trend: 'inverse' as const, sparklineData: spark('p50') },
            { key: 'p90', title: 'P90 Latency', value: formatDuration(o.latency_p90.value), change: o.latency_p90.change, changeLabel: o.latency_p90.change_label, trend: 'inverse' as const, sparklineData: spark('p90') },
            { key: 'p95', title: 'P95 Latency', value: formatDuration(o.latency_p95.value), change: o.latency_p95.change, changeLabel: o.latency_p95.change_label, trend: 'inverse' as const },
            { key: 'p99', title: 'P99 Latency', value: formatDuration(o.latency_p99.value), change: o.latency_p99.change, changeLabel: o.latency_p99.change_label, trend: 'inverse' as const, sparklineData: spark('p99') },
            { key: 'err', title: 'Error Rate', value: formatPct(o.error_rate.value), change: o.error_rate.change, changeLabel: o.error_rate.change_label, trend: 'inverse' as const, sparklineData: spark('error_rate') },
            { key: 'rpm', title: 'Throughput', value: `${formatCompact(o.throughput_rpm.value)} req/min`, change: o.throughput_rpm.change, changeLabel: o.throughput_rpm.change_label, sparklineData: spark('throughput_rpm') },
            { key: 'slo', title: 'SLO Compliance', value: formatPct(o.slo_compliance_pct?.value ?? null, 1), change: o.slo_compliance_pct?.change, changeLabel: o.slo_compliance_pct?.change_label },
            { key: 'parity', title: 'Parity Score (staging)', value: staging?.parity_score == null ? (parity.isPending ? '…' : '—') : staging.parity_score.toFixed(0), detail: 'Staging vs production, 0–100' },
          ];
        }}
      />
      <div className="grid">
        <InsightsPanel tab="performance" />
        <LatencyHeatmapAndSlowest />
        <OverTimeCharts query={overview} />
        <EnvironmentParity />
        <VersionComparison />
        <LatencyDistribution />
      </div>
    </>
  );
}
