import { useState } from 'react';
import { ChartCard, ConfirmDialog, Modal } from '../../../components';
import { formatDateTime, formatInteger, formatPct, humanize } from '../../../lib/format';
import { useFilterOptions } from '../../filters';
import { useBackfills, useRubrics, useRules, type Backfill, type EvaluatorRule, type RuleDraft } from '../api';
import { useQualityAction, useQualityRoles } from '../useQualityAction';

const WINDOWS = [
  { label: 'last 24 hours', hours: 24 },
  { label: 'last 3 days', hours: 72 },
  { label: 'last 7 days', hours: 168 },
] as const;

/** Why a draft rule cannot be sent yet, or null (the server checks the same rules). */
export function ruleProblem(d: { name: string; rubricId: string; rate: string; cap: string; evaluator: string }): string | null {
  if (!d.name.trim()) return 'Give the rule a name.';
  if (!d.rubricId) return 'Choose the rubric it scores with.';
  const rate = Number(d.rate);
  if (d.rate.trim() === '' || !(rate >= 0 && rate <= 100)) return 'The sampling rate is a percentage from 0 to 100.';
  if (d.evaluator === 'llm_judge' && d.cap.trim() !== '' && !(Number(d.cap) >= 0)) return 'The daily cap is a non-negative USD amount.';
  return null;
}

/** One line describing what a rule scores. */
export function ruleScope(r: Pick<EvaluatorRule, 'departments' | 'environments' | 'agent_ids' | 'versions' | 'intents'>): string {
  const parts = [
    r.departments.map(humanize).join(', '),
    r.environments.join(', '),
    r.agent_ids.join(', '),
    r.versions.join(', '),
    r.intents.map(humanize).join(', '),
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'every trace';
}

/** The window a backfill button covers, ending at the current hour's start (whole hours). */
export function backfillWindow(hours: number, now: Date = new Date()): { from: string; to: string } {
  const to = new Date(now);
  to.setUTCMinutes(0, 0, 0);
  return { from: new Date(to.getTime() - hours * 3_600_000).toISOString(), to: to.toISOString() };
}

function CreateRuleModal({ onClose }: { onClose: () => void }) {
  const action = useQualityAction();
  const rubrics = useRubrics();
  const { departments } = useFilterOptions();
  const [name, setName] = useState('');
  const [rubricId, setRubricId] = useState('');
  const [evaluator, setEvaluator] = useState<'heuristic' | 'llm_judge'>('heuristic');
  const [rate, setRate] = useState('10');
  const [cap, setCap] = useState('');
  const [scope, setScope] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const problem = ruleProblem({ name, rubricId, rate, cap, evaluator });
  const rule: RuleDraft = {
    name: name.trim(), rubric_id: rubricId, evaluator, departments: scope, environments: [],
    sampling_rate: Number(rate) / 100, daily_cost_cap_usd: evaluator === 'llm_judge' && cap.trim() !== '' ? Number(cap) : null, enabled: true,
  };
  return (
    <Modal title="New evaluator rule" onClose={onClose}>
      <form className="quality-form" onSubmit={(e) => { e.preventDefault(); if (!problem) setConfirming(true); }}>
        <label>Name <input className="input" value={name} onChange={(e) => setName(e.target.value)} /></label>
        <label>Rubric
          <select className="input" value={rubricId} onChange={(e) => setRubricId(e.target.value)}>
            <option value="">Choose…</option>
            {(rubrics.data ?? []).map((r) => <option key={r.rubric_id} value={r.rubric_id}>{r.name}</option>)}
          </select>
        </label>
        <label>Evaluator
          <select className="input" value={evaluator} onChange={(e) => setEvaluator(e.target.value as 'heuristic' | 'llm_judge')}>
            <option value="heuristic">Heuristic (offline, free)</option>
            <option value="llm_judge">LLM judge</option>
          </select>
        </label>
        <label>Sampling rate % <input className="input" type="number" min={0} max={100} step="any" value={rate} onChange={(e) => setRate(e.target.value)} /></label>
        {evaluator === 'llm_judge' && <label>Daily cap USD <input className="input" type="number" min={0} step="any" value={cap} onChange={(e) => setCap(e.target.value)} /></label>}
        <fieldset>
          <legend>Departments (none = every department)</legend>
          {(departments.data ?? []).map((d) => (
            <label key={d.value} className="quality-form__check">
              <input type="checkbox" checked={scope.includes(d.value)} onChange={(e) => setScope(e.target.checked ? [...scope, d.value] : scope.filter((s) => s !== d.value))} /> {d.label}
            </label>
          ))}
        </fieldset>
        {problem && <p className="quality-form__problem" role="status">{problem}</p>}
        <div className="confirm__actions">
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn--primary" disabled={problem !== null}>Create…</button>
        </div>
      </form>
      <ConfirmDialog open={confirming} title={`Create rule "${rule.name}"?`} confirmLabel="Create rule" pendingLabel="Creating…"
        pending={action.pending === 'create_rule'} onCancel={() => setConfirming(false)}
        onConfirm={async () => {
          const ok = await action.run({ kind: 'create_rule', rule });
          setConfirming(false);
          if (ok) onClose();
        }}>
        The {humanize(evaluator)} evaluator scores {formatPct(Number(rate))} of new traces of {scope.length ? scope.map(humanize).join(', ') : 'every department'} from now on
        (the same traces as any other rule at that rate). Recorded in the audit trail; undo deletes the rule.
      </ConfirmDialog>
    </Modal>
  );
}

function BackfillModal({ rule, onClose }: { rule: EvaluatorRule; onClose: () => void }) {
  const action = useQualityAction();
  const [hours, setHours] = useState<number>(24);
  const [rate, setRate] = useState('200');
  const [confirming, setConfirming] = useState(false);
  const window = backfillWindow(hours);
  const rateOk = Number(rate) >= 1 && Number(rate) <= 2000;
  return (
    <Modal title={`Backfill ${rule.name}`} onClose={onClose}>
      <div className="quality-form">
        <label>Window
          <select className="input" value={hours} onChange={(e) => setHours(Number(e.target.value))}>
            {WINDOWS.map((w) => <option key={w.hours} value={w.hours}>{w.label}</option>)}
          </select>
        </label>
        <label>Traces per second at most <input className="input" type="number" min={1} max={2000} value={rate} onChange={(e) => setRate(e.target.value)} /></label>
        {!rateOk && <p className="quality-form__problem" role="status">The rate is 1 to 2000 traces per second.</p>}
        <div className="confirm__actions">
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="button" className="btn btn--primary" disabled={!rateOk} onClick={() => setConfirming(true)}>Backfill…</button>
        </div>
      </div>
      <ConfirmDialog open={confirming} title={`Backfill ${rule.name}?`} confirmLabel="Start backfill" pendingLabel="Starting…"
        pending={action.pending === 'start_backfill'} onCancel={() => setConfirming(false)}
        onConfirm={async () => {
          const ok = await action.run({ kind: 'start_backfill', ruleId: rule.rule_id, ...window, ratePerSecond: Number(rate) });
          setConfirming(false);
          if (ok) onClose();
        }}>
        Scores {formatPct(rule.sampling_rate * 100)} of the traces from {formatDateTime(window.from)} to {formatDateTime(window.to)} with {rule.rubric_name},
        at most {rate} traces a second. Traces already scored are skipped. You can cancel it; undo deletes what it wrote.
      </ConfirmDialog>
    </Modal>
  );
}

function BackfillRow({ run, canManage, onCancel }: { run: Backfill; canManage: boolean; onCancel: (b: Backfill) => void }) {
  const active = run.status === 'queued' || run.status === 'running';
  return (
    <tr data-testid="backfill-row">
      <th scope="row">{run.rule_name ?? run.rule_id}</th>
      <td>{formatDateTime(run.from)} – {formatDateTime(run.to)}</td>
      <td>{humanize(run.status)}{run.error ? ` (${run.error})` : ''}</td>
      <td>
        <progress max={100} value={run.progress_pct ?? 0} aria-label={`Progress of backfill ${run.backfill_id}`} />{' '}
        {formatPct(run.progress_pct)}
      </td>
      <td className="num">{formatInteger(run.processed_traces)} / {formatInteger(run.total_traces)}</td>
      <td className="num">{formatInteger(run.written_count)}</td>
      <td>{active && <button type="button" className="btn btn--small" disabled={!canManage} onClick={() => onCancel(run)}>Cancel</button>}</td>
    </tr>
  );
}

/** Evaluator rules (which rubric scores which traces, at what rate) and their backfill runs. */
export function RulesPanel() {
  const query = useRules();
  const backfills = useBackfills();
  const { canManage } = useQualityRoles();
  const action = useQualityAction();
  const [creating, setCreating] = useState(false);
  const [toggling, setToggling] = useState<EvaluatorRule | null>(null);
  const [deleting, setDeleting] = useState<EvaluatorRule | null>(null);
  const [backfilling, setBackfilling] = useState<EvaluatorRule | null>(null);
  const [cancelling, setCancelling] = useState<Backfill | null>(null);
  const deny = canManage ? undefined : 'Changing evaluator rules needs the operator role or higher.';
  return (
    <>
      <ChartCard title="Evaluator Rules" className="card--wide" query={query} height={160}
        subtitle="Which rubric scores which traces, by which evaluator, at what sampling rate; backfill one over past traces."
        actions={<button type="button" className="btn btn--small btn--primary" disabled={!canManage} title={deny} onClick={() => setCreating(true)}>New rule</button>}
        emptyReason={(d) => (d.length === 0 ? 'No evaluator rule: nothing scores new traces. Create one.' : null)}>
        {(d) => (
          <table className="table table--compact" aria-label="Evaluator rules">
            <thead><tr><th scope="col">Rule</th><th scope="col">Rubric</th><th scope="col">Evaluator</th><th scope="col">Scores</th><th scope="col">Sample</th><th scope="col">State</th><th scope="col" /></tr></thead>
            <tbody>
              {d.map((r) => (
                <tr key={r.rule_id} data-testid="rule-row">
                  <th scope="row">{r.name}</th>
                  <td>{r.rubric_name}</td>
                  <td>{humanize(r.evaluator)}{r.daily_cost_cap_usd !== null ? ` (cap $${r.daily_cost_cap_usd}/day)` : ''}</td>
                  <td>{ruleScope(r)}</td>
                  <td className="num">{formatPct(r.sampling_rate * 100)}</td>
                  <td>{r.enabled ? 'Enabled' : 'Paused'}</td>
                  <td>
                    <button type="button" className="btn btn--small" disabled={!canManage} title={deny} onClick={() => setBackfilling(r)}>Backfill</button>{' '}
                    <button type="button" className="btn btn--small" disabled={!canManage} title={deny} onClick={() => setToggling(r)}>{r.enabled ? 'Pause' : 'Enable'}</button>{' '}
                    <button type="button" className="btn btn--small btn--danger" disabled={!canManage} title={deny} onClick={() => setDeleting(r)}>Delete</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ChartCard>
      <ChartCard title="Backfills" className="card--wide" query={backfills} height={120}
        subtitle="Rules run over past traces: progress is traces scanned of the window; written counts new scores only."
        emptyReason={(d) => (d.length === 0 ? 'No backfill yet: use Backfill on a rule to score past traces.' : null)}>
        {(d) => (
          <table className="table table--compact" aria-label="Backfills">
            <thead><tr><th scope="col">Rule</th><th scope="col">Window</th><th scope="col">Status</th><th scope="col">Progress</th><th scope="col">Scanned</th><th scope="col">Written</th><th scope="col" /></tr></thead>
            <tbody>{d.map((b) => <BackfillRow key={b.backfill_id} run={b} canManage={canManage} onCancel={setCancelling} />)}</tbody>
          </table>
        )}
      </ChartCard>
      {creating && <CreateRuleModal onClose={() => setCreating(false)} />}
      {backfilling && <BackfillModal rule={backfilling} onClose={() => setBackfilling(null)} />}
      <ConfirmDialog open={toggling !== null} title={`${toggling?.enabled ? 'Pause' : 'Enable'} ${toggling?.name ?? ''}?`}
        confirmLabel={toggling?.enabled ? 'Pause rule' : 'Enable rule'} pendingLabel="Saving…"
        pending={action.pending === 'set_rule_enabled'} onCancel={() => setToggling(null)}
        onConfirm={async () => {
          if (toggling) await action.run({ kind: 'set_rule_enabled', ruleId: toggling.rule_id, enabled: !toggling.enabled });
          setToggling(null);
        }}>
        {toggling?.enabled ? 'New traces stop being scored by this rule; past scores stay.' : 'New traces are scored by this rule again.'} Recorded in the audit trail and can be undone.
      </ConfirmDialog>
      <ConfirmDialog open={deleting !== null} title={`Delete ${deleting?.name ?? ''}?`} tone="danger" confirmLabel="Delete rule" pendingLabel="Deleting…"
        pending={action.pending === 'delete_rule'} onCancel={() => setDeleting(null)}
        onConfirm={async () => {
          if (deleting) await action.run({ kind: 'delete_rule', ruleId: deleting.rule_id });
          setDeleting(null);
        }}>
        The rule stops scoring new traces and leaves this list; its past scores stay. Undo restores it under the same id.
      </ConfirmDialog>
      <ConfirmDialog open={cancelling !== null} title="Cancel this backfill?" confirmLabel="Cancel backfill" pendingLabel="Cancelling…"
        pending={action.pending === 'cancel_backfill'} onCancel={() => setCancelling(null)}
        onConfirm={async () => {
          if (cancelling) await action.run({ kind: 'cancel_backfill', backfillId: cancelling.backfill_id });
          setCancelling(null);
        }}>
        It stops after the page it is scoring; what it wrote stays. Undo queues it again and it resumes where it stopped.
      </ConfirmDialog>
    </>
  );
}
