import { useState } from 'react';
import { ChartCard, ConfirmDialog, Modal } from '../../../components';
import { humanize } from '../../../lib/format';
import { useFilterOptions } from '../../filters';
import { useRubrics, type NewRubric, type Rubric } from '../api';
import { useQualityAction, useQualityRoles } from '../useQualityAction';

const CHECKS = ['overall', 'length', 'refusal', 'format', 'latency', 'error', 'reference'] as const;

interface CriterionDraft { key: string; name: string; weight: string; check: string }

const EMPTY: CriterionDraft[] = [
  { key: 'relevance', name: 'Relevance', weight: '0.5', check: 'overall' },
  { key: 'completeness', name: 'Completeness', weight: '0.5', check: 'length' },
];

/** Why a draft rubric cannot be sent yet, or null (the server checks the same rules). */
export function draftProblem(name: string, threshold: string, criteria: CriterionDraft[]): string | null {
  if (!name.trim()) return 'Give the rubric a name.';
  const t = Number(threshold);
  if (!(t >= 0 && t <= 100)) return 'The pass threshold is a number from 0 to 100.';
  if (criteria.length === 0) return 'Add at least one criterion.';
  if (criteria.some((c) => !/^[a-z][a-z0-9_]{0,49}$/.test(c.key))) return 'Criterion keys are lower-case letters, digits and _.';
  const sum = criteria.reduce((s, c) => s + Number(c.weight), 0);
  if (criteria.some((c) => !(Number(c.weight) > 0)) || Math.abs(sum - 1) > 0.001) return `Weights must be positive and sum to 1 (now ${sum.toFixed(2)}).`;
  return null;
}

function CreateRubricModal({ onClose }: { onClose: () => void }) {
  const action = useQualityAction();
  const { departments } = useFilterOptions();
  const [name, setName] = useState('');
  const [threshold, setThreshold] = useState('75');
  const [criteria, setCriteria] = useState<CriterionDraft[]>(EMPTY);
  const [scope, setScope] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const problem = draftProblem(name, threshold, criteria);
  const update = (i: number, patch: Partial<CriterionDraft>) => setCriteria(criteria.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const rubric: NewRubric = {
    name: name.trim(),
    pass_threshold: Number(threshold),
    criteria: criteria.map((c) => ({ key: c.key, name: c.name || c.key, weight: Number(c.weight), check: c.check })),
    departments: scope,
  };
  return (
    <Modal title="New rubric" onClose={onClose} wide>
      <form className="quality-form" onSubmit={(e) => { e.preventDefault(); if (!problem) setConfirming(true); }}>
        <label>Name <input className="input" value={name} onChange={(e) => setName(e.target.value)} /></label>
        <label>Pass threshold <input className="input" type="number" min={0} max={100} value={threshold} onChange={(e) => setThreshold(e.target.value)} /></label>
        <fieldset>
          <legend>Criteria (weights sum to 1)</legend>
          {criteria.map((c, i) => (
            <div key={i} className="quality-form__row">
              <input className="input" aria-label={`Criterion ${i + 1} key`} value={c.key} onChange={(e) => update(i, { key: e.target.value })} />
              <input className="input" aria-label={`Criterion ${i + 1} name`} value={c.name} onChange={(e) => update(i, { name: e.target.value })} />
              <input className="input" aria-label={`Criterion ${i + 1} weight`} type="number" step="0.05" value={c.weight} onChange={(e) => update(i, { weight: e.target.value })} />
              <select className="input" aria-label={`Criterion ${i + 1} check`} value={c.check} onChange={(e) => update(i, { check: e.target.value })}>
                {CHECKS.map((k) => <option key={k} value={k}>{k}</option>)}
              </select>
              <button type="button" className="btn btn--small" onClick={() => setCriteria(criteria.filter((_, j) => j !== i))}>Remove</button>
            </div>
          ))}
          <button type="button" className="btn btn--small" onClick={() => setCriteria([...criteria, { key: `criterion_${criteria.length + 1}`, name: '', weight: '0', check: 'overall' }])}>Add criterion</button>
        </fieldset>
        <fieldset>
          <legend>Departments it scores (none = every trace)</legend>
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
      <ConfirmDialog open={confirming} title={`Create rubric "${rubric.name}"?`} confirmLabel="Create rubric" pendingLabel="Creating…"
        pending={action.pending === 'create_rubric'} onCancel={() => setConfirming(false)}
        onConfirm={async () => {
          const ok = await action.run({ kind: 'create_rubric', rubric });
          setConfirming(false);
          if (ok) onClose();
        }}>
        Version 1 with {rubric.criteria.length} criteria and a pass threshold of {rubric.pass_threshold}, scoring {scope.length ? scope.map(humanize).join(', ') : 'every department'}.
        Evaluator rules that name it start using it for new traces. Recorded in the audit trail; undo archives it.
      </ConfirmDialog>
    </Modal>
  );
}

function AssignModal({ rubric, onClose }: { rubric: Rubric; onClose: () => void }) {
  const action = useQualityAction();
  const { departments } = useFilterOptions();
  const [scope, setScope] = useState<string[]>(rubric.departments);
  const [confirming, setConfirming] = useState(false);
  return (
    <Modal title={`Assign ${rubric.name}`} onClose={onClose}>
      <fieldset>
        <legend>Departments it scores (none = every trace)</legend>
        {(departments.data ?? []).map((d) => (
          <label key={d.value} className="quality-form__check">
            <input type="checkbox" checked={scope.includes(d.value)} onChange={(e) => setScope(e.target.checked ? [...scope, d.value] : scope.filter((s) => s !== d.value))} /> {d.label}
          </label>
        ))}
      </fieldset>
      <div className="confirm__actions">
        <button type="button" className="btn" onClick={onClose}>Cancel</button>
        <button type="button" className="btn btn--primary" onClick={() => setConfirming(true)}>Assign…</button>
      </div>
      <ConfirmDialog open={confirming} title={`Assign ${rubric.name}?`} confirmLabel="Assign" pendingLabel="Assigning…"
        pending={action.pending === 'assign_rubric'} onCancel={() => setConfirming(false)}
        onConfirm={async () => {
          const ok = await action.run({ kind: 'assign_rubric', rubricId: rubric.rubric_id, departments: scope, agentIds: rubric.agent_ids });
          setConfirming(false);
          if (ok) onClose();
        }}>
        {rubric.name} will score traces of {scope.length ? scope.map(humanize).join(', ') : 'every department'} from now on; past scores stay. Undo restores the previous assignment.
      </ConfirmDialog>
    </Modal>
  );
}

/** Rubric management: versions, criteria, assignment; create, assign and archive as audited actions. */
export function RubricsPanel() {
  const query = useRubrics();
  const { canManage } = useQualityRoles();
  const action = useQualityAction();
  const [creating, setCreating] = useState(false);
  const [assigning, setAssigning] = useState<Rubric | null>(null);
  const [archiving, setArchiving] = useState<Rubric | null>(null);
  const deny = canManage ? undefined : 'Changing rubrics needs the operator role or higher.';
  return (
    <>
      <ChartCard title="Rubrics" className="card--wide" query={query} height={160}
        subtitle="Versioned scoring criteria; an update writes a new version and earlier scores keep theirs."
        actions={<button type="button" className="btn btn--small btn--primary" disabled={!canManage} title={deny} onClick={() => setCreating(true)}>New rubric</button>}
        emptyReason={(d) => (d.length === 0 ? 'No rubric yet: create one, then an evaluator rule scores new traces with it.' : null)}>
        {(d) => (
          <table className="table table--compact" aria-label="Rubrics">
            <thead><tr><th scope="col">Rubric</th><th scope="col">Version</th><th scope="col">Criteria</th><th scope="col">Pass at</th><th scope="col">Scores</th><th scope="col" /></tr></thead>
            <tbody>
              {d.map((r) => (
                <tr key={r.rubric_id}>
                  <th scope="row">{r.name}</th>
                  <td>v{r.version}</td>
                  <td>{r.criteria.map((c) => `${c.name ?? c.key} ${Math.round(c.weight * 100)}%`).join(', ')}</td>
                  <td className="num">{r.pass_threshold}</td>
                  <td>{r.departments.length || r.agent_ids.length ? [...r.departments.map(humanize), ...r.agent_ids].join(', ') : 'all traces'}</td>
                  <td>
                    <button type="button" className="btn btn--small" disabled={!canManage} title={deny} onClick={() => setAssigning(r)}>Assign</button>{' '}
                    <button type="button" className="btn btn--small btn--danger" disabled={!canManage} title={deny} onClick={() => setArchiving(r)}>Archive</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ChartCard>
      {creating && <CreateRubricModal onClose={() => setCreating(false)} />}
      {assigning && <AssignModal rubric={assigning} onClose={() => setAssigning(null)} />}
      <ConfirmDialog open={archiving !== null} title={`Archive ${archiving?.name ?? ''}?`} tone="danger" confirmLabel="Archive" pendingLabel="Archiving…"
        pending={action.pending === 'archive_rubric'} onCancel={() => setArchiving(null)}
        onConfirm={async () => {
          if (archiving) await action.run({ kind: 'archive_rubric', rubricId: archiving.rubric_id });
          setArchiving(null);
        }}>
        Its evaluator rules stop scoring new traces and it leaves this list; its past scores stay. Recorded in the audit trail and can be undone.
      </ConfirmDialog>
    </>
  );
}
