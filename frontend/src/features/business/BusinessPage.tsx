import { KpiRow } from '../../components';
import { formatInteger, formatPct, formatUsd } from '../../lib/format';
import { useFilters } from '../filters';
import { InsightsPanel } from '../insights';
import { useAttribution, useBusinessOverview, useGoals, useRoiByDepartment, useValueModels, useValueOverTime } from './api';
import { AttributionCharts, ForecastBands, GoalProgress, RoiByDepartment, ValueVsCost } from './components/BusinessCharts';
import { ExecutiveReportExport } from './components/ExecutiveReportExport';
import { GoalBoard } from './components/GoalBoard';
import { ValueModels } from './components/ValueModels';
import './business.css';

export default function BusinessPage() {
  const { apiParams } = useFilters();
  const overview = useBusinessOverview(apiParams);
  const goals = useGoals({ department: apiParams.department });
  const roi = useRoiByDepartment(apiParams);
  const attribution = useAttribution(apiParams);
  const valueTime = useValueOverTime(apiParams);
  const models = useValueModels();
  return (
    <>
      <div className="business-toolbar"><ExecutiveReportExport params={apiParams} /></div>
      <KpiRow
        label="Business KPIs"
        query={overview}
        count={5}
        cards={(o) => [
          { key: 'roi', title: 'ROI', value: o.roi_pct == null ? 'n/a' : formatPct(o.roi_pct, 1), detail: o.roi_note ?? `${formatUsd(o.value_usd)} value on ${formatUsd(o.cost_usd)} cost` },
          { key: 'goals', title: 'Goals on Track', value: `${o.goals_on_track} of ${o.goals_total}`, detail: 'on track or achieved' },
          { key: 'value', title: 'Value Delivered', value: formatUsd(o.value_usd), detail: o.departments_without_value_model > 0 ? `${o.departments_without_value_model} department(s) without a value model` : undefined },
          { key: 'hours', title: 'Hours Saved', value: formatInteger(o.hours_saved) },
          { key: 'per-outcome', title: 'Cost per Successful Outcome', value: formatUsd(o.cost_per_successful_outcome_usd), detail: `${formatInteger(o.successful_outcomes)} successful outcomes` },
        ]}
      />
      <div className="grid">
        <InsightsPanel tab="business" />
        <GoalProgress query={goals} />
        <RoiByDepartment query={roi} />
        <ForecastBands />
        <AttributionCharts query={attribution} />
        <ValueVsCost query={valueTime} />
        <ValueModels query={models} />
        <GoalBoard query={goals} />
      </div>
    </>
  );
}
