import type { UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import { Area, Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCard, ChartFrame, useAxisProps } from '../../../components';
import { formatCompact, formatInteger, formatPct, formatTick, formatUsd, formatUsdTick, humanize, truncateLabel } from '../../../lib/format';
import { useFilters } from '../../filters';
import { useForecast, type Attribution, type DepartmentRoi, type ForecastSeries, type Goal, type ValuePoint } from '../api';
import { STATUS_COLOR, STATUS_LABEL, toDepartmentProgress, toForecastRows } from '../lib';

const H = 260;

/** Chart 7.1 */
export function GoalProgress({ query }: { query: UseQueryResult<Goal[]> }) {
  const ax = useAxisProps();
  return (
    <ChartCard title="Department Goal Progress" number="7.1" query={query} height={H}
      subtitle="Mean progress and projection to the target date of each department's open goals, % of target."
      emptyReason={(g) => (g.filter((x) => !x.closed).length === 0 ? 'No open goal yet: create one with New goal.' : null)}>
      {(goals) => (
        <ChartFrame height={H}>
          <BarChart data={toDepartmentProgress(goals)} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
            <CartesianGrid {...ax.grid} vertical={false} />
            <XAxis dataKey="department" {...ax.axis} tickFormatter={(v: string) => humanize(v)} />
            <YAxis {...ax.axis} tickFormatter={(v: number) => `${v}%`} width={48} />
            <Tooltip {...ax.tooltip} formatter={(v, name) => [formatPct(Number(v), 1), name]} labelFormatter={(l) => humanize(String(l))} />
            <Legend verticalAlign="top" />
            <ReferenceLine y={100} stroke="#16a34a" strokeDasharray="4 4" />
            <Bar dataKey="progress" name="Progress" fill={ax.series[0]} isAnimationActive={false} />
            <Bar dataKey="projected" name="Projected at target date" fill={ax.series[2]} fillOpacity={0.6} isAnimationActive={false} />
          </BarChart>
        </ChartFrame>
      )}
    </ChartCard>
  );
}

/** Chart 7.2 */
export function RoiByDepartment({ query }: { query: UseQueryResult<DepartmentRoi[]> }) {
  const ax = useAxisProps();
  return (
    <ChartCard title="ROI by Department" number="7.2" query={query} height={H + 60}
      subtitle="Value from each department's value model against its cost in the range; ROI = (value − cost) ÷ cost."
      emptyReason={(rows) => (rows.length === 0 ? 'No department in this scope.' : null)}>
      {(rows) => (
        <>
          <ChartFrame height={H}>
            <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
              <CartesianGrid {...ax.grid} vertical={false} />
              <XAxis dataKey="department" {...ax.axis} tickFormatter={(v: string) => humanize(v)} />
              <YAxis {...ax.axis} tickFormatter={(v: number) => formatUsdTick(v)} width={80} />
              <Tooltip {...ax.tooltip} formatter={(v, name) => [formatUsd(Number(v)), name]} labelFormatter={(l) => humanize(String(l))} />
              <Legend verticalAlign="top" />
              <Bar dataKey="value_usd" name="Value" fill={ax.series[0]} isAnimationActive={false} />
              <Bar dataKey="cost_usd" name="Cost" fill={ax.series[3]} isAnimationActive={false} />
            </BarChart>
          </ChartFrame>
          <p className="business-roi-line" aria-label="ROI per department">
            {rows.map((r) => (
              <span key={r.department} title={r.roi_note ?? undefined}>{humanize(r.department)}: <strong>{r.roi_pct == null ? 'n/a' : formatPct(r.roi_pct, 1)}</strong>{r.value_model_type == null ? ' (no value model)' : ''}</span>
            ))}
          </p>
        </>
      )}
    </ChartCard>
  );
}

const SERIES_LABEL: Record<ForecastSeries, string> = { value_usd: 'Value ($)', cost_usd: 'Cost ($)', requests: 'Requests' };

/** Chart 7.3: stored by the business job; the range filter does not refit it. */
export function ForecastBands() {
  const ax = useAxisProps();
  const { apiParams } = useFilters();
  const [series, setSeries] = useState<ForecastSeries>('value_usd');
  const query = useForecast({ department: apiParams.department }, series);
  const fmt = (v: number) => (series === 'requests' ? formatCompact(v) : formatUsd(v));
  const b = query.data?.backtest;
  return (
    <ChartCard title="Impact Forecast (90 days)" number="7.3" query={query} height={H} className="card--wide"
      subtitle={query.data?.status === 'ready'
        ? `${humanize(query.data.model ?? '')}, fitted ${query.data.history_from} – ${query.data.history_to}${b ? `; backtest MAPE ${formatPct(b.mape_pct, 1)}, 80 % band held ${formatPct(b.coverage80_pct, 0)}, 95 % band ${formatPct(b.coverage95_pct, 0)}` : ''}. Shaded: 80 % and 95 % bands.`
        : 'Fitted by the scheduled business job, not at request time.'}
      actions={
        <select className="input input--small" aria-label="Forecast series" value={series} onChange={(e) => setSeries(e.target.value as ForecastSeries)}>
          {(Object.keys(SERIES_LABEL) as ForecastSeries[]).map((s) => <option key={s} value={s}>{SERIES_LABEL[s]}</option>)}
        </select>
      }
      emptyReason={(f) => (f.status === 'pending' ? 'No forecast yet: the business job writes one once a week of complete days exists.' : null)}>
      {(f) => {
        const rows = toForecastRows(f);
        const span = rows.length > 1 ? rows[rows.length - 1]!.t - rows[0]!.t : 0;
        return (
          <div data-testid="forecast-bands">
            <ChartFrame height={H}>
              <ComposedChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
                <CartesianGrid {...ax.grid} />
                <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} {...ax.axis} tickFormatter={(t: number) => formatTick(t, span)} />
                <YAxis {...ax.axis} tickFormatter={(v: number) => (series === 'requests' ? formatCompact(v) : formatUsdTick(v))} width={80} />
                <Tooltip {...ax.tooltip} labelFormatter={(t) => new Date(Number(t)).toISOString().slice(0, 10)}
                  formatter={(v, name) => [Array.isArray(v) ? `${fmt(Number(v[0]))} – ${fmt(Number(v[1]))}` : fmt(Number(v)), name]} />
                <Legend verticalAlign="top" />
                <Area dataKey="band95" name="95 % band" stroke="none" fill={ax.series[0]} fillOpacity={0.15} isAnimationActive={false} className="forecast-band-95" />
                <Area dataKey="band80" name="80 % band" stroke="none" fill={ax.series[0]} fillOpacity={0.3} isAnimationActive={false} className="forecast-band-80" />
                <Line dataKey="actual" name="Actual" stroke={ax.series[1]} strokeWidth={2} dot={false} isAnimationActive={false} />
                <Line dataKey="predicted" name="Forecast" stroke={ax.series[0]} strokeDasharray="6 4" strokeWidth={2} dot={false} isAnimationActive={false} />
              </ComposedChart>
            </ChartFrame>
          </div>
        );
      }}
    </ChartCard>
  );
}

/** Chart 7.4 */
export function AttributionCharts({ query }: { query: UseQueryResult<Attribution> }) {
  const ax = useAxisProps();
  const bars = (rows: { key: string; value_usd: number }[], label: string) => (
    <ChartFrame height={H}>
      <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 8 }} aria-label={label}>
        <CartesianGrid {...ax.grid} horizontal={false} />
        <XAxis type="number" {...ax.axis} tickFormatter={(v: number) => formatUsdTick(v)} />
        <YAxis type="category" dataKey="key" {...ax.axis} width={150} tickFormatter={(v: string) => truncateLabel(humanize(v), 19)} />
        <Tooltip {...ax.tooltip} formatter={(v) => [formatUsd(Number(v)), 'Value']} />
        <Bar dataKey="value_usd" name="Value" fill={ax.series[0]} isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
  return (
    <ChartCard title="Impact Attribution by Agent and Intent" number="7.4" query={query} height={H} className="card--wide"
      subtitle={query.data ? `Both splits add up to the ${formatUsd(query.data.total_value_usd)} delivered in the range (to the cent).` : undefined}
      emptyReason={(a) => (a.total_value_usd === 0 ? 'No value in this range: set a value model for a department with traffic.' : null)}>
      {(a) => (
        <div className="business-split">
          <div><h3 className="business-split__title">Top agents</h3>{bars(a.by_agent.slice(0, 10), 'Value by agent')}</div>
          <div><h3 className="business-split__title">Intents</h3>{bars(a.by_intent, 'Value by intent')}</div>
        </div>
      )}
    </ChartCard>
  );
}

/** Chart 7.5 */
export function ValueVsCost({ query }: { query: UseQueryResult<ValuePoint[]> }) {
  const ax = useAxisProps();
  return (
    <ChartCard title="Value vs Cost over Time" number="7.5" query={query} height={H}
      emptyReason={(rows) => (rows.every((r) => r.value_usd === 0 && r.cost_usd === 0) ? 'No traffic in this range.' : null)}>
      {(rows) => {
        const data = rows.map((r) => ({ ...r, t: Date.parse(r.timestamp) }));
        const span = data.length > 1 ? data[data.length - 1]!.t - data[0]!.t : 0;
        return (
          <ChartFrame height={H}>
            <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
              <CartesianGrid {...ax.grid} />
              <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} {...ax.axis} tickFormatter={(t: number) => formatTick(t, span)} />
              <YAxis {...ax.axis} tickFormatter={(v: number) => formatUsdTick(v)} width={80} />
              <Tooltip {...ax.tooltip} labelFormatter={(t) => new Date(Number(t)).toISOString().slice(0, 10)} formatter={(v, name) => [formatUsd(Number(v)), name]} />
              <Legend verticalAlign="top" />
              <Area dataKey="net_usd" name="Net (value − cost)" stroke="none" fill={ax.series[2]} fillOpacity={0.2} isAnimationActive={false} />
              <Line dataKey="value_usd" name="Value" stroke={ax.series[0]} strokeWidth={2} dot={false} isAnimationActive={false} />
              <Line dataKey="cost_usd" name="Cost" stroke={ax.series[3]} strokeWidth={2} dot={false} isAnimationActive={false} />
            </ComposedChart>
          </ChartFrame>
        );
      }}
    </ChartCard>
  );
}

export function StatusBadge({ status }: { status: Goal['status'] }) {
  return <span className="badge business-status" style={{ borderColor: STATUS_COLOR[status], color: STATUS_COLOR[status] }}>{STATUS_LABEL[status]}</span>;
}

export function formatMetric(metric: string, v: number): string {
  if (metric === 'value_usd') return formatUsd(v);
  if (metric === 'roi_pct') return formatPct(v, 1);
  if (metric === 'hours_saved') return `${formatInteger(v)} h`;
  return formatInteger(v);
}
