import { useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCard, ChartFrame, HeatmapGrid, sequentialColor, useAxisProps } from '../../../components';
import { formatDateTime, formatInteger, formatPct, humanize } from '../../../lib/format';
import { useFilters } from '../../filters';
import { useCompliance, useDiff, useTimeline, useVelocity, type TimelineEntry } from '../api';

const H = 260;

/** Chart 10.2: every configuration version in the range, newest first; pick an agent to diff its versions (10.3). */
export function VersionTimeline({ onSelect, selected }: { onSelect: (agentId: string) => void; selected: string | null }) {
  const { apiParams } = useFilters();
  const query = useTimeline(apiParams);
  return (
    <ChartCard title="Version Timeline" number="10.2" query={query} height={H}
      emptyReason={(rows) => (rows.length === 0 ? 'No configuration changes in this range with these filters.' : null)}>
      {(rows) => (
        <div className="table-wrap" style={{ maxHeight: H, overflow: 'auto' }}>
          <table className="table table--compact" aria-label="Configuration version timeline">
            <thead><tr><th scope="col">When</th><th scope="col">Agent</th><th scope="col">Version</th><th scope="col">Status</th><th scope="col">Change</th><th scope="col">By</th></tr></thead>
            <tbody>
              {rows.slice(0, 200).map((r) => (
                <tr key={r.version_id} aria-selected={selected === r.agent_id}>
                  <td>{formatDateTime(r.created_at)}</td>
                  <th scope="row"><button type="button" className="link-button" onClick={() => onSelect(r.agent_id)}>{r.agent_id}</button></th>
                  <td>v{r.version_number}</td>
                  <td>{humanize(r.status)}</td>
                  <td>{r.change_summary}</td>
                  <td>{r.created_by_subject}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ChartCard>
  );
}

function versionsOf(rows: TimelineEntry[], agent: string | null): TimelineEntry[] {
  return rows.filter((r) => r.agent_id === agent).sort((a, b) => a.version_number - b.version_number);
}

/** Chart 10.3: the RFC 6902 patch between two versions of one agent, with line diffs for changed texts. */
export function DiffViewer({ agent }: { agent: string | null }) {
  const { apiParams } = useFilters();
  const timeline = useTimeline(apiParams);
  const versions = useMemo(() => versionsOf(timeline.data ?? [], agent), [timeline.data, agent]);
  const [pick, setPick] = useState<{ from: string | null; to: string | null }>({ from: null, to: null });
  const to = pick.to ?? versions.at(-1)?.version_id ?? null;
  const from = pick.from ?? versions.at(-2)?.version_id ?? null;
  const query = useDiff(to, from);
  if (agent === null || versions.length < 2) {
    return (
      <ChartCard title="Diff Viewer" number="10.3" query={timeline} height={H}
        emptyReason={() => (agent === null ? 'Pick an agent in the version timeline to compare its versions.' : 'This agent has fewer than two versions in this range.')}>
        {() => null}
      </ChartCard>
    );
  }
  const select = (value: string | null, onChange: (v: string) => void, label: string) => (
    <select aria-label={label} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
      {versions.map((v) => <option key={v.version_id} value={v.version_id}>v{v.version_number} · {formatDateTime(v.created_at)}</option>)}
    </select>
  );
  return (
    <ChartCard title={`Diff Viewer — ${agent}`} number="10.3" query={query} height={H}
      actions={<>{select(from, (v) => setPick((p) => ({ ...p, from: v })), 'From version')} → {select(to, (v) => setPick((p) => ({ ...p, to: v })), 'To version')}</>}
      emptyReason={(d) => (d.identical ? 'These two versions are identical (same canonical hash).' : null)}>
      {(d) => (
        <div style={{ maxHeight: H, overflow: 'auto' }}>
          <table className="table table--compact" aria-label="JSON Patch (RFC 6902)">
            <thead><tr><th scope="col">Op</th><th scope="col">Path</th><th scope="col">Value</th></tr></thead>
            <tbody>
              {d.patch.map((op) => (
                <tr key={`${op.op}${op.path}`} data-op={op.op}>
                  <td>{op.op}</td>
                  <td><code>{op.path}</code></td>
                  <td><code>{op.op === 'remove' ? '' : JSON.stringify(op.value)}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
          {d.text_diffs.map((t) => (
            <figure key={t.path}>
              <figcaption><code>{t.path}</code></figcaption>
              <pre className="diff" aria-label={`Line diff of ${t.path}`}>
                {t.lines.map((l, i) => <div key={i} className={l.op === '+' ? 'diff--add' : l.op === '-' ? 'diff--del' : undefined}>{l.op} {l.text}</div>)}
              </pre>
            </figure>
          ))}
          <p className="muted">hash {d.from_hash.slice(0, 12)}… → {d.to_hash.slice(0, 12)}…</p>
        </div>
      )}
    </ChartCard>
  );
}

/** Chart 10.4: share of agents each policy holds for, per department (recomputed every 30 s and after a policy change). */
export function ComplianceByPolicy() {
  const { apiParams } = useFilters();
  const query = useCompliance(apiParams);
  return (
    <ChartCard title="Compliance by Policy and Department" number="10.4" query={query} height={H}
      subtitle={query.data?.evaluated_at ? `Evaluated ${formatDateTime(query.data.evaluated_at)}` : undefined}
      emptyReason={(c) => (c.cells.length === 0 ? 'No policy with a compliance rule applies to these agents.' : null)}>
      {(c) => {
        const policies = c.by_policy;
        const departments = c.by_department.map((d) => d.department);
        const values = policies.map((p) => departments.map((d) => {
          const cell = c.cells.find((x) => x.policy_id === p.policy_id && x.department === d);
          return cell && cell.evaluated > 0 ? Math.round((1000 * cell.compliant) / cell.evaluated) / 10 : null;
        }));
        return (
          <HeatmapGrid ariaLabel="Compliance by policy and department"
            rows={policies.map((p) => ({ key: p.policy_id, label: p.name, sublabel: `${formatPct(p.pct, 1)} of ${formatInteger(p.evaluated)}` }))}
            columns={departments} values={values}
            color={(v) => (v === null ? sequentialColor(null) : sequentialColor(1 - v / 100))}
            formatValue={(v) => (v === null ? 'not in scope' : formatPct(v, 1))} formatColumn={(d) => humanize(d)} labelWidth={220} />
        );
      }}
    </ChartCard>
  );
}

/** Chart 10.7: configuration changes per day by department, with the approvals they asked for. */
export function ChangeVelocity() {
  const { apiParams } = useFilters();
  const query = useVelocity(apiParams);
  const ax = useAxisProps();
  return (
    <ChartCard title="Change Velocity" number="10.7" query={query} height={H}
      emptyReason={(rows) => (rows.length === 0 ? 'No configuration changes in this range.' : null)}>
      {(rows) => {
        const departments = [...new Set(rows.map((r) => r.department))].sort();
        const byDay = new Map<string, Record<string, number | string>>();
        for (const r of rows) {
          const day = byDay.get(r.day) ?? { day: r.day };
          day[r.department] = Number(day[r.department] ?? 0) + r.changes;
          byDay.set(r.day, day);
        }
        const data = [...byDay.values()].sort((a, b) => String(a.day).localeCompare(String(b.day)));
        return (
          <ChartFrame height={H}>
            <BarChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 8 }} accessibilityLayer aria-label="Configuration changes per day by department">
              <CartesianGrid {...ax.grid} />
              <XAxis dataKey="day" {...ax.axis} tickFormatter={(d: string) => d.slice(5, 10)} />
              <YAxis {...ax.axis} allowDecimals={false} width={36} />
              <Tooltip {...ax.tooltip} labelFormatter={(d) => formatDateTime(String(d))} />
              <Legend verticalAlign="top" formatter={(v) => humanize(String(v))} />
              {departments.map((d, i) => <Bar key={d} dataKey={d} stackId="c" fill={ax.series[i % ax.series.length]} isAnimationActive={false} />)}
            </BarChart>
          </ChartFrame>
        );
      }}
    </ChartCard>
  );
}
