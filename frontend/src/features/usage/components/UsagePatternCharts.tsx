import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCard, ChartFrame, HeatmapGrid, sequentialColor, useAxisProps } from '../../../components';
import { formatChange, formatCompact, formatDateTime, formatPct, formatTick, humanize } from '../../../lib/format';
import { rangeSpanMs, useFilters } from '../../filters';
import { useHourlyPattern, useUserSegments, useVersionAdoption } from '../api';
import { toAdoptionSeries, toHourGrid, toSegmentBars } from '../lib/patterns';

const H = 240;

/** Chart 2.6: each segment's share of active users next to its share of calls. */
export function UserSegments() {
  const { apiParams } = useFilters();
  const query = useUserSegments(apiParams);
  const ax = useAxisProps();
  return (
    <ChartCard title="User Segments" number="2.6" query={query} height={H}
      subtitle="Share of active users (by their current segment) and of calls (by the segment on each call)."
      emptyReason={(rows) => (rows.every((r) => r.users === 0 && r.requests === 0) ? 'No identified end user called an agent in this range.' : null)}>
      {(rows) => {
        const bars = toSegmentBars(rows);
        return (
          <ChartFrame height={H}>
            <BarChart data={bars} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} accessibilityLayer aria-label="Share of users and calls per user segment">
              <CartesianGrid {...ax.grid} vertical={false} />
              <XAxis dataKey="label" {...ax.axis} />
              <YAxis {...ax.axis} tickFormatter={(v: number) => formatPct(v, 0)} width={44} domain={[0, 100]} />
              <Tooltip {...ax.tooltip}
                formatter={(v, name, item) => {
                  const b = item.payload as (typeof bars)[number];
                  return name === 'Users'
                    ? [`${formatPct(Number(v), 1)} · ${formatCompact(b.users)} users (${formatChange(b.usersChange)})`, name]
                    : [`${formatPct(Number(v), 1)} · ${formatCompact(b.requests)} calls (${formatChange(b.requestsChange)})`, name];
                }} />
              <Legend verticalAlign="top" />
              <Bar dataKey="pctOfUsers" name="Users" fill={ax.series[0]} isAnimationActive={false} />
              <Bar dataKey="pctOfRequests" name="Calls" fill={ax.series[2]} isAnimationActive={false} />
            </BarChart>
          </ChartFrame>
        );
      }}
    </ChartCard>
  );
}

/** Chart 2.7: share of each department's calls served by the newest (or the selected) version. */
export function VersionAdoption() {
  const { apiParams, filters } = useFilters();
  const query = useVersionAdoption(apiParams);
  const ax = useAxisProps();
  const span = rangeSpanMs(filters);
  const target = query.data?.targetVersion;
  return (
    <ChartCard title="Version Adoption by Department" number="2.7" className="card--wide" query={query} height={H}
      subtitle={target ? `Share of calls on ${target}${filters.version ? ' (the selected version)' : ' (the newest version)'}; the dashed line is the whole fleet.` : undefined}
      emptyReason={(d) => (d.targetVersion === null ? 'No agent reports a version yet.' : d.rows.every((r) => r.requests === 0) ? 'No calls in this range with these filters.' : null)}>
      {(d) => {
        const s = toAdoptionSeries(d.rows);
        return (
          <ChartFrame height={H}>
            <LineChart data={s.rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} accessibilityLayer aria-label={`Share of calls on ${d.targetVersion ?? ''} per department over time`}>
              <CartesianGrid {...ax.grid} />
              <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} {...ax.axis} tickFormatter={(t: number) => formatTick(t, span)} />
              <YAxis {...ax.axis} domain={[0, 100]} tickFormatter={(v: number) => formatPct(v, 0)} width={44} />
              <Tooltip {...ax.tooltip} labelFormatter={(t) => formatDateTime(Number(t))} formatter={(v, n) => [v == null ? 'no calls' : formatPct(Number(v), 1), n]} />
              <Legend verticalAlign="top" />
              {s.departments.map((dept, i) => (
                <Line key={dept} dataKey={dept} name={`${humanize(dept)} (${formatPct(s.overall[dept], 0)})`} stroke={ax.series[i % ax.series.length]} dot={false} connectNulls isAnimationActive={false} />
              ))}
              <Line dataKey="fleet" name="Fleet" stroke={ax.axis.stroke} strokeDasharray="6 4" strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
            </LineChart>
          </ChartFrame>
        );
      }}
    </ChartCard>
  );
}

/** Chart 2.9: average calls per clock hour and weekday (UTC). */
export function HourlyPattern() {
  const { apiParams } = useFilters();
  const query = useHourlyPattern(apiParams);
  return (
    <ChartCard title="Usage by Hour and Weekday" number="2.9" className="card--wide" query={query} height={236}
      subtitle="Average calls in each clock hour (UTC) over the range; darker is busier."
      emptyReason={(cells) => (cells.every((c) => c.requests === 0) ? 'No calls in this range with these filters.' : null)}>
      {(cells) => {
        const g = toHourGrid(cells);
        return (
          <HeatmapGrid
            ariaLabel="Average calls by weekday and hour of day, UTC"
            rows={g.rows}
            columns={g.columns}
            values={g.values}
            color={(v) => (v === null ? sequentialColor(null) : sequentialColor(g.max > 0 ? v / g.max : 0))}
            formatValue={(v) => (v === null ? 'not in the range' : `${formatCompact(v)} calls on average`)}
            formatColumn={(c) => `${c}:00`}
            rowHeight={26}
            labelWidth={96}
          />
        );
      }}
    </ChartCard>
  );
}
