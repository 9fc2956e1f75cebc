import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { EmptyState, Modal, Skeleton, describeError } from '../../../components';
import { formatDuration, formatFullDateTime, formatInteger, formatScore, formatUsd, humanize } from '../../../lib/format';
import { agentPath } from '../../agents';
import { useTrace, type TraceDetail } from '../api';
import { toWaterfall } from '../lib/waterfall';

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `dd-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section className="dd-section" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="dd-field">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Metadata({ t }: { t: TraceDetail }) {
  return (
    <Section title="Request metadata">
      <dl className="dd-grid">
        <Field label="Trace">{t.trace_id}</Field>
        <Field label="Time">{formatFullDateTime(t.timestamp)}</Field>
        <Field label="Agent">
          <Link to={agentPath(t.agent_id)} data-testid="drilldown-agent-link" title="Open this agent: control state, actions and metrics">
            {t.agent_name ? `${t.agent_name} (${t.agent_id})` : t.agent_id}
          </Link>
        </Field>
        <Field label="Status"><span className={`badge badge--${t.status === 'success' ? 'met' : 'breached'}`}>{t.status}</span></Field>
        <Field label="Latency">{formatDuration(t.latency_ms)}</Field>
        <Field label="Department">{humanize(t.department_code ?? t.department)}</Field>
        <Field label="Environment">{t.environment ?? '—'}</Field>
        <Field label="Version">{t.version ?? '—'}{t.agent_version ? ` (agent ${t.agent_version})` : ''}</Field>
        <Field label="Model">{t.model ?? '—'}{t.model_provider ? ` · ${t.model_provider}` : ''}</Field>
        <Field label="Intent">{humanize(t.intent_category)}</Field>
        <Field label="User">{t.user_id ?? '—'}{t.user_segment ? ` (${humanize(t.user_segment)})` : ''}</Field>
        <Field label="Session">{t.session_id ?? '—'}</Field>
      </dl>
      {t.error && <p className="dd-error" role="note"><strong>Error:</strong> {t.error}</p>}
      {(t.input || t.output) && (
        <div className="dd-io">
          {t.input && <div><h4>Input</h4><pre>{t.input}</pre></div>}
          {t.output && <div><h4>Output</h4><pre>{t.output}</pre></div>}
        </div>
      )}
    </Section>
  );
}

function Timeline({ t }: { t: TraceDetail }) {
  const { rows, totalMs } = toWaterfall(t.spans ?? []);
  return (
    <>
      <Section title="Timeline">
        {rows.length === 0 ? (
          <EmptyState>This trace was recorded without spans, so there is no step timeline.</EmptyState>
        ) : (
          <div className="waterfall" role="table" aria-label={`Span timeline, ${formatDuration(totalMs)} in total`}>
            {rows.map((r) => (
              <div key={r.span.span_id} className="waterfall__row" role="row">
                <span className="waterfall__name" role="rowheader" style={{ paddingLeft: r.depth * 14 }}>
                  <span className={`span-type span-type--${r.span.span_type ?? 'other'}`}>{r.span.span_type ?? 'span'}</span> {r.span.name}
                </span>
                <span className="waterfall__track" role="cell" aria-label={`starts at ${formatDuration(r.offsetMs)}, takes ${formatDuration(r.durationMs)}`}>
                  <span className={`waterfall__bar${r.span.status && r.span.status !== 'success' && r.span.status !== 'ok' ? ' waterfall__bar--error' : ''}`} style={{ left: `${r.leftPct}%`, width: `${r.widthPct}%` }} />
                </span>
                <span className="waterfall__dur" role="cell">{formatDuration(r.durationMs)}</span>
              </div>
            ))}
          </div>
        )}
      </Section>
      <Section title="Step details">
        {rows.length === 0 ? (
          <EmptyState>No steps to detail: the agent sent this trace as a single call.</EmptyState>
        ) : (
          <table className="table table--compact">
            <thead>
              <tr><th scope="col">Step</th><th scope="col">Type</th><th scope="col">Model</th><th scope="col">Tokens in/out</th><th scope="col">Cost</th><th scope="col">Latency</th><th scope="col">Status</th></tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.span.span_id}>
                  <td>{r.span.name}</td>
                  <td>{r.span.span_type ?? '—'}</td>
                  <td>{r.span.model ?? '—'}</td>
                  <td>{formatInteger(r.span.tokens_input)} / {formatInteger(r.span.tokens_output)}</td>
                  <td>{formatUsd(r.span.cost_usd)}</td>
                  <td>{formatDuration(r.durationMs)}</td>
                  <td>{r.span.status ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </>
  );
}

function Costs({ t }: { t: TraceDetail }) {
  return (
    <Section title="Costs">
      <dl className="dd-grid">
        <Field label="Cost">{formatUsd(t.cost_usd)}</Field>
        <Field label="Tokens in">{formatInteger(t.tokens_input)}</Field>
        <Field label="Tokens out">{formatInteger(t.tokens_output)}</Field>
        <Field label="Tokens total">{formatInteger(t.tokens_total)}</Field>
        {t.sample_rate != null && t.sample_rate > 1 && <Field label="Represents">{formatInteger(t.sample_rate)} requests (sampled)</Field>}
        {t.costs?.spans_cost_usd != null && <Field label="Cost of steps">{formatUsd(t.costs.spans_cost_usd)}</Field>}
      </dl>
      {t.costs?.by_model && Object.keys(t.costs.by_model).length > 0 && (
        <table className="table table--compact">
          <thead><tr><th scope="col">Model</th><th scope="col">Cost</th></tr></thead>
          <tbody>
            {Object.entries(t.costs.by_model).map(([model, cost]) => (
              <tr key={model}><th scope="row">{model}</th><td className="num">{formatUsd(cost)}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

function Quality({ t }: { t: TraceDetail }) {
  const evals = t.evaluations ?? [];
  return (
    <Section title="Quality scores">
      {evals.length === 0 ? (
        <EmptyState>{t.notes?.scores ? `No quality scores: ${t.notes.scores}.` : 'This trace has not been evaluated yet: quality scores appear once the evaluation service scores it.'}</EmptyState>
      ) : (
        <ul className="dd-list">
          {evals.map((e, i) => (
            <li key={i}>
              <strong>{formatScore(e.overall_score)}</strong> {e.quality_band && <span className="badge">{e.quality_band}</span>}{' '}
              {e.rubric_name ?? 'Rubric'} {e.rubric_version != null ? `v${e.rubric_version}` : ''} · {e.evaluator ?? 'evaluator'}
              {e.reasoning && <p className="muted">{e.reasoning}</p>}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function Violations({ t }: { t: TraceDetail }) {
  const list = t.violations ?? [];
  return (
    <Section title="Violations">
      {list.length === 0 ? (
        <EmptyState>{t.notes?.violations ? `No violations shown: ${t.notes.violations}.` : 'No guardrail violation was recorded for this trace.'}</EmptyState>
      ) : (
        <ul className="dd-list">
          {list.map((v, i) => (
            <li key={i}>
              <span className={`badge badge--sev-${v.severity ?? 'unknown'}`}>{v.severity ?? 'n/a'}</span> {humanize(v.violation_type)}
              {v.action_taken ? ` · ${v.action_taken}` : ''}{v.policy_name ? ` · ${v.policy_name}` : ''}
              {v.is_false_positive ? ' · marked false positive' : ''}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

/** One trace: request metadata, timeline, step details, costs, quality scores, violations. */
export function DrilldownModal({ traceId, onClose }: { traceId: string; onClose: () => void }) {
  const query = useTrace(traceId);
  return (
    <Modal title={`Trace ${traceId}`} onClose={onClose} wide>
      {query.isPending && <Skeleton height={420} label="Loading trace" />}
      {query.isError && (
        <div className="state state--error" role="alert">
          <p>{describeError(query.error)}</p>
          <button type="button" className="btn" onClick={() => void query.refetch()}>Retry</button>
        </div>
      )}
      {query.data && (
        <div className="drilldown" data-testid="drilldown">
          <Metadata t={query.data} />
          <Timeline t={query.data} />
          <Costs t={query.data} />
          <Quality t={query.data} />
          <Violations t={query.data} />
        </div>
      )}
    </Modal>
  );
}
