import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCard, ChartFrame, Modal, Skeleton, describeError, useAxisProps } from '../../../components';
import { formatDateTime, formatInteger, formatPct, formatScore, formatTick, humanize } from '../../../lib/format';
import { rangeSpanMs, useFilters } from '../../filters';
import { useLowScores, useQualityGroups, useQualityTrend, useTraceScores, type GroupScore } from '../api';

const H = 240;
const BAND_COLORS = { excellent: '#2e7d32', good: '#7cb342', fair: '#f9a825', poor: '#c62828' } as const;

/** 5.4: average score and pass rate over time (hourly up to 48 h, else daily). */
export function QualityTrend() {
  const { apiParams, filters } = useFilters();
  const query = useQualityTrend(apiParams);
  const ax = useAxisProps();
  const span = rangeSpanMs(filters);
  return (
    <ChartCard title="Quality Trend" number="5.4" className="card--wide" query={query} height={H}
      subtitle="Average automated score (0–100) and pass rate; the SLO line is 80."
      emptyReason={(d) => (d.length === 0 ? 'No trace in this range was scored yet. Evaluator rules score new traces as they arrive.' : null)}>
      {(d) => (
        <ChartFrame height={H}>
          <LineChart data={d.map((p) => ({ ...p, label: formatTick(p.bucket, span) }))}>
            <CartesianGrid {...ax.grid} />
            <XAxis dataKey="label" {...ax.axis} />
            <YAxis domain={[0, 100]} {...ax.axis} />
            <Tooltip {...ax.tooltip} />
            <Legend />
            <Line type="monotone" dataKey="avg_score" name="Avg score" stroke={ax.series[0]} dot={false} />
            <Line type="monotone" dataKey="pass_rate_pct" name="Pass rate %" stroke={ax.series[1]} dot={false} />
          </LineChart>
        </ChartFrame>
      )}
    </ChartCard>
  );
}

function BandsChart({ rows, label }: { rows: GroupScore[]; label: (r: GroupScore) => string }) {
  const ax = useAxisProps();
  return (
    <ChartFrame height={H}>
      <BarChart data={rows.map((r) => ({ name: label(r), ...r.bands }))}>
        <CartesianGrid {...ax.grid} />
        <XAxis dataKey="name" {...ax.axis} />
        <YAxis {...ax.axis} />
        <Tooltip {...ax.tooltip} />
        <Legend />
        {(['excellent', 'good', 'fair', 'poor'] as const).map((b) => (
          <Bar key={b} dataKey={b} name={humanize(b)} stackId="bands" fill={BAND_COLORS[b]} />
        ))}
      </BarChart>
    </ChartFrame>
  );
}

/** 5.1: score bands per department (excellent ≥ 90, good ≥ 75, fair ≥ 60, poor < 60). */
export function DistributionByDepartment() {
  const { apiParams } = useFilters();
  const query = useQualityGroups('score-distribution', apiParams);
  return (
    <ChartCard title="Score Distribution by Department" number="5.1" query={query} height={H}
      subtitle="Scored traces per band: excellent ≥ 90, good ≥ 75, fair ≥ 60, poor < 60."
      emptyReason={(d) => (d.length === 0 ? 'No scores for these filters.' : null)}>
      {(d) => <BandsChart rows={d} label={(r) => humanize(r.key || 'unassigned')} />}
    </ChartCard>
  );
}

/** 5.2: average score per agent version. */
export function VersionComparison() {
  const { apiParams } = useFilters();
  const query = useQualityGroups('version-comparison', apiParams);
  const ax = useAxisProps();
  return (
    <ChartCard title="Version Quality Comparison" number="5.2" query={query} height={H}
      subtitle="Average score per agent version; older versions should not be better."
      emptyReason={(d) => (d.length === 0 ? 'No scores for these filters.' : null)}>
      {(d) => (
        <ChartFrame height={H}>
          <BarChart data={d.map((r) => ({ name: r.key || 'unknown', avg: r.avg_score, count: r.count }))}>
            <CartesianGrid {...ax.grid} />
            <XAxis dataKey="name" {...ax.axis} />
            <YAxis domain={[0, 100]} {...ax.axis} />
            <Tooltip {...ax.tooltip} />
            <Bar dataKey="avg" name="Avg score" fill={ax.series[0]} />
          </BarChart>
        </ChartFrame>
      )}
    </ChartCard>
  );
}

/** Lowest-scoring agents (ascending average). */
export function LowestAgents() {
  const { apiParams } = useFilters();
  const query = useQualityGroups('by-agent', { ...apiParams, limit: 10 });
  return (
    <ChartCard title="Lowest-scoring Agents" query={query} height={H}
      subtitle="The ten agents with the lowest average score in this range."
      emptyReason={(d) => (d.length === 0 ? 'No scores for these filters.' : null)}>
      {(d) => (
        <table className="table table--compact">
          <thead><tr><th scope="col">Agent</th><th scope="col">Department</th><th scope="col">Avg</th><th scope="col">Pass</th><th scope="col">Scored</th></tr></thead>
          <tbody>
            {d.map((r) => (
              <tr key={r.key}><th scope="row">{r.key}</th><td>{humanize(r.department)}</td><td className="num">{formatScore(r.avg_score)}</td><td className="num">{formatPct(r.pass_rate_pct)}</td><td className="num">{formatInteger(r.count)}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </ChartCard>
  );
}

/** 5.8: the lowest scores with their reasoning; a row opens the trace with every score. */
export function LowScoreTraces() {
  const { apiParams } = useFilters();
  const query = useLowScores(apiParams);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <>
      <ChartCard title="Low-score Traces" number="5.8" className="card--wide" query={query} height={H}
        subtitle="Lowest automated scores first; open one for its criteria, reviews and reasoning."
        emptyReason={(d) => (d.length === 0 ? 'No scored traces for these filters.' : null)}>
        {(d) => (
          <table className="table table--compact">
            <thead><tr><th scope="col">Score</th><th scope="col">Trace</th><th scope="col">Agent</th><th scope="col">Version</th><th scope="col">Intent</th><th scope="col">Reasoning</th><th scope="col">When</th></tr></thead>
            <tbody>
              {d.map((r) => (
                <tr key={`${r.trace_id}-${r.rubric_id}`}>
                  <td className="num">{formatScore(r.score)}</td>
                  <td><button type="button" className="btn btn--link" onClick={() => setOpen(r.trace_id)}>{r.trace_id}</button></td>
                  <td>{r.agent_id}</td><td>{r.version ?? '—'}</td><td>{humanize(r.intent)}</td>
                  <td>{r.reasoning ?? '—'}</td><td>{formatDateTime(r.timestamp)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ChartCard>
      {open && <TraceScoresModal traceId={open} onClose={() => setOpen(null)} />}
    </>
  );
}

/** The drill-down: a trace's input and output with every evaluation of it. */
export function TraceScoresModal({ traceId, onClose }: { traceId: string; onClose: () => void }) {
  const query = useTraceScores(traceId);
  return (
    <Modal title={`Scores of ${traceId}`} onClose={onClose} wide>
      {query.isPending ? <Skeleton height={200} /> : query.isError ? <p role="alert">{describeError(query.error)}</p> : (
        <div className="quality-trace">
          <p><strong>{query.data.agent_id}</strong> · {humanize(query.data.department)} · {query.data.status} · {formatDateTime(query.data.timestamp)}</p>
          <h3>Input</h3><pre className="quality-trace__text">{query.data.input ?? '—'}</pre>
          <h3>Output</h3><pre className="quality-trace__text">{query.data.output ?? '—'}</pre>
          <table className="table table--compact">
            <thead><tr><th scope="col">Rubric</th><th scope="col">Evaluator</th><th scope="col">Score</th><th scope="col">Criteria</th><th scope="col">Label / reasoning</th></tr></thead>
            <tbody>
              {query.data.scores.map((s) => (
                <tr key={s.evaluation_id}>
                  <td>{s.rubric_name} v{s.rubric_version}</td>
                  <td>{humanize(s.evaluator)}{s.reviewer ? ` (${s.reviewer})` : ''}</td>
                  <td className="num">{s.status === 'scored' ? formatScore(s.score) : humanize(s.status)}</td>
                  <td>{Object.entries(s.criteria_scores).map(([k, v]) => `${k} ${String(v)}`).join(', ') || '—'}</td>
                  <td>{[s.label && humanize(s.label), s.reasoning, s.error].filter(Boolean).join(' — ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Modal>
  );
}
