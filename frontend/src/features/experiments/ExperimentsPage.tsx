import { useState } from 'react';
import { KpiRow } from '../../components';
import { InsightsPanel } from '../insights';
import { formatInteger, formatUsd } from '../../lib/format';
import { usePortfolio } from './api';
import { CanaryHistory, ExperimentResults, formatLift, Portfolio, WinnerHistory } from './components/ExperimentCharts';
import { CreateWizard } from './components/CreateWizard';
import { useExperimentAction } from './useExperimentAction';
import './experiments.css';

export default function ExperimentsPage() {
  const portfolio = usePortfolio();
  const action = useExperimentAction();
  const [picked, setPicked] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const experiments = portfolio.data?.experiments ?? [];
  // default: the first experiment with results (running first, as the server orders by creation)
  const selected = picked ?? experiments.find((e) => e.latest !== null && e.status === 'running')?.experiment_id
    ?? experiments.find((e) => e.latest !== null)?.experiment_id ?? null;
  const mismatched = experiments.filter((e) => e.srm_mismatch && (e.status === 'running' || e.status === 'paused'));
  return (
    <>
      <KpiRow
        label="Experiment KPIs"
        query={portfolio}
        count={5}
        cards={(p) => [
          { key: 'running', title: 'Running Experiments', value: formatInteger(p.kpis.running), detail: `${formatInteger(p.experiments.length)} in total` },
          { key: 'significant', title: 'Significant This Period', value: formatInteger(p.kpis.significant_this_period), detail: 'Holm-adjusted, last 30 days' },
          { key: 'lift', title: 'Average Lift of Winners', value: formatLift(p.kpis.average_winner_lift), detail: 'On each winner\'s primary metric' },
          { key: 'canaries', title: 'Active Canaries', value: formatInteger(p.kpis.active_canaries), detail: 'Running or paused without traffic' },
          { key: 'savings', title: 'Projected Monthly Savings', value: p.kpis.projected_monthly_savings_usd === null ? '—' : formatUsd(p.kpis.projected_monthly_savings_usd), detail: 'Cost per request of winners × monthly traffic' },
        ]}
      />
      {mismatched.length > 0 && (
        <div className="exp-banner" role="alert" data-testid="srm-summary">
          <strong>Sample ratio mismatch</strong> in {mismatched.map((e) => e.name).join(', ')}: traffic does not follow the planned split
          (χ² p &lt; 0.001). Check the SDK's assignment before trusting these results.
        </div>
      )}
      <div className="exp-actions" style={{ marginBottom: 12 }}>
        {action.allowed && <button type="button" className="btn btn--primary" onClick={() => setCreating(true)}>New experiment</button>}
      </div>
      <div className="grid">
        <InsightsPanel tab="experiments" />
        <Portfolio selected={selected} onSelect={setPicked} />
        <ExperimentResults id={selected} />
        <CanaryHistory />
        <WinnerHistory />
      </div>
      {creating && <CreateWizard onClose={() => setCreating(false)} />}
    </>
  );
}
