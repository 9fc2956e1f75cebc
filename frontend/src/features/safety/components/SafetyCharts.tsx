import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCard, ChartFrame, HeatmapGrid, sequentialColor, useAxisProps } from '../../../components';
import { formatCompact, formatDateTime, formatInteger, formatPct, formatTick, humanize } from '../../../lib/format';
import { rangeSpanMs, useFilters } from '../../filters';
import { useByDepartment, useCoverage, useEffectiveness, useHeatmap, useTrends } from '../api';

const H = 260;
const CATEGORIES = ['pii', 'secret', 'prompt_injection', 'toxicity', 'custom'];

/** Chart 6.1: violations per bucket, stacked by category. */
export function ViolationTrends() {
  const { apiParams, filters } = useFilters();
  const query = useTrends(apiParams);
  const ax = useAxisProps();
  const span = rangeSpanMs(filters);
  return (
    <ChartCard title="Violations Over Time" number="6.1" query={query} height={H}
      emptyReason={(rows) => (rows.length === 0 ? 'No violations in this range with these filters.' : null)}>
      {(rows) => {
        const data = rows.map((r) => ({ t: Date.parse(r.bucket), ...Object.fromEntries(CATEGORIES.map((c) => [c, r.by_category[c] ?? 0])) }));
        return (
          <ChartFrame height={H}>
            <BarChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 8 }} accessibilityLayer aria-label="Violations over time by type">
              <CartesianGrid {...ax.grid} />
              <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} {...ax.axis} tickFormatter={(t: number) => formatTick(t, span)} />
              <YAxis {...ax.axis} tickFormatter={(v: number) => formatCompact(v)} width={44} />
              <Tooltip {...ax.tooltip} labelFormatter={(t) => formatDateTime(Number(t))} />
              <Legend verticalAlign="top" formatter={(v) => humanize(String(v))} />
              {CATEGORIES.map((c, i) => <Bar key={c} dataKey={c} name={c} stackId="v" fill={ax.series[i % ax.series.length]} isAnimationActive={false} />)}
            </BarChart>
          </ChartFrame>
        );
      }}
    </ChartCard>
  );
}

/** Chart 6.2: share of each department's requests without a violation. */
export function ComplianceByDepartment() {
  const { apiParams } = useFilters();
  const query = useByDepartment(apiParams);
  const ax = useAxisProps();
  return (
    <ChartCard title="Compliance by Department" number="6.2" query={query} height={H}
      emptyReason={(rows) => (rows.length === 0 ? 'No departments with traffic in this range.' : null)}>
      {(rows) => (
        <ChartFrame height={H}>
          <BarChart data={rows.map((r) => ({ ...r, label: humanize(r.department) }))} layout="vertical" margin={{ left: 8, right: 16 }} accessibilityLayer aria-label="Compliance by department">
            <CartesianGrid {...ax.grid} horizontal={false} />
            <XAxis type="number" domain={[Math.max(0, Math.floor(Math.min(...rows.map((r) => r.compliance_pct)) - 1)), 100]} {...ax.axis} tickFormatter={(v: number) => `${v}%`} />
            <YAxis type="category" dataKey="label" {...ax.axis} width={120} />
            <Tooltip {...ax.tooltip} formatter={(v, _n, item) => {
              const r = item.payload as (typeof rows)[number];
              return [`${formatPct(Number(v), 2)} · ${formatInteger(r.violations)} violations · ${formatInteger(r.requests)} requests`, 'Compliance'];
            }} />
            <Bar dataKey="compliance_pct" name="Compliance" fill={ax.series[1]} isAnimationActive={false} />
          </BarChart>
        </ChartFrame>
      )}
    </ChartCard>
  );
}

/** Chart 6.3: per policy, what it detected, blocked, redacted and how much was a false positive. */
export function GuardrailEffectiveness() {
  const { apiParams } = useFilters();
  const query = useEffectiveness(apiParams);
  const ax = useAxisProps();
  return (
    <ChartCard title="Guardrail Effectiveness" number="6.3" query={query} height={H}
      emptyReason={(rows) => (rows.length === 0 ? 'No guardrail policies yet: create one below.' : null)}>
      {(rows) => (
        <ChartFrame height={H}>
          <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 8 }} accessibilityLayer aria-label="Detections per policy">
            <CartesianGrid {...ax.grid} />
            <XAxis dataKey="name" {...ax.axis} interval={0} tickFormatter={(v: string) => (v.length > 14 ? `${v.slice(0, 13)}…` : v)} />
            <YAxis {...ax.axis} tickFormatter={(v: number) => formatCompact(v)} width={44} />
            <Tooltip {...ax.tooltip} />
            <Legend verticalAlign="top" />
            <Bar dataKey="blocked" name="Blocked" stackId="d" fill={ax.series[3]} isAnimationActive={false} />
            <Bar dataKey="redacted" name="Redacted" stackId="d" fill={ax.series[2]} isAnimationActive={false} />
            <Bar dataKey="flagged" name="Flagged" stackId="d" fill={ax.series[0]} isAnimationActive={false} />
            <Bar dataKey="false_positives" name="False positives" fill={ax.series[5 % ax.series.length]} isAnimationActive={false} />
          </BarChart>
        </ChartFrame>
      )}
    </ChartCard>
  );
}

/** Chart 6.5: violations per department and type. */
export function DepartmentTypeHeatmap() {
  const { apiParams } = useFilters();
  const query = useHeatmap(apiParams);
  return (
    <ChartCard title="Department × Violation Type" number="6.5" query={query} height={H}
      emptyReason={(cells) => (cells.length === 0 ? 'No violations in this range with these filters.' : null)}>
      {(cells) => {
        const departments = [...new Set(cells.map((c) => c.department))].sort();
        const types = [...new Set(cells.map((c) => c.violation_type))].sort();
        const max = Math.max(1, ...cells.map((c) => c.n));
        const values = departments.map((d) => types.map((t) => cells.find((c) => c.department === d && c.violation_type === t)?.n ?? 0));
        return (
          <HeatmapGrid ariaLabel="Violations per department and type" rows={departments.map((d) => ({ key: d, label: humanize(d) }))}
            columns={types} values={values} rowHeight={24} labelWidth={130}
            color={(v) => sequentialColor((v ?? 0) / max)} formatValue={(v) => `${formatInteger(v ?? 0)} violations`} formatColumn={humanize} />
        );
      }}
    </ChartCard>
  );
}

/** Chart 6.7: per department, how many agents each policy type covers (gaps are what to fix). */
export function PolicyCoverage() {
  const { apiParams } = useFilters();
  const query = useCoverage(apiParams);
  return (
    <ChartCard title="Policy Coverage" number="6.7" query={query} height={H}
      emptyReason={(rows) => (rows.length === 0 ? 'No agents registered yet.' : null)}>
      {(rows) => (
        <div className="table-wrap" style={{ maxHeight: H, overflow: 'auto' }}>
          <table className="table table--compact">
            <caption className="sr-only">Agents covered per policy type and department</caption>
            <thead><tr><th scope="col">Department</th><th scope="col">Agents</th>{['pii', 'secret', 'prompt_injection', 'toxicity'].map((t) => <th key={t} scope="col">{humanize(t)}</th>)}<th scope="col">Fully covered</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.department}>
                  <th scope="row">{humanize(r.department)}</th>
                  <td>{r.agents}</td>
                  {['pii', 'secret', 'prompt_injection', 'toxicity'].map((t) => <td key={t}>{r.covered_agents[t] ?? 0}</td>)}
                  <td>{formatPct(r.coverage_pct, 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ChartCard>
  );
}
