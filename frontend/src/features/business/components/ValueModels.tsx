import type { UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import { ChartCard, ConfirmDialog, Modal } from '../../../components';
import { formatUsd, humanize } from '../../../lib/format';
import { useFilterOptions } from '../../filters';
import type { ValueModel, ValueModelDraft } from '../api';
import { useBusinessAction, useCanManageBusiness } from '../useBusinessAction';

/** The dollars one successful outcome is worth under a model. */
export function unitValue(d: ValueModelDraft | ValueModel): number {
  if (d.model_type === 'hours_saved') return Number(d.hours_per_outcome ?? 0) * Number(d.hourly_rate_usd ?? 0);
  return Number(d.value_per_outcome_usd ?? 0);
}

function ValueModelEditor({ department, current, onClose }: { department: string | null; current: ValueModel | null; onClose: () => void }) {
  const action = useBusinessAction();
  const { departments } = useFilterOptions();
  const [dept, setDept] = useState(department ?? '');
  const [type, setType] = useState<ValueModelDraft['model_type']>(current?.model_type ?? 'per_outcome');
  const [perOutcome, setPerOutcome] = useState(String(current?.value_per_outcome_usd ?? '5'));
  const [hours, setHours] = useState(String(current?.hours_per_outcome ?? '0.25'));
  const [rate, setRate] = useState(String(current?.hourly_rate_usd ?? '95'));
  const [label, setLabel] = useState(current?.outcome_label ?? 'successful request');
  const [confirming, setConfirming] = useState(false);
  const draft: ValueModelDraft = type === 'per_outcome'
    ? { department: dept, model_type: type, value_per_outcome_usd: Number(perOutcome), outcome_label: label }
    : { department: dept, model_type: type, hours_per_outcome: Number(hours), hourly_rate_usd: Number(rate), outcome_label: label };
  const bad = !dept || (type === 'per_outcome' ? !(Number(perOutcome) >= 0) : !(Number(hours) >= 0 && Number(rate) >= 0));
  return (
    <Modal title={department ? `Value model: ${humanize(department)}` : 'New value model'} onClose={onClose}>
      <form className="business-form" onSubmit={(e) => { e.preventDefault(); if (!bad) setConfirming(true); }}>
        <label>Department
          <select className="input" value={dept} disabled={department !== null} onChange={(e) => setDept(e.target.value)}>
            <option value="">Choose…</option>
            {(departments.data ?? []).map((d) => <option key={d.value} value={d.value}>{d.label}</option>)}
          </select>
        </label>
        <label>Model
          <select className="input" value={type} onChange={(e) => setType(e.target.value as ValueModelDraft['model_type'])}>
            <option value="per_outcome">Value per successful outcome</option>
            <option value="hours_saved">Hours saved × loaded hourly rate</option>
          </select>
        </label>
        {type === 'per_outcome'
          ? <label>Value per outcome ($) <input className="input" type="number" min={0} step="any" value={perOutcome} onChange={(e) => setPerOutcome(e.target.value)} /></label>
          : (
            <>
              <label>Hours saved per outcome <input className="input" type="number" min={0} step="any" value={hours} onChange={(e) => setHours(e.target.value)} /></label>
              <label>Loaded hourly rate ($) <input className="input" type="number" min={0} step="any" value={rate} onChange={(e) => setRate(e.target.value)} /></label>
            </>
          )}
        <label>Outcome <input className="input" value={label} onChange={(e) => setLabel(e.target.value)} /></label>
        <div className="confirm__actions">
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn--primary" disabled={bad}>Save…</button>
        </div>
      </form>
      <ConfirmDialog open={confirming} title={`Save the ${humanize(dept)} value model?`} confirmLabel="Save value model" pendingLabel="Saving…"
        pending={action.pending === 'update_value_model'} onCancel={() => setConfirming(false)}
        onConfirm={async () => {
          const ok = await action.run({ kind: 'update_value_model', model: draft });
          setConfirming(false);
          if (ok) onClose();
        }}>
        Each {label} of {humanize(dept)} becomes worth {formatUsd(unitValue(draft))}. Value, ROI and goal progress of the department change at once, past ranges included.
        Recorded in the audit trail; undo restores the previous model.
      </ConfirmDialog>
    </Modal>
  );
}

/** The value model per department, with edit for operators. */
export function ValueModels({ query }: { query: UseQueryResult<ValueModel[]> }) {
  const canManage = useCanManageBusiness();
  const [editing, setEditing] = useState<{ department: string | null; current: ValueModel | null } | null>(null);
  const deny = canManage ? undefined : 'Editing value models needs the operator role or higher.';
  return (
    <>
      <ChartCard title="Value Models" query={query} height={120}
        subtitle="What one successful request is worth, per department. Departments without one count cost but no value."
        actions={<button type="button" className="btn btn--small" disabled={!canManage} title={deny} onClick={() => setEditing({ department: null, current: null })}>Add</button>}
        emptyReason={(rows) => (rows.length === 0 ? 'No value model yet: add one so ROI can be computed.' : null)}>
        {(rows) => (
          <table className="table table--compact" aria-label="Value models">
            <thead><tr><th scope="col">Department</th><th scope="col">Model</th><th scope="col">Per outcome</th><th scope="col" /></tr></thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{humanize(m.department)}</th>
                  <td>{m.model_type === 'hours_saved' ? `${m.hours_per_outcome} h × ${formatUsd(m.hourly_rate_usd)}/h` : 'Fixed value'}</td>
                  <td className="num">{formatUsd(unitValue(m))}</td>
                  <td><button type="button" className="btn btn--small" disabled={!canManage} title={deny} onClick={() => setEditing({ department: m.department, current: m })}>Edit</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ChartCard>
      {editing && <ValueModelEditor department={editing.department} current={editing.current} onClose={() => setEditing(null)} />}
    </>
  );
}
