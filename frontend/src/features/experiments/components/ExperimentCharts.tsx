import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, ErrorBar, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCard, ChartFrame, ConfirmDialog, useAxisProps } from '../../../components';
import { formatDateTime, formatInteger, formatPct, humanize } from '../../../lib/format';
import { usePortfolio, useResults, useRollout, type Canary, type NamedRow, type Results } from '../api';
import { useExperimentAction } from '../useExperimentAction';

const H = 240;

/** A metric value in its unit: rates as percents, latency in ms, cost in USD, scores as points. */
export function formatMetric(metric: string, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (metric === 'success_rate' || metric === 'error_rate' || metric === 'latency_p90') return formatPct(value * 100, 2);
  if (metric === 'latency_ms') return `${Math.round(value)} ms`;
  if (metric === 'cost_usd') return `$${value.toFixed(4)}`;
  return value.toFixed(1);
}

/** p-values: 4 significant digits, tiny ones in scientific notation. */
export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined) return '—';
  return p < 0.0001 ? p.toExponential(1) : p.toFixed(4);
}

export function formatLift(lift: number | null | undefined): string {
  if (lift === null || lift === undefined) return '—';
  return `${lift >= 0 ? '+' : ''}${(lift * 100).toFixed(1)} %`;
}

/** 9.1: every experiment with its status, lift, p-value and sample progress; selecting one shows its results. */
export function Portfolio({ selected, onSelect }: { selected: string | null; onSelect: (id: string) => void }) {
  const query = usePortfolio();
  const action = useExperimentAction();
  const [confirm, setConfirm] = useState<{ kind: 'start' | 'pause' | 'stop'; id: string; name: string } | null>(null);
  return (
    <ChartCard title="Experiment Portfolio" number="9.1" className="card--wide" query={query} height={H}
      subtitle="Every A/B test: status, best treatment's lift and (Holm-adjusted) p-value, and how far the smallest arm is from its minimum sample."
      emptyReason={(d) => (d.experiments.length === 0 ? 'No experiment yet. Create one with the wizard.' : null)}>
      {(d) => (
        <>
          <table className="table table--compact" aria-label="Experiments">
            <thead>
              <tr><th>Experiment</th><th>Agent</th><th>Status</th><th>Metric</th><th>Lift</th><th>p</th><th>Sample</th><th>Actions</th></tr>
            </thead>
            <tbody>
              {d.experiments.map((e) => {
                const smallest = e.sample_progress.reduce((m, p) => Math.min(m, p.pct), 100);
                return (
                  <tr key={e.experiment_id} data-experiment-id={e.experiment_id} className={e.experiment_id === selected ? 'exp-row--selected' : undefined}>
                    <td><button type="button" className="btn--link" onClick={() => onSelect(e.experiment_id)}>{e.name}</button>
                      {e.srm_mismatch && <span className="exp-chip exp-chip--fail" title="Sample ratio mismatch">SRM</span>}</td>
                    <td>{e.agent_id}</td>
                    <td>{humanize(e.status)}{e.decision ? ` · ${humanize(e.decision)}` : ''}</td>
                    <td>{humanize(e.primary_metric)}</td>
                    <td>{formatLift(e.latest?.lift)}</td>
                    <td>{formatP(e.latest?.p_adjusted)}{e.latest?.significant ? ' ✓' : ''}</td>
                    <td>{formatPct(smallest, 0)}</td>
                    <td className="exp-actions">
                      {action.allowed && (e.status === 'draft' || e.status === 'paused') && (
                        <button type="button" className="btn" onClick={() => setConfirm({ kind: 'start', id: e.experiment_id, name: e.name })}>Start</button>)}
                      {action.allowed && e.status === 'running' && (
                        <button type="button" className="btn" onClick={() => setConfirm({ kind: 'pause', id: e.experiment_id, name: e.name })}>Pause</button>)}
                      {action.allowed && (e.status === 'running' || e.status === 'paused') && (
                        <button type="button" className="btn" onClick={() => setConfirm({ kind: 'stop', id: e.experiment_id, name: e.name })}>Stop</button>)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <ConfirmDialog open={confirm !== null} title={confirm ? `${humanize(confirm.kind)} "${confirm.name}"?` : ''}
            confirmLabel={confirm ? humanize(confirm.kind) : ''} pendingLabel="Working…" pending={action.pending !== null}
            onCancel={() => setConfirm(null)}
            onConfirm={async () => {
              if (confirm) await action.run({ kind: confirm.kind, experimentId: confirm.id });
              setConfirm(null);
            }}>
            {confirm?.kind === 'start' ? 'Agents read the split from their configuration at once and start assigning users.'
              : confirm?.kind === 'pause' ? 'Agents stop assigning users to the treatment until it is started again.'
                : 'The experiment stops collecting; its results stay.'} Recorded in the audit trail, with undo.
          </ConfirmDialog>
        </>
      )}
    </ChartCard>
  );
}

/** The selected experiment's results: SRM banner, 9.2–9.5 and the winner actions. */
export function ExperimentResults({ id }: { id: string | null }) {
  const query = useResults(id);
  if (id === null) return null;
  return (
    <>
      {query.data?.srm.mismatch && (
        <div className="exp-banner card--wide" role="alert" data-testid="srm-banner">
          <strong>Sample ratio mismatch</strong> in “{query.data.experiment.name}”: the arms received traffic out of
          proportion to the planned split (χ² p = {formatP(query.data.srm.p_value)} &lt; 0.001). The assignment is broken,
          so its results cannot be trusted and no winner can be declared until it is fixed.
        </div>
      )}
      <VariantComparison query={query} />
      <Significance query={query} />
      <Cumulative query={query} />
      <SampleProgress query={query} />
    </>
  );
}

type ResultsQuery = ReturnType<typeof useResults>;

/** 9.2: the primary metric per variant, plus the guardrail comparisons. */
function VariantComparison({ query }: { query: ResultsQuery }) {
  const ax = useAxisProps();
  const action = useExperimentAction();
  const [winner, setWinner] = useState<string | null>(null);
  const [promote, setPromote] = useState(false);
  return (
    <ChartCard title="Variant Comparison" number="9.2" query={query} height={H}
      subtitle="The primary metric per arm; guardrails are tested one-sided for harm."
      emptyReason={(d) => (d.primary.length === 0 ? 'No results yet: results are computed every 5 minutes once the experiment runs.' : null)}
      actions={null}>
      {(d) => {
        const metric = d.experiment.primary_metric;
        const control = d.primary[0];
        const bars = [
          { name: control?.control_key ?? 'control', value: control?.control_value ?? null, n: control?.control_n ?? 0 },
          ...d.primary.map((r) => ({ name: r.variant_key ?? r.variant_id, value: r.treatment_value, n: r.treatment_n })),
        ];
        return (
          <>
            <ChartFrame height={H - 90}>
              <BarChart data={bars}>
                <CartesianGrid {...ax.grid} />
                <XAxis dataKey="name" {...ax.axis} />
                <YAxis {...ax.axis} tickFormatter={(v: number) => formatMetric(metric, v)} width={70} />
                <Tooltip {...ax.tooltip} formatter={(v) => formatMetric(metric, Number(v))} />
                <Bar dataKey="value" name={humanize(metric)} fill={ax.series[0]} />
              </BarChart>
            </ChartFrame>
            <table className="table table--compact" aria-label="Guardrails">
              <thead><tr><th>Arm</th><th>Guardrail</th><th>Control</th><th>Treatment</th><th>Harm p</th></tr></thead>
              <tbody>
                {d.guardrails.map((g) => (
                  <tr key={`${g.variant_id}-${g.metric}`}>
                    <td>{g.variant_key}</td><td>{humanize(g.metric)}</td>
                    <td>{formatMetric(g.metric, g.control_value)}</td><td>{formatMetric(g.metric, g.treatment_value)}</td>
                    <td>{formatP(g.p_value)}{g.harm ? ' ✗ harm' : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {action.allowed && ['running', 'paused', 'stopped'].includes(d.experiment.status) && (
              <div className="exp-actions">
                {d.experiment.variants.map((v) => (
                  <button key={v.variant_id} type="button" className="btn" onClick={() => setWinner(v.key)}>Declare {v.key} winner</button>
                ))}
              </div>
            )}
            {action.allowed && d.experiment.winner_variant_id && !d.experiment.promoted_at && (
              <button type="button" className="btn btn--primary" onClick={() => setPromote(true)}>Promote winner</button>
            )}
            <ConfirmDialog open={winner !== null} title={`Declare ${winner ?? ''} the winner?`} confirmLabel="Declare winner"
              pendingLabel="Declaring…" pending={action.pending === 'declare_winner'} onCancel={() => setWinner(null)}
              onConfirm={async () => {
                if (winner) await action.run({ kind: 'declare_winner', experimentId: d.experiment.experiment_id, variant: winner });
                setWinner(null);
              }}>
              {d.readiness.can_declare
                ? `Every arm has its minimum sample and the split is healthy${d.readiness.guardrails_ok ? '' : ', but a guardrail shows harm'}. The experiment completes.`
                : 'The server will refuse: an arm is below its minimum sample or the split is mismatched.'}
            </ConfirmDialog>
            <ConfirmDialog open={promote} title="Promote the winner?" confirmLabel="Promote" pendingLabel="Promoting…"
              pending={action.pending === 'promote'} onCancel={() => setPromote(false)}
              onConfirm={async () => {
                await action.run({ kind: 'promote', experimentId: d.experiment.experiment_id });
                setPromote(false);
              }}>
              The winner's overrides become a new configuration version of {d.experiment.agent_id}; undo restores the previous one.
            </ConfirmDialog>
          </>
        );
      }}
    </ChartCard>
  );
}

/** 9.3: each treatment's effect with its confidence interval and p-value. */
function Significance({ query }: { query: ResultsQuery }) {
  const ax = useAxisProps();
  return (
    <ChartCard title="Significance" number="9.3" query={query} height={H}
      subtitle="Difference from control with its 95 % interval; crossing 0 = not significant."
      emptyReason={(d) => (d.primary.every((r) => r.ci_low === null) ? 'No comparison yet.' : null)}>
      {(d) => {
        const metric = d.experiment.primary_metric;
        const rows = d.primary.filter((r) => r.ci_low !== null && r.ci_high !== null);
        const data = rows.map((r) => {
          const diff = (r.treatment_value ?? 0) - (r.control_value ?? 0);
          return { name: r.variant_key ?? r.variant_id, diff, err: [diff - (r.ci_low ?? diff), (r.ci_high ?? diff) - diff], row: r };
        });
        return (
          <>
            <ChartFrame height={H - 60}>
              <BarChart data={data} layout="vertical">
                <CartesianGrid {...ax.grid} />
                <XAxis type="number" {...ax.axis} tickFormatter={(v: number) => formatMetric(metric, v)} />
                <YAxis type="category" dataKey="name" {...ax.axis} width={80} />
                <Tooltip {...ax.tooltip} formatter={(v) => formatMetric(metric, Number(v))} />
                <ReferenceLine x={0} stroke={ax.series[3]} />
                <Bar dataKey="diff" name="Difference" fill={ax.series[1]}>
                  <ErrorBar dataKey="err" width={6} strokeWidth={2} direction="x" />
                </Bar>
              </BarChart>
            </ChartFrame>
            <p className="muted">
              {rows.map((r: NamedRow) => `${r.variant_key}: lift ${formatLift(r.lift)}, p ${formatP(r.p_adjusted)}${r.sequential ? ' (always-valid)' : ''}${r.significant ? ', significant' : ''}`).join(' · ')}
            </p>
          </>
        );
      }}
    </ChartCard>
  );
}

/** 9.4: the primary metric accumulated day by day per arm. */
function Cumulative({ query }: { query: ResultsQuery }) {
  const ax = useAxisProps();
  return (
    <ChartCard title="Cumulative Metric" number="9.4" query={query} height={H}
      subtitle="Each arm's primary metric over everything seen so far; lines settle as samples grow."
      emptyReason={(d: Results) => (d.cumulative.length === 0 ? 'No traffic tagged with this experiment yet.' : null)}>
      {(d) => (
        <ChartFrame height={H}>
          <LineChart data={d.cumulative.map((p) => ({ ...p, label: formatDateTime(String(p.day)) }))}>
            <CartesianGrid {...ax.grid} />
            <XAxis dataKey="label" {...ax.axis} />
            <YAxis {...ax.axis} tickFormatter={(v: number) => formatMetric(d.experiment.primary_metric, v)} width={70} domain={['auto', 'auto']} />
            <Tooltip {...ax.tooltip} formatter={(v) => formatMetric(d.experiment.primary_metric, Number(v))} />
            <Legend />
            {d.experiment.variants.map((v, i) => (
              <Line key={v.key} type="monotone" dataKey={v.key} name={v.name} stroke={ax.series[i % ax.series.length]} dot={false} connectNulls />
            ))}
          </LineChart>
        </ChartFrame>
      )}
    </ChartCard>
  );
}

/** 9.5: units per arm against the minimum sample. */
function SampleProgress({ query }: { query: ResultsQuery }) {
  const ax = useAxisProps();
  return (
    <ChartCard title="Sample-Size Progress" number="9.5" query={query} height={H}
      subtitle="Units per arm as a share of the minimum sample; no winner before 100 %."
      emptyReason={(d) => (d.sample_progress.length === 0 ? 'No arms.' : null)}>
      {(d) => (
        <ChartFrame height={H}>
          <BarChart data={d.sample_progress} layout="vertical">
            <CartesianGrid {...ax.grid} />
            <XAxis type="number" domain={[0, 100]} {...ax.axis} tickFormatter={(v: number) => `${v} %`} />
            <YAxis type="category" dataKey="variant_key" {...ax.axis} width={80} />
            <Tooltip {...ax.tooltip} formatter={(v, _n, item) => `${v} % (${formatInteger(Number(item.payload.n))} of ${formatInteger(Number(item.payload.target))})`} />
            <ReferenceLine x={100} stroke={ax.series[2]} />
            <Bar dataKey="pct" name="Progress" fill={ax.series[0]} />
          </BarChart>
        </ChartFrame>
      )}
    </ChartCard>
  );
}

/** 9.6: each canary's traffic step by step with every check's verdict. */
export function CanaryHistory() {
  const query = useRollout();
  const ax = useAxisProps();
  const action = useExperimentAction();
  const [abort, setAbort] = useState<Canary | null>(null);
  return (
    <ChartCard title="Canary Progression and History" number="9.6" className="card--wide" query={query} height={H}
      subtitle="Canary share of traffic at every check (pass advances, a failure counts toward the limit, no data is inconclusive)."
      emptyReason={(d) => (d.canaries.length === 0 ? 'No canary rollout yet (POST /api/v1/agents/{id}/canary).' : null)}>
      {(d) => (
        <>
          <ChartFrame height={H - 40}>
            <LineChart>
              <CartesianGrid {...ax.grid} />
              <XAxis dataKey="check" type="number" allowDecimals={false} {...ax.axis} label={{ value: 'check', position: 'insideBottomRight', offset: -2 }} />
              <YAxis domain={[0, 100]} {...ax.axis} tickFormatter={(v: number) => `${v} %`} />
              <Tooltip {...ax.tooltip} />
              <Legend />
              {d.canaries.slice(0, 6).map((c, i) => (
                <Line key={c.canary_id} data={[{ check: 0, weight: c.steps[0] }, ...c.runs.map((_r, j) => ({ check: j + 1, weight: weightAfter(c, j) }))]}
                  dataKey="weight" name={`${c.agent_id} → ${c.to_version} (${c.status})`} type="stepAfter" stroke={ax.series[i % ax.series.length]} dot />
              ))}
            </LineChart>
          </ChartFrame>
          <table className="table table--compact" aria-label="Canaries">
            <thead><tr><th>Agent</th><th>Version</th><th>Status</th><th>Steps</th><th>Checks</th><th>Failures</th><th /></tr></thead>
            <tbody>
              {d.canaries.map((c) => (
                <tr key={c.canary_id} data-canary-status={c.status}>
                  <td>{c.agent_id}</td>
                  <td>{c.from_version ?? '—'} → {c.to_version}</td>
                  <td>{humanize(c.status)}{c.abort_reason ? `: ${c.abort_reason}` : ''}</td>
                  <td>{c.steps.map((s, i) => (i === c.step_index ? `[${s}]` : String(s))).join(' → ')}</td>
                  <td>{c.runs.map((r, i) => <span key={i} className={`exp-chip exp-chip--${r.verdict}`} title={`${r.outcome} at ${formatDateTime(r.checked_at)}`}>{r.verdict}</span>)}</td>
                  <td>{c.failures} / {c.failure_limit}</td>
                  <td>{action.allowed && (c.status === 'running' || c.status === 'paused') && (
                    <button type="button" className="btn" onClick={() => setAbort(c)}>Abort</button>)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <ConfirmDialog open={abort !== null} title={`Abort the canary of ${abort?.to_version ?? ''}?`} confirmLabel="Abort canary" tone="danger"
            pendingLabel="Aborting…" pending={action.pending === 'abort_canary'} onCancel={() => setAbort(null)}
            onConfirm={async () => {
              if (abort) await action.run({ kind: 'abort_canary', agentId: abort.agent_id, reason: 'aborted from the Experiments tab' });
              setAbort(null);
            }}>
            The canary's traffic goes to 0 % at once (a new configuration version of {abort?.agent_id}). Undo restores the step.
          </ConfirmDialog>
        </>
      )}
    </ChartCard>
  );
}

/** The canary's traffic after its j-th check: the step reached, 0 after an abort. */
function weightAfter(c: Canary, j: number): number {
  const run = c.runs[j]!;
  if (run.outcome === 'aborted') return 0;
  if (run.outcome === 'advanced') return c.steps[Math.min(run.step_index + 1, c.steps.length - 1)]!;
  if (run.outcome === 'promoted') return 100;
  return run.weight;
}

/** 9.7: every decision with its lift. */
export function WinnerHistory() {
  const query = useRollout();
  return (
    <ChartCard title="Winner History" number="9.7" query={query} height={H}
      subtitle="Declared winners (and no-difference decisions) with their measured lift."
      emptyReason={(d) => (d.winners.length === 0 ? 'No winner declared yet.' : null)}>
      {(d) => (
        <table className="table table--compact" aria-label="Winner history">
          <thead><tr><th>Experiment</th><th>Agent</th><th>Decision</th><th>Winner</th><th>Lift</th><th>Declared</th><th>Promoted</th></tr></thead>
          <tbody>
            {d.winners.map((w) => (
              <tr key={w.experiment_id}>
                <td>{w.name}</td><td>{w.agent_id}</td><td>{humanize(w.decision)}</td><td>{w.winner_name ?? '—'}</td>
                <td>{formatLift(w.lift)} {humanize(w.primary_metric)}</td>
                <td>{w.declared_at ? formatDateTime(w.declared_at) : '—'}</td>
                <td>{w.promoted_at ? formatDateTime(w.promoted_at) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ChartCard>
  );
}
