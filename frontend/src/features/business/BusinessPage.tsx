import { useState } from 'react';
import { KpiRow, useToast } from '../../components';
import { formatInteger, formatPct, formatUsd } from '../../lib/format';
import { roleAtLeast, useAuth } from '../auth';
import { useFilters } from '../filters';
import { InsightsPanel } from '../insights';
import { fetchExecutiveReportCsv, useAttribution, useBusinessOverview, useGoals, useRoiByDepartment, useValueModels, useValueOverTime } from './api';
import { AttributionCharts, ForecastBands, GoalProgress, RoiByDepartment, ValueVsCost } from './components/BusinessCharts';
import { GoalBoard } from './components/GoalBoard';
import { ValueModels } from './components/ValueModels';
import './business.css';

function ExportButton({ params }: { params: Record<string, string | number | undefined> }) {
  const { role } = useAuth();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const allowed = roleAtLeast(role, 'analyst');
  return (
    <button type="button" className="btn btn--small" disabled={!allowed || busy} title={allowed ? 'One row per department: value, cost, ROI, goals, 90-day forecast' : 'Exports need the analyst role or higher.'}
      onClick={async () => {
        setBusy(true);
        try {
          const csv = await fetchExecutiveReportCsv(params);
          const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
          const a = document.createElement('a');
          a.href = url;
          a.download = 'executive-report.csv';
          a.click();
          URL.revokeObjectURL(url);
        } catch (error) {
          toast.show({ tone: 'error', title: 'Could not export the report', message: error instanceof Error ? error.message : String(error) });
        } finally {
          setBusy(false);
        }
      }}>
      Export executive report (CSV)
    </button>
  );
}

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
      <div className="business-toolbar"><ExportButton params={apiParams} /></div>
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
