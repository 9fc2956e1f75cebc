import { ChartCard, KpiRow } from '../../components';
import { InsightsPanel } from '../insights';
import { formatDateTime, formatInteger, formatPct, humanize } from '../../lib/format';
import { requestText } from '../../lib/http';
import { useFilters } from '../filters';
import { auditCsvPath, useAudit, useOverview } from './api';
import { ComplianceByDepartment, DepartmentTypeHeatmap, GuardrailEffectiveness, PolicyCoverage, ViolationTrends } from './components/SafetyCharts';
import { PolicyEditor, RecentViolations, TopOffenders, TryIt } from './components/SafetyPanels';

export default function SafetyPage() {
  const { apiParams } = useFilters();
  const overview = useOverview(apiParams);
  return (
    <>
      <KpiRow
        label="Safety KPIs"
        query={overview}
        count={6}
        cards={(o) => [
          { key: 'total', title: 'Total Violations', value: formatInteger(o.total_violations), detail: `${o.violations_per1k_requests} per 1k requests` },
          { key: 'blocked', title: 'Blocked', value: formatInteger(o.blocked), detail: `${formatInteger(o.redacted)} redacted` },
          { key: 'pii', title: 'PII Detections', value: formatInteger(o.pii_detections) },
          { key: 'compliance', title: 'Policy Compliance', value: formatPct(o.policy_compliance_pct, 2), detail: 'requests without a violation' },
          { key: 'fp', title: 'False-positive Rate', value: formatPct(100 * o.false_positive_rate, 1), trend: 'inverse' as const },
          { key: 'checks', title: 'Inline Checks', value: formatInteger(o.checks), detail: o.check_p99_ms != null ? `p50 ≤ ${o.check_p50_ms} ms · p99 ≤ ${o.check_p99_ms} ms` : 'no checks in this range' },
        ]}
      />
      <div className="grid">
        <InsightsPanel tab="safety" />
        <ViolationTrends />
        <ComplianceByDepartment />
        <GuardrailEffectiveness />
        <DepartmentTypeHeatmap />
        <TopOffenders />
        <PolicyCoverage />
        <PolicyEditor />
        <TryIt />
        <RecentViolations />
        <AuditTrail />
      </div>
    </>
  );
}

/** Chart 6.4: the safety actions (policies, quarantines, reviews), newest first, with a CSV export. */
function AuditTrail() {
  const { apiParams } = useFilters();
  const query = useAudit({ ...apiParams, limit: 20 });
  const download = async () => {
    const csv = await requestText(auditCsvPath(apiParams)).catch(() => null);
    if (csv === null) return;
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'safety-audit-trail.csv';
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <ChartCard title="Audit Trail" number="6.4" query={query} height={200}
      actions={<button type="button" className="btn btn--small" onClick={() => void download()}>Export CSV</button>}
      emptyReason={(rows) => (rows.length === 0 ? 'No safety actions in this range.' : null)}>
      {(rows) => (
        <div className="table-wrap">
          <table className="table table--compact" aria-label="Safety audit trail">
            <thead><tr><th scope="col">When</th><th scope="col">Action</th><th scope="col">Status</th><th scope="col">By</th><th scope="col">Target</th><th scope="col">Reason</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.action_id}>
                  <td>{formatDateTime(r.created_at)}</td>
                  <td>{humanize(r.action_type)}</td>
                  <td>{r.status}</td>
                  <td>{r.actor_subject}</td>
                  <td>{r.target_id}</td>
                  <td>{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ChartCard>
  );
}
