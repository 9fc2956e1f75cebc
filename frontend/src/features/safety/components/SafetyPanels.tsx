import { useState } from 'react';
import { ChartCard, ConfirmDialog } from '../../../components';
import { formatDateTime, formatInteger, humanize } from '../../../lib/format';
import { useFilters } from '../../filters';
import { createPolicy, markFalsePositive, quarantineAgent, runCheck, setPolicyMode, usePolicies, useTopAgents, useViolations, type CheckResult, type Mode, type Policy, type TopAgent, type Violation } from '../api';
import { useSafetyAction } from '../useSafetyAction';

const MODES: Mode[] = ['monitor', 'redact', 'block'];
const TYPES = ['pii', 'secret', 'prompt_injection', 'toxicity'];

/** The policy editor: every policy with its mode (a change is confirmed, recorded and undoable) and a form for a new one. */
export function PolicyEditor() {
  const query = usePolicies();
  const action = useSafetyAction('admin');
  const [pendingMode, setPendingMode] = useState<{ policy: Policy; mode: Mode } | null>(null);
  const [name, setName] = useState('');
  const [type, setType] = useState('pii');
  const [mode, setMode] = useState<Mode>('monitor');
  return (
    <ChartCard title="Guardrail Policies" query={query} height={200}
      subtitle={action.allowed ? 'Changes are recorded in the audit trail and can be undone.' : 'Only admins change policies.'}>
      {(policies) => (
        <>
          {policies.length === 0 ? <p>No policies yet: nothing is checked until one exists.</p> : (
            <div className="table-wrap">
              <table className="table table--compact" aria-label="Guardrail policies">
                <thead><tr><th scope="col">Policy</th><th scope="col">Type</th><th scope="col">Scope</th><th scope="col">Mode</th><th scope="col">Version</th></tr></thead>
                <tbody>
                  {policies.map((p) => (
                    <tr key={p.id} data-policy={p.name}>
                      <th scope="row">{p.name}{p.is_active ? '' : ' (disabled)'}</th>
                      <td>{humanize(p.policy_type)}</td>
                      <td>{scopeLabel(p)}</td>
                      <td>
                        <select aria-label={`Mode of ${p.name}`} value={p.enforcement_mode} disabled={!action.allowed || action.pending}
                          onChange={(e) => setPendingMode({ policy: p, mode: e.target.value as Mode })}>
                          {MODES.map((m) => <option key={m} value={m}>{m}</option>)}
                        </select>
                      </td>
                      <td>v{p.version}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {action.allowed && (
            <form className="inline-form" aria-label="New policy" onSubmit={(e) => {
              e.preventDefault();
              if (!name.trim()) return;
              void action.run({ done: `Policy ${name} created`, verb: `create policy ${name}`, call: (key) => createPolicy({ name: name.trim(), policy_type: type, enforcement_mode: mode }, key) })
                .then((ok) => ok && setName(''));
            }}>
              <input aria-label="Policy name" placeholder="New policy name" value={name} maxLength={128} onChange={(e) => setName(e.target.value)} />
              <select aria-label="Policy type" value={type} onChange={(e) => setType(e.target.value)}>{TYPES.map((t) => <option key={t} value={t}>{humanize(t)}</option>)}</select>
              <select aria-label="Policy mode" value={mode} onChange={(e) => setMode(e.target.value as Mode)}>{MODES.map((m) => <option key={m} value={m}>{m}</option>)}</select>
              <button type="submit" className="btn" disabled={action.pending || !name.trim()}>Create policy</button>
            </form>
          )}
          <ConfirmDialog open={pendingMode !== null} title={pendingMode ? `Set ${pendingMode.policy.name} to ${pendingMode.mode}?` : ''}
            confirmLabel={pendingMode ? `Set to ${pendingMode.mode}` : 'Confirm'} pendingLabel="Saving…" pending={action.pending}
            tone={pendingMode?.mode === 'block' ? 'danger' : 'default'}
            onCancel={() => setPendingMode(null)}
            onConfirm={() => {
              const change = pendingMode!;
              void action.run({
                done: `${change.policy.name} set to ${change.mode}`,
                verb: `set ${change.policy.name} to ${change.mode}`,
                call: (key) => setPolicyMode(change.policy.id, change.mode, 'changed in the Safety tab', key),
              }).then(() => setPendingMode(null));
            }}>
            {pendingMode && <p>Every agent in the policy's scope is checked in {pendingMode.mode} mode within 2 seconds ({modeEffect(pendingMode.mode)}). You can undo it from the notice that follows or from the audit trail.</p>}
          </ConfirmDialog>
        </>
      )}
    </ChartCard>
  );
}

function scopeLabel(p: Policy): string {
  const parts = [
    p.scope.departments.length ? `departments: ${p.scope.departments.join(', ')}` : null,
    p.scope.agents.length ? `${p.scope.agents.length} agent(s)` : null,
    p.scope.environments.length ? `env: ${p.scope.environments.join(', ')}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'all agents';
}

function modeEffect(mode: Mode): string {
  if (mode === 'block') return 'texts with a finding are refused';
  if (mode === 'redact') return 'findings are replaced by placeholders such as <EMAIL_1>';
  return 'findings are only recorded';
}

/** The "try it" box: runs the inline check on pasted text, as an agent would call it. */
export function TryIt() {
  const [agentId, setAgentId] = useState('support-agent-1');
  const [text, setText] = useState('');
  const [result, setResult] = useState<CheckResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <section className="card" aria-labelledby="try-it-title" data-testid="try-it">
      <h2 id="try-it-title" className="card__title">Try the check</h2>
      <form onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        runCheck(agentId, text).then(setResult, (err: unknown) => setError(err instanceof Error ? err.message : 'The check failed.')).finally(() => setBusy(false));
      }}>
        <label>Agent <input value={agentId} onChange={(e) => setAgentId(e.target.value)} aria-label="Agent id" /></label>
        <textarea aria-label="Text to check" rows={4} value={text} onChange={(e) => setText(e.target.value)} placeholder="Paste a prompt or an answer, e.g. my card is 4111 1111 1111 1111" style={{ width: '100%' }} />
        <button type="submit" className="btn" disabled={busy || !text}>Run check</button>
      </form>
      {error && <p role="alert">{error}</p>}
      {result && (
        <div aria-live="polite" data-testid="check-result">
          <p><strong className={`decision decision--${result.decision}`}>Decision: {result.decision}</strong>{result.quarantined ? ' (agent quarantined)' : ''}{result.scan_complete ? '' : ' (text not scanned whole)'} · {result.latency_ms} ms</p>
          {result.redacted_text && <p>Redacted: <code>{result.redacted_text}</code></p>}
          {result.findings.length > 0 ? (
            <ul>{result.findings.map((f, i) => <li key={i}>{humanize(f.type)} ({f.entity}) at {f.start}–{f.end}: {f.action}</li>)}</ul>
          ) : <p>No finding covered by a policy.</p>}
        </div>
      )}
    </section>
  );
}

/** Chart 6.6: the agents with most violations, each with a confirmed, undoable quarantine. */
export function TopOffenders() {
  const { apiParams } = useFilters();
  const query = useTopAgents({ ...apiParams, limit: 10 });
  const action = useSafetyAction('operator');
  const [target, setTarget] = useState<TopAgent | null>(null);
  return (
    <ChartCard title="Top Offending Agents" number="6.6" query={query} height={200}
      emptyReason={(rows) => (rows.length === 0 ? 'No violations in this range with these filters.' : null)}>
      {(rows) => (
        <>
          <div className="table-wrap">
            <table className="table table--compact" aria-label="Top offending agents">
              <thead><tr><th scope="col">Agent</th><th scope="col">Department</th><th scope="col">Violations</th><th scope="col">Critical</th><th scope="col">Most common</th><th scope="col"><span className="sr-only">Action</span></th></tr></thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.agent_id}>
                    <th scope="row">{r.agent_id}</th>
                    <td>{humanize(r.department)}</td>
                    <td>{formatInteger(r.violations)}</td>
                    <td>{formatInteger(r.critical)}</td>
                    <td>{humanize(r.top_type)}</td>
                    <td>{r.quarantined ? 'Quarantined' : (
                      <button type="button" className="btn btn--small" disabled={!action.allowed || action.pending} onClick={() => setTarget(r)}>Quarantine</button>
                    )}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ConfirmDialog open={target !== null} title={target ? `Quarantine ${target.agent_id}?` : ''} confirmLabel="Quarantine" pendingLabel="Quarantining…"
            pending={action.pending} tone="danger" onCancel={() => setTarget(null)}
            onConfirm={() => {
              const agent = target!;
              void action.run({ done: `${agent.agent_id} quarantined`, verb: `quarantine ${agent.agent_id}`, call: (key) => quarantineAgent(agent.agent_id, key) })
                .then(() => setTarget(null));
            }}>
            <p>Every guardrail check of this agent will answer block, and its configuration will say quarantined, until it is released. You can undo it from the notice that follows.</p>
          </ConfirmDialog>
        </>
      )}
    </ChartCard>
  );
}

/** The latest violations with their redacted excerpts; a reviewer marks false positives (undoable). */
export function RecentViolations() {
  const { apiParams } = useFilters();
  const query = useViolations({ ...apiParams, limit: 20 });
  const action = useSafetyAction('operator');
  return (
    <ChartCard title="Recent Violations" query={query} height={200}
      emptyReason={(rows) => (rows.length === 0 ? 'No violations in this range with these filters.' : null)}>
      {(rows: Violation[]) => (
        <div className="table-wrap">
          <table className="table table--compact" aria-label="Recent violations">
            <thead><tr><th scope="col">When</th><th scope="col">Agent</th><th scope="col">Type</th><th scope="col">Severity</th><th scope="col">Action</th><th scope="col">Excerpt (redacted)</th><th scope="col"><span className="sr-only">Review</span></th></tr></thead>
            <tbody>
              {rows.map((v) => (
                <tr key={v.id}>
                  <td>{formatDateTime(v.detected_at)}</td>
                  <td>{v.agent_id}</td>
                  <td>{humanize(v.violation_type)}</td>
                  <td>{v.severity}</td>
                  <td>{v.action_taken}</td>
                  <td><code>{v.excerpt}</code></td>
                  <td>{v.is_false_positive ? 'False positive' : (
                    <button type="button" className="btn btn--small" disabled={!action.allowed || action.pending}
                      onClick={() => void action.run({ done: 'Marked as a false positive', verb: 'mark the violation', call: (key) => markFalsePositive(v.id, key) })}>
                      False positive
                    </button>
                  )}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ChartCard>
  );
}
