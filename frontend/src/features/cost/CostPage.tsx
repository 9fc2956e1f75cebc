import { KpiRow, combineLoadables } from '../../components';
import { formatPct, formatUsd } from '../../lib/format';
import { useFilters } from '../filters';
import { InsightsPanel } from '../insights';
import { useBudgetTracking, useCostByDepartment, useProviderComparison } from './api';
import { BudgetTracking, CostByModel, CostTrend, CostVsBudget, ProviderComparison, TopAgentsByCost } from './components/CostCharts';
import { CostByIntent, TokenConsumption } from './components/CostBreakdownCharts';
import { totalWithChange } from './lib/mapping';
import { UnpricedTraffic, WorkspacePrices } from './pricing';
import './pricing/pricing.css';

export default function CostPage() {
  const { apiParams } = useFilters();
  const byDept = useCostByDepartment(apiParams);
  const providers = useProviderComparison(apiParams);
  const { range: _r, from: _f, to: _t, ...scope } = apiParams;
  const budget = useBudgetTracking(scope);
  const kpis = combineLoadables([byDept, providers, budget], () => ({ depts: byDept.data!, providers: providers.data!, budget: budget.data! }));

  return (
    <>
      <KpiRow
        label="Cost KPIs"
        query={kpis}
        count={5}
        cards={({ depts, providers: prov, budget: b }) => {
          const { total, change } = totalWithChange(depts);
          const requests = prov.reduce((s, p) => s + p.request_count, 0);
          const usedPct = b.budget_limit ? (100 * b.current_period_cost) / b.budget_limit : null;
          return [
            { key: 'total', title: 'Total Cost', value: formatUsd(total), change, changeLabel: 'vs previous period', trend: 'inverse' as const },
            { key: 'used', title: 'Budget Used', value: formatPct(usedPct, 1), detail: `${formatUsd(b.current_period_cost)} of ${formatUsd(b.budget_limit)} this month` },
            { key: 'projected', title: 'Projected End-of-Month', value: formatUsd(b.projected_end_of_period_cost), detail: b.alert_status ? `Status: ${b.alert_status.replace('_', ' ')}` : undefined },
            { key: 'remaining', title: 'Budget Remaining', value: formatUsd(b.budget_remaining), detail: b.days_remaining_in_period != null ? `${b.days_remaining_in_period} days left in the month` : undefined },
            { key: 'per-request', title: 'Cost per Request', value: formatUsd(requests > 0 ? prov.reduce((s, p) => s + p.total_cost, 0) / requests : null) },
          ];
        }}
      />
      <div className="grid">
        <InsightsPanel tab="cost" />
        <CostVsBudget query={byDept} />
        <BudgetTracking query={budget} />
        <ProviderComparison query={providers} />
        <TopAgentsByCost query={byDept} />
        <CostTrend query={byDept} />
        <CostByModel />
        <CostByIntent />
        <TokenConsumption />
        <UnpricedTraffic />
        <WorkspacePrices />
      </div>
    </>
  );
}
