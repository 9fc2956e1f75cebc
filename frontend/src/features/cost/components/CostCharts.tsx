import type { UseQueryResult } from '@tanstack/react-query';
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Cell, ComposedChart, Legend, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCard, ChartFrame, useAxisProps } from '../../../components';
import { formatChange, formatCompact, formatDateTime, formatDuration, formatPct, formatScore, formatTick, formatUsd, humanize, truncateLabel } from '../../../lib/format';
import { rangeSpanMs, useFilters } from '../../filters';
import { useCostOverTime, type Budget, type DepartmentCost, type ProviderRow } from '../api';
import { toBurnUp, toDepartmentBudgetBars, toModelCostSeries, toTopAgents } from '../lib/mapping';

const H = 260;

/** Chart 3.1 */
export function CostVsBudget({ query }: { query: UseQueryResult<DepartmentCost[]> }) {
  const ax = useAxisProps();
  return (
    <ChartCard title="Cost by Department vs Budget" number="3.1" query={query} height={H}
      emptyReason={(rows) => (rows.length === 0 ? 'No department has cost in this range.' : null)}>
      {(rows) => (
        <ChartFrame height={H}>
          <BarChart data={toDepartmentBudgetBars(rows)} margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
            <CartesianGrid {...ax.grid} vertical={false} />
            <XAxis dataKey="label" {...ax.axis} interval={0} angle={-25} textAnchor="end" height={50} />
            <YAxis {...ax.axis} tickFormatter={(v: number) => formatUsd(v)} width={72} />
            <Tooltip {...ax.tooltip} formatter={(v, name) => [formatUsd(Number(v)), name]} />
            <Legend verticalAlign="top" />
            <Bar dataKey="cost" name="Cost" fill={ax.series[0]} isAnimationActive={false}>
              {toDepartmentBudgetBars(rows).map((r) => <Cell key={r.code} fill={r.over ? '#dc2626' : ax.series[0]} />)}
            </Bar>
            <Bar dataKey="budget" name="Monthly budget" fill={ax.series[7]} fillOpacity={0.45} isAnimationActive={false} />
          </BarChart>
        </ChartFrame>
      )}
    </ChartCard>
  );
}

const STATUS_TEXT: Record<string, string> = { on_track: 'On track', warning: 'Warning', exceeded: 'Exceeded' };

/** Chart 3.2: month-to-date burn-up with the projection to month end and the budget line. */
export function BudgetTracking({ query }: { query: UseQueryResult<Budget> }) {
  const ax = useAxisProps();
  return (
    <ChartCard title="Budget Tracking" number="3.2" query={query} height={H}
      subtitle="Current calendar month (UTC), whatever the time range."
      actions={query.data?.alert_status ? <span className={`badge badge--budget-${query.data.alert_status}`}>{STATUS_TEXT[query.data.alert_status] ?? humanize(query.data.alert_status)}</span> : undefined}
      emptyReason={(b) => (b.current_period_cost === 0 && !b.budget_limit ? 'No spend and no budget set for this month yet.' : null)}>
      {(b) => {
        const { points } = toBurnUp(b);
        return (
          <ChartFrame height={H}>
            <ComposedChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
              <CartesianGrid {...ax.grid} />
              <XAxis dataKey="day" {...ax.axis} label={{ value: 'Day of month', position: 'insideBottom', offset: -2, fill: ax.axis.stroke, fontSize: 11 }} />
              <YAxis {...ax.axis} tickFormatter={(v: number) => formatUsd(v)} width={72} />
              <Tooltip {...ax.tooltip} labelFormatter={(d) => `Day ${String(d)}`} formatter={(v, name) => [formatUsd(Number(v)), name]} />
              <Legend verticalAlign="top" />
              <Line dataKey="actual" name="Spent" stroke={ax.series[0]} strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
              <Line dataKey="projected" name="Projected" stroke={ax.series[2]} strokeDasharray="6 4" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
              {b.budget_limit != null && <ReferenceLine y={b.budget_limit} stroke="#dc2626" strokeDasharray="3 3" label={{ value: `Budget ${formatUsd(b.budget_limit)}`, fill: '#dc2626', fontSize: 11, position: 'insideTopLeft' }} />}
            </ComposedChart>
          </ChartFrame>
        );
      }}
    </ChartCard>
  );
}

/** Chart 3.3 */
export function ProviderComparison({ query }: { query: UseQueryResult<ProviderRow[]> }) {
  return (
    <ChartCard title="Provider Comparison" number="3.3" query={query} height={180}
      emptyReason={(rows) => (rows.length === 0 ? 'No provider was called in this range.' : null)}>
      {(rows) => (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr><th scope="col">Provider</th><th scope="col">Cost</th><th scope="col">Requests</th><th scope="col">Avg latency</th><th scope="col">Cost / request</th><th scope="col">Quality</th></tr>
            </thead>
            <tbody>
              {[...rows].sort((a, b) => b.total_cost - a.total_cost).map((p) => (
                <tr key={p.provider_name}>
                  <th scope="row">{humanize(p.provider_name)}</th>
                  <td className="num">{formatUsd(p.total_cost)}</td>
                  <td className="num">{formatCompact(p.request_count)}</td>
                  <td className="num">{formatDuration(p.avg_latency)}</td>
                  <td className="num">{formatUsd(p.cost_per_request)}</td>
                  <td className="num">{formatScore(p.quality_score_avg)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ChartCard>
  );
}

/** Chart 3.4 */
export function TopAgentsByCost({ query }: { query: UseQueryResult<DepartmentCost[]> }) {
  const ax = useAxisProps();
  return (
    <ChartCard title="Top Agents by Cost" number="3.4" query={query} height={H}
      emptyReason={(rows) => (toTopAgents(rows).length === 0 ? 'No agent has cost in this range.' : null)}>
      {(rows) => (
        <ChartFrame height={H}>
          <BarChart data={toTopAgents(rows)} layout="vertical" margin={{ left: 8, right: 16 }}>
            <CartesianGrid {...ax.grid} horizontal={false} />
            <XAxis type="number" {...ax.axis} tickFormatter={(v: number) => formatUsd(v)} />
            <YAxis type="category" dataKey="agent" {...ax.axis} width={170} tickFormatter={(v: string) => truncateLabel(v, 26)} />
            <Tooltip {...ax.tooltip} formatter={(v) => formatUsd(Number(v))} />
            <Bar dataKey="cost" name="Cost" fill={ax.series[3]} isAnimationActive={false} />
          </BarChart>
        </ChartFrame>
      )}
    </ChartCard>
  );
}

/** Chart 3.5: each department's cost change vs the previous period. */
export function CostTrend({ query }: { query: UseQueryResult<DepartmentCost[]> }) {
  return (
    <ChartCard title="Cost Trend vs Previous Period" number="3.5" query={query} height={180}
      emptyReason={(rows) => (rows.length === 0 ? 'No cost in this range.' : null)}>
      {(rows) => (
        <div className="table-wrap">
          <table className="table table--compact">
            <thead><tr><th scope="col">Department</th><th scope="col">Cost</th><th scope="col">Change</th><th scope="col">Budget used</th></tr></thead>
            <tbody>
              {[...rows].sort((a, b) => b.total_cost - a.total_cost).map((r) => (
                <tr key={r.department_code}>
                  <th scope="row">{r.department_name}</th>
                  <td className="num">{formatUsd(r.total_cost)}</td>
                  <td className={`num ${r.cost_trend != null && r.cost_trend > 0 ? 'text-bad' : 'text-good'}`}>{formatChange(r.cost_trend)}</td>
                  <td className="num">{formatPct(r.budget_used_pct, 1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ChartCard>
  );
}

/** Chart 3.6: cost per model over time, stacked. */
export function CostByModel() {
  const { apiParams, filters } = useFilters();
  const query = useCostOverTime(apiParams);
  const ax = useAxisProps();
  const span = rangeSpanMs(filters);
  return (
    <ChartCard title="Cost by Model over Time" number="3.6" query={query} height={H}
      emptyReason={(points) => (points.length === 0 ? 'No model cost in this range with these filters.' : null)}>
      {(points) => {
        const { models, rows } = toModelCostSeries(points);
        return (
          <ChartFrame height={H}>
            <AreaChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
              <CartesianGrid {...ax.grid} />
              <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} {...ax.axis} tickFormatter={(t: number) => formatTick(t, span)} />
              <YAxis {...ax.axis} tickFormatter={(v: number) => formatUsd(v)} width={72} />
              <Tooltip {...ax.tooltip} labelFormatter={(t) => formatDateTime(Number(t))} formatter={(v, n) => [formatUsd(Number(v)), n]} />
              <Legend verticalAlign="top" />
              {models.map((m, i) => (
                <Area key={m} dataKey={m} name={m} stackId="cost" stroke={ax.series[i % ax.series.length]} fill={ax.series[i % ax.series.length]} fillOpacity={0.35} isAnimationActive={false} />
              ))}
            </AreaChart>
          </ChartFrame>
        );
      }}
    </ChartCard>
  );
}
