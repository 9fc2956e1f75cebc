import type { UseQueryResult } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, Pie, PieChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCard, ChartFrame, useAxisProps } from '../../../components';
import { formatCompact, formatDateTime, formatTick, formatUsd, humanize } from '../../../lib/format';
import { rangeSpanMs, useFilters } from '../../filters';
import type { HomeKpis } from '../api';
import { toDepartmentBars, toProviderSlices, toTrendRows } from '../lib/charts';

const H = 240;

/** Requests and cost per bucket, from the KPI sparklines. */
export function RequestCostTrend({ query }: { query: UseQueryResult<HomeKpis> }) {
  const { filters } = useFilters();
  const ax = useAxisProps();
  const span = rangeSpanMs(filters);
  return (
    <ChartCard
      title="Request and Cost Trend"
      query={query}
      height={H}
      emptyReason={(k) => (toTrendRows(k).length < 2 ? 'Not enough traffic in this range to draw a trend.' : null)}
    >
      {(k) => {
        const rows = toTrendRows(k);
        const hasCost = rows.some((r) => r.cost !== null);
        return (
          <ChartFrame height={H}>
            <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid {...ax.grid} />
              <XAxis dataKey="t" {...ax.axis} type="number" domain={['dataMin', 'dataMax']} scale="time" tickFormatter={(t: number) => formatTick(t, span)} />
              <YAxis yAxisId="req" {...ax.axis} tickFormatter={(v: number) => formatCompact(v)} width={48} />
              {hasCost && <YAxis yAxisId="cost" orientation="right" {...ax.axis} tickFormatter={(v: number) => formatUsd(v)} width={64} />}
              <Tooltip {...ax.tooltip} labelFormatter={(t) => formatDateTime(Number(t))} formatter={(v, name) => (name === 'Cost' ? formatUsd(Number(v)) : formatCompact(Number(v)))} />
              <Legend />
              <Line yAxisId="req" dataKey="requests" name="Requests" stroke={ax.series[0]} dot={false} strokeWidth={2} isAnimationActive={false} />
              {hasCost && <Line yAxisId="cost" dataKey="cost" name="Cost" stroke={ax.series[2]} dot={false} strokeWidth={2} isAnimationActive={false} />}
            </LineChart>
          </ChartFrame>
        );
      }}
    </ChartCard>
  );
}

/** Chart 1.10 */
export function RequestsByDepartment({ query }: { query: UseQueryResult<HomeKpis> }) {
  const ax = useAxisProps();
  return (
    <ChartCard
      title="Requests by Department"
      number="1.10"
      query={query}
      height={H}
      emptyReason={(k) => (toDepartmentBars(k).length === 0 ? 'No requests in this range with these filters.' : null)}
    >
      {(k) => (
        <ChartFrame height={H}>
          <BarChart data={toDepartmentBars(k)} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
            <CartesianGrid {...ax.grid} horizontal={false} />
            <XAxis type="number" {...ax.axis} tickFormatter={(v: number) => formatCompact(v)} />
            <YAxis type="category" dataKey="label" {...ax.axis} width={110} />
            <Tooltip {...ax.tooltip} formatter={(v) => formatCompact(Number(v))} />
            <Bar dataKey="value" name="Requests" fill={ax.series[0]} isAnimationActive={false} />
          </BarChart>
        </ChartFrame>
      )}
    </ChartCard>
  );
}

/** Chart 1.11 */
export function CostByProvider({ query }: { query: UseQueryResult<HomeKpis> }) {
  const ax = useAxisProps();
  return (
    <ChartCard
      title="Cost by Provider"
      number="1.11"
      query={query}
      height={H}
      emptyReason={(k) => (toProviderSlices(k).length === 0 ? 'No cost recorded in this range with these filters.' : null)}
    >
      {(k) => (
        <ChartFrame height={H}>
          <PieChart>
            <Pie data={toProviderSlices(k)} dataKey="value" nameKey="label" innerRadius="55%" outerRadius="85%" isAnimationActive={false}>
              {toProviderSlices(k).map((s, i) => (
                <Cell key={s.label} fill={ax.series[i % ax.series.length]} />
              ))}
            </Pie>
            <Tooltip {...ax.tooltip} formatter={(v) => formatUsd(Number(v))} />
            <Legend formatter={(value) => humanize(String(value))} />
          </PieChart>
        </ChartFrame>
      )}
    </ChartCard>
  );
}

