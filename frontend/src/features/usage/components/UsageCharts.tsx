import { useState } from 'react';
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCard, ChartFrame, HeatmapGrid, sequentialColor, useAxisProps } from '../../../components';
import { formatCompact, formatDateTime, formatPct, formatTick, humanize } from '../../../lib/format';
import { rangeSpanMs, useFilters } from '../../filters';
import { useIntentDistribution, useRetentionCohorts, type UsageOverview } from '../api';
import type { UseQueryResult } from '@tanstack/react-query';
import { periodLabel, toCohortTable, toIntentMatrix } from '../lib/mapping';

const H = 240;

/** Chart 2.1 */
export function CallsOverTime({ query }: { query: UseQueryResult<UsageOverview> }) {
  const { filters } = useFilters();
  const ax = useAxisProps();
  const span = rangeSpanMs(filters);
  return (
    <ChartCard title="Calls Over Time" number="2.1" query={query} height={H}
      emptyReason={(d) => ((d.calls_over_time?.length ?? 0) < 2 ? 'Not enough calls in this range to draw a trend.' : null)}>
      {(d) => (
        <ChartFrame height={H}>
          <AreaChart data={(d.calls_over_time ?? []).map((p) => ({ t: Date.parse(p.timestamp), value: p.value }))} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid {...ax.grid} />
            <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} {...ax.axis} tickFormatter={(t: number) => formatTick(t, span)} />
            <YAxis {...ax.axis} tickFormatter={(v: number) => formatCompact(v)} width={48} />
            <Tooltip {...ax.tooltip} labelFormatter={(t) => formatDateTime(Number(t))} formatter={(v) => formatCompact(Number(v))} />
            <Area dataKey="value" name="Calls" stroke={ax.series[0]} fill={ax.series[0]} fillOpacity={0.2} isAnimationActive={false} />
          </AreaChart>
        </ChartFrame>
      )}
    </ChartCard>
  );
}

/** Chart 2.2 */
export function CallsByDepartment({ query }: { query: UseQueryResult<UsageOverview> }) {
  const ax = useAxisProps();
  return (
    <ChartCard title="Calls by Department" number="2.2" query={query} height={H}
      emptyReason={(d) => ((d.calls_by_department?.length ?? 0) === 0 ? 'No calls in this range with these filters.' : null)}>
      {(d) => (
        <ChartFrame height={H}>
          <BarChart data={[...(d.calls_by_department ?? [])].sort((a, b) => b.value - a.value).map((x) => ({ label: humanize(x.department), value: x.value }))} layout="vertical" margin={{ left: 8, right: 16 }}>
            <CartesianGrid {...ax.grid} horizontal={false} />
            <XAxis type="number" {...ax.axis} tickFormatter={(v: number) => formatCompact(v)} />
            <YAxis type="category" dataKey="label" {...ax.axis} width={110} />
            <Tooltip {...ax.tooltip} formatter={(v) => formatCompact(Number(v))} />
            <Bar dataKey="value" name="Calls" fill={ax.series[1]} isAnimationActive={false} />
          </BarChart>
        </ChartFrame>
      )}
    </ChartCard>
  );
}

/** Chart 2.3: department × intent, shaded by share of the department's calls. */
export function IntentMatrix() {
  const { apiParams } = useFilters();
  const query = useIntentDistribution(apiParams);
  return (
    <ChartCard title="Intent Distribution Matrix" number="2.3" className="card--wide" query={query}
      subtitle="Share of each department's calls per intent; darker is a larger share."
      height={260} emptyReason={(cells) => (cells.length === 0 ? 'No calls with an intent in this range.' : null)}>
      {(cells) => {
        const m = toIntentMatrix(cells);
        return (
          <HeatmapGrid
            ariaLabel="Intent share by department"
            rows={m.departments.map((d) => ({ key: d, label: humanize(d) }))}
            columns={m.intents}
            values={m.values}
            color={(v) => sequentialColor(v === null ? null : v / 100)}
            formatValue={(v) => (v === null ? 'no calls' : `${formatPct(v, 1)} of department calls`)}
            formatColumn={(c) => humanize(c)}
            rowHeight={24}
            labelWidth={140}
          />
        );
      }}
    </ChartCard>
  );
}

/** Chart 2.4: share of each signup cohort still active N months (or weeks) later. */
export function RetentionCohorts() {
  const { apiParams } = useFilters();
  const [size, setSize] = useState<'monthly' | 'weekly'>('monthly');
  const query = useRetentionCohorts({ ...apiParams, cohort_size: size });
  return (
    <ChartCard title="Retention Cohorts" number="2.4" className="card--wide" query={query} height={260}
      actions={
        <div role="group" aria-label="Cohort size" className="segmented">
          {(['monthly', 'weekly'] as const).map((s) => (
            <button key={s} type="button" className={`btn btn--small${size === s ? ' btn--active' : ''}`} aria-pressed={size === s} onClick={() => setSize(s)}>{humanize(s)}</button>
          ))}
        </div>
      }
      emptyReason={(rows) => (rows.length === 0 ? 'No end users with a first-seen date yet, so there are no cohorts.' : null)}>
      {(rows) => {
        const table = toCohortTable(rows);
        return (
          <div className="table-wrap">
            <table className="table table--compact cohort">
              <thead>
                <tr><th scope="col">Cohort</th><th scope="col">Users</th>{table.periods.map((p) => <th key={p} scope="col">{periodLabel(p)}</th>)}</tr>
              </thead>
              <tbody>
                {table.rows.map((r) => (
                  <tr key={r.cohort}>
                    <th scope="row">{r.cohort}</th>
                    <td className="num">{formatCompact(r.users)}</td>
                    {r.cells.map((c, i) => (
                      <td key={i} className="num cohort__cell" style={{ background: c === null ? undefined : sequentialColor(c / 100), color: c !== null && c > 55 ? '#fff' : undefined }}>
                        {c === null ? '' : formatPct(c, 0)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      }}
    </ChartCard>
  );
}
