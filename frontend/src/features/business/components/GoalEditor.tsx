import { useState } from 'react';
import { ConfirmDialog, Modal } from '../../../components';
import { humanize } from '../../../lib/format';
import { useFilterOptions } from '../../filters';
import type { Goal, GoalDraft } from '../api';
import { isoDay, METRIC_LABEL } from '../lib';
import { useBusinessAction } from '../useBusinessAction';

const METRICS = Object.keys(METRIC_LABEL) as GoalDraft['metric'][];

/** Why a draft goal cannot be sent yet, or null (the server checks the same rules and names the field). */
export function goalProblem(d: { name: string; department: string; target: string; start: string; end: string }): string | null {
  if (!d.name.trim()) return 'Give the goal a name.';
  if (!d.department) return 'Pick a department.';
  if (!(Number(d.target) > 0)) return 'The target is a number above 0.';
  if (!d.start || !d.end || d.end <= d.start) return 'The target date must be after the start date.';
  return null;
}

/** Create or edit a goal; the confirm names the effect, the toast offers Undo. */
export function GoalEditor({ goal, onClose }: { goal: Goal | null; onClose: () => void }) {
  const action = useBusinessAction();
  const { departments, agents } = useFilterOptions();
  const [name, setName] = useState(goal?.name ?? '');
  const [department, setDepartment] = useState(goal?.department ?? '');
  const [metric, setMetric] = useState<GoalDraft['metric']>((goal?.metric as GoalDraft['metric']) ?? 'value_usd');
  const [target, setTarget] = useState(goal ? String(goal.target_value) : '');
  const [start, setStart] = useState(goal?.start_date ?? isoDay(0));
  const [end, setEnd] = useState(goal?.target_date ?? isoDay(90));
  const [linked, setLinked] = useState<string[]>(goal?.linked_agent_ids ?? []);
  const [confirming, setConfirming] = useState(false);
  const problem = goalProblem({ name, department, target, start, end });
  const draft: GoalDraft = { name: name.trim(), department, metric, target_value: Number(target), start_date: start, target_date: end, linked_agent_ids: linked };
  const deptAgents = (agents.data ?? []).filter((a) => !department || a.department === department);
  const kind = goal ? 'update_goal' : 'create_goal';
  return (
    <Modal title={goal ? `Edit ${goal.name}` : 'New goal'} onClose={onClose} wide>
      <form className="business-form" onSubmit={(e) => { e.preventDefault(); if (!problem) setConfirming(true); }}>
        <label>Name <input className="input" value={name} onChange={(e) => setName(e.target.value)} /></label>
        <label>Department
          <select className="input" value={department} onChange={(e) => { setDepartment(e.target.value); setLinked([]); }}>
            <option value="">Choose…</option>
            {(departments.data ?? []).map((d) => <option key={d.value} value={d.value}>{d.label}</option>)}
          </select>
        </label>
        <label>Metric
          <select className="input" value={metric} onChange={(e) => setMetric(e.target.value as GoalDraft['metric'])}>
            {METRICS.map((m) => <option key={m} value={m}>{METRIC_LABEL[m]}</option>)}
          </select>
        </label>
        <label>Target <input className="input" type="number" min={0} step="any" value={target} onChange={(e) => setTarget(e.target.value)} /></label>
        <label>Start <input className="input" type="date" value={start} onChange={(e) => setStart(e.target.value)} /></label>
        <label>Target date <input className="input" type="date" value={end} onChange={(e) => setEnd(e.target.value)} /></label>
        <fieldset>
          <legend>Linked agents (none = every agent of the department)</legend>
          <div className="business-form__agents">
            {deptAgents.map((a) => (
              <label key={a.value} className="business-form__check">
                <input type="checkbox" checked={linked.includes(a.value)} onChange={(e) => setLinked(e.target.checked ? [...linked, a.value] : linked.filter((x) => x !== a.value))} /> {a.label}
              </label>
            ))}
          </div>
        </fieldset>
        {problem && <p className="business-form__problem" role="status">{problem}</p>}
        <div className="confirm__actions">
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn--primary" disabled={problem !== null}>{goal ? 'Save…' : 'Create…'}</button>
        </div>
      </form>
      <ConfirmDialog open={confirming} title={goal ? `Save goal "${draft.name}"?` : `Create goal "${draft.name}"?`} confirmLabel={goal ? 'Save goal' : 'Create goal'}
        pendingLabel="Saving…" pending={action.pending === kind} onCancel={() => setConfirming(false)}
        onConfirm={async () => {
          const ok = await action.run(goal ? { kind: 'update_goal', goalId: goal.goal_id, goal: draft } : { kind: 'create_goal', goal: draft });
          setConfirming(false);
          if (ok) onClose();
        }}>
        {humanize(department)} aims for {METRIC_LABEL[metric]} of {target} between {start} and {end}, counting {linked.length ? `${linked.length} linked agents` : 'every agent of the department'}.
        Its status follows the traffic from now on. Recorded in the audit trail; undo {goal ? 'restores the previous definition' : 'removes the goal'}.
      </ConfirmDialog>
    </Modal>
  );
}
