import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import { ChartCard, ChartFrame, useAxisProps } from '../../../components';
import { formatDateTime, formatTick, humanize } from '../../../lib/format';
import { rangeSpanMs, useFilters } from '../../filters';
import { useAlertTimeline, useBreachHistory, useByDepartment, useCauses, useErrorBudget, useIncidents, useMttr, usePostmortems } from '../api';
import { SEVERITIES, minutesLabel, toBreachRows, toBudgetRows, toMttrBars, toTimelinePoints } from '../lib/mapping';
import { timeTicks } from '../../../lib/timeTicks';

const H = 260;
/** Fixed severity colours (sev1 red → sev4 grey), so a severity looks the same on every chart. */
export const SEVERITY_COLORS: Record<string, string> = { sev1: '#dc2626', sev2: '#d97706', sev3: '#2563eb', sev4: '#6b7280' };

/** 8.1: every incident of the range at its detection time, its height the time to resolve. */
export function IncidentTimeline() {
  const { apiParams, filters } = useFilters();
  const query = useIncidents(apiParams);
  const ax = useAxisProps();
  const span = rangeSpanMs(filters);
  return (
    <ChartCard title="Incident Timeline" number="8.1" className="card--wide" query={query} height={H}
      subtitle="Each incident at its detection time; height = minutes to resolve (open ones: so far), log scale."
      emptyReason={(list) => (list.length === 0 ? 'No incident was detected in this range: nothing paged and nobody declared one.' : null)}>
      {(list) => {
        const points = toTimelinePoints(list);
        const xs = points.map((p) => p.x);
        return (
          <ChartFrame height={H}>
            <ScatterChart margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
              <CartesianGrid {...ax.grid} />
              <XAxis dataKey="x" type="number" domain={['dataMin', 'dataMax']} scale="time" {...ax.axis} ticks={timeTicks(Math.min(...xs), Math.max(...xs))} tickFormatter={(v: number) => formatTick(v, span)} />
              <YAxis dataKey="y" type="number" scale="log" domain={[1, 'auto']} {...ax.axis} tickFormatter={(v: number) => minutesLabel(v)} width={56} />
              <ZAxis range={[60, 60]} />
              <Tooltip {...ax.tooltip} formatter={(v: unknown, name: unknown) => (name === 'y' ? minutesLabel(Number(v)) : formatDateTime(Number(v)))} />
              <Legend />
              {SEVERITIES.map((s) => <Scatter key={s} name={s} data={points.filter((p) => p.severity === s)} fill={SEVERITY_COLORS[s]} />)}
            </ScatterChart>
          </ChartFrame>
        );
      }}
    </ChartCard>
  );
}

/** 8.2: hours per day in which an SLO missed its target. */
export function SloBreachHistory() {
  const { apiParams, filters } = useFilters();
  const query = useBreachHistory(apiParams);
  const ax = useAxisProps();
  const span = rangeSpanMs(filters);
  return (
    <ChartCard title="SLO Breach History" number="8.2" query={query} height={H}
      subtitle="Hours per day that missed the SLO's target (compliance views: P90, error rate; event SLOs: hours over budget)."
      emptyReason={(series) => (series.length === 0 ? 'No SLO is defined yet: create one with "New SLO".' : toBreachRows(series).names.length === 0 ? 'Every SLO met its target in every hour of this range.' : null)}>
      {(series) => {
        const { rows, names } = toBreachRows(series);
        return (
          <ChartFrame height={H}>
            <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
              <CartesianGrid {...ax.grid} />
              <XAxis dataKey="timestamp" {...ax.axis} tickFormatter={(v: string) => formatTick(v, span)} />
              <YAxis {...ax.axis} allowDecimals={false} width={32} />
              <Tooltip {...ax.tooltip} labelFormatter={(v) => formatDateTime(String(v))} />
              <Legend />
              {names.map((n, i) => <Bar key={n} dataKey={n} stackId="b" fill={ax.series[i % ax.series.length]} />)}
            </BarChart>
          </ChartFrame>
        );
      }}
    </ChartCard>
  );
}

/** 8.3: median and P90 time to resolve per severity, and its weekly trend. */
export function MttrBySeverity() {
  const { apiParams } = useFilters();
  const query = useMttr(apiParams);
  const ax = useAxisProps();
  return (
    <ChartCard title="MTTR by Severity" number="8.3" query={query} height={H}
      subtitle="Median and P90 hours from detection to resolution; MTTA in the table below the KPIs."
      emptyReason={(v) => (v.by_severity.length === 0 ? 'No incident was resolved in this range.' : null)}>
      {(v) => (
        <ChartFrame height={H}>
          <BarChart data={toMttrBars(v)} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid {...ax.grid} />
            <XAxis dataKey="severity" {...ax.axis} />
            <YAxis {...ax.axis} width={40} unit=" h" />
            <Tooltip {...ax.tooltip} />
            <Legend />
            <Bar dataKey="median_h" name="Median (h)" fill={ax.series[0]} />
            <Bar dataKey="p90_h" name="P90 (h)" fill={ax.series[1]} />
          </BarChart>
        </ChartFrame>
      )}
    </ChartCard>
  );
}

/** 8.4: error budget remaining per SLO over its window (100 % at the window start; below 0 = overspent). */
export function ErrorBudgetBurnDown() {
  const query = useErrorBudget();
  const ax = useAxisProps();
  return (
    <ChartCard title="Error-Budget Burn-Down" number="8.4" className="card--wide" query={query} height={H}
      subtitle="Budget remaining per SLO over its 30-day window, day by day; below 0 % the SLO is overspent."
      emptyReason={(series) => (series.every((s) => s.points.length === 0) ? 'No SLO has traffic in its window yet.' : null)}>
      {(series) => {
        const rows = toBudgetRows(series);
        return (
          <ChartFrame height={H}>
            <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
              <CartesianGrid {...ax.grid} />
              <XAxis dataKey="timestamp" {...ax.axis} tickFormatter={(v: string) => formatTick(v, 30 * 86_400_000)} />
              <YAxis {...ax.axis} width={44} unit=" %" domain={['auto', 100]} />
              <Tooltip {...ax.tooltip} labelFormatter={(v) => formatDateTime(String(v))} />
              <Legend />
              <ReferenceLine y={0} stroke="#dc2626" strokeDasharray="4 4" />
              {series.map((s, i) => <Line key={s.slo_id} type="monotone" dataKey={s.name} dot={false} stroke={ax.series[i % ax.series.length]} connectNulls isAnimationActive={false} />)}
            </LineChart>
          </ChartFrame>
        );
      }}
    </ChartCard>
  );
}

/** 8.5: incidents per department and severity. */
export function DepartmentSeverity() {
  const { apiParams } = useFilters();
  const query = useByDepartment(apiParams);
  const ax = useAxisProps();
  return (
    <ChartCard title="Incidents by Department × Severity" number="8.5" query={query} height={H}
      emptyReason={(rows) => (rows.length === 0 ? 'No incident in this range.' : null)}>
      {(rows) => (
        <ChartFrame height={H}>
          <BarChart data={rows.map((r) => ({ ...r, department: humanize(r.department) }))} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid {...ax.grid} />
            <XAxis dataKey="department" {...ax.axis} interval={0} />
            <YAxis {...ax.axis} allowDecimals={false} width={32} />
            <Tooltip {...ax.tooltip} />
            <Legend />
            {SEVERITIES.map((s) => <Bar key={s} dataKey={s} stackId="s" fill={SEVERITY_COLORS[s]} />)}
          </BarChart>
        </ChartFrame>
      )}
    </ChartCard>
  );
}

/** 8.6: postmortems of the range with their review state and open action items. */
export function PostmortemTracker() {
  const { apiParams } = useFilters();
  const query = usePostmortems(apiParams);
  return (
    <ChartCard title="Postmortem Tracker" number="8.6" query={query} height={H}
      subtitle="Every sev1/sev2 incident gets a postmortem; action items stay open until done."
      emptyReason={(list) => (list.length === 0 ? 'No postmortem in this range (no sev1/sev2 incident, or none written yet).' : null)}>
      {(list) => (
        <div className="table-wrap" style={{ maxHeight: H }}>
          <table className="table table--compact">
            <thead><tr><th>Incident</th><th>Sev</th><th>Status</th><th className="num">Open items</th><th>Published</th></tr></thead>
            <tbody>
              {list.map((p) => (
                <tr key={p.postmortem_id}>
                  <th scope="row" title={p.root_cause ?? undefined}>{p.incident_title}</th>
                  <td><span className={`badge badge--sev-${p.severity}`}>{p.severity}</span></td>
                  <td>{humanize(p.status)}</td>
                  <td className="num">{p.action_items_open} / {p.action_items.length}</td>
                  <td>{p.published_at ? formatDateTime(p.published_at) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ChartCard>
  );
}

/** 8.7: incident causes by count (and minutes of impact in the tooltip). */
export function TopCauses() {
  const { apiParams } = useFilters();
  const query = useCauses(apiParams);
  const ax = useAxisProps();
  return (
    <ChartCard title="Top Incident Causes" number="8.7" query={query} height={H}
      emptyReason={(rows) => (rows.length === 0 ? 'No incident in this range.' : null)}>
      {(rows) => (
        <ChartFrame height={H}>
          <BarChart data={rows.map((r) => ({ ...r, cause: humanize(r.cause), hours: Math.round(r.total_minutes / 6) / 10 }))} layout="vertical" margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
            <CartesianGrid {...ax.grid} />
            <XAxis type="number" {...ax.axis} allowDecimals={false} />
            <YAxis type="category" dataKey="cause" {...ax.axis} width={120} />
            <Tooltip {...ax.tooltip} />
            <Bar dataKey="incidents" name="Incidents" fill={ax.series[2]} />
          </BarChart>
        </ChartFrame>
      )}
    </ChartCard>
  );
}

/** Alerts fired per day by severity (the alert history behind the incidents). */
export function AlertHistory() {
  const { apiParams, filters } = useFilters();
  const query = useAlertTimeline(apiParams);
  const ax = useAxisProps();
  const span = rangeSpanMs(filters);
  return (
    <ChartCard title="Alerts Fired per Day" query={query} height={H}
      emptyReason={(rows) => (rows.length === 0 ? 'No alert fired in this range.' : null)}>
      {(rows) => (
        <ChartFrame height={H}>
          <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid {...ax.grid} />
            <XAxis dataKey="timestamp" {...ax.axis} tickFormatter={(v: string) => formatTick(v, span)} />
            <YAxis {...ax.axis} allowDecimals={false} width={32} />
            <Tooltip {...ax.tooltip} labelFormatter={(v) => formatDateTime(String(v))} />
            <Legend />
            {SEVERITIES.map((s) => <Bar key={s} dataKey={s} stackId="a" fill={SEVERITY_COLORS[s]} />)}
          </BarChart>
        </ChartFrame>
      )}
    </ChartCard>
  );
}
