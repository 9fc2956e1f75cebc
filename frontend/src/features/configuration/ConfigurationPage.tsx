import { useState } from 'react';
import { KpiRow } from '../../components';
import { InsightsPanel } from '../insights';
import { formatInteger, formatPct } from '../../lib/format';
import { useFilters } from '../filters';
import { useOverview } from './api';
import { ChangeVelocity, ComplianceByPolicy, DiffViewer, VersionTimeline } from './components/ConfigurationCharts';
import { ApprovalQueue, DriftMatrix, RbacMatrix } from './components/ConfigurationPanels';

function change(now: number, before: number): number | null {
  return before > 0 ? Math.round(((now - before) / before) * 1000) / 10 : null;
}

export default function ConfigurationPage() {
  const { apiParams } = useFilters();
  const overview = useOverview(apiParams);
  const [agent, setAgent] = useState<string | null>(null);
  return (
    <>
      <KpiRow
        label="Configuration KPIs"
        query={overview}
        count={5}
        cards={(o) => [
          { key: 'drift', title: 'Agents in Drift', value: formatInteger(o.agents_in_drift), trend: 'inverse' as const,
            detail: `${formatInteger(o.desired_vs_observed)} desired≠observed · ${formatInteger(o.env_vs_production)} env≠production` },
          { key: 'pending', title: 'Pending Approvals', value: formatInteger(o.pending_approvals),
            detail: `${formatInteger(o.expiring_within_day)} expiring within a day` },
          { key: 'compliance', title: 'Policy Compliance', value: o.policy_compliance_pct === null ? '—' : formatPct(o.policy_compliance_pct, 1),
            detail: 'agents × policies that hold' },
          { key: 'changes', title: 'Changes (7 days)', value: formatInteger(o.changes7d), change: change(o.changes7d, o.changes_previous7d),
            changeLabel: 'vs previous 7 days' },
          { key: 'median', title: 'Median Approval Time', value: o.median_approval_hours === null ? '—' : `${o.median_approval_hours} h`, trend: 'inverse' as const },
        ]}
      />
      <div className="grid">
        <InsightsPanel tab="configuration" />
        <DriftMatrix />
        <VersionTimeline onSelect={setAgent} selected={agent} />
        <DiffViewer agent={agent} />
        <ComplianceByPolicy />
        <ApprovalQueue />
        <RbacMatrix />
        <ChangeVelocity />
      </div>
    </>
  );
}
