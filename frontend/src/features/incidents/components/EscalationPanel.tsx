import { useState, type FormEvent } from 'react';
import { ChartCard, ConfirmDialog, Modal } from '../../../components';
import { createPolicy, deletePolicy, useChannels, usePolicies, type EscalationPolicy } from '../api';
import { SEVERITIES } from '../lib/mapping';
import { useIncidentAction } from '../useIncidentAction';

const DENIED = 'Operators and admins run actions; your role can read only.';

/**
 * Escalation policies: an incident of the severity still not acknowledged N minutes after detection
 * notifies the policy's channels once (with a timeline event). Create and delete, each with Undo.
 */
export function EscalationPanel() {
  const query = usePolicies();
  const channels = useChannels();
  const action = useIncidentAction();
  const [creating, setCreating] = useState(false);
  const [removing, setRemoving] = useState<EscalationPolicy | null>(null);
  const names = new Map((channels.data ?? []).map((c) => [c.channel_id, c.name]));
  return (
    <ChartCard title="Escalation policies" query={query} height={120}
      subtitle="Not acknowledged in time → further channels, once per incident and policy."
      emptyReason={() => null}>
      {(list) => (
        <div className="table-wrap">
          <div className="toolbar">
            <button type="button" className="btn" disabled={!action.allowed} title={action.allowed ? undefined : DENIED} onClick={() => setCreating(true)}>New escalation policy</button>
          </div>
          {list.length === 0 ? <p className="card__subtitle">No policy: an unacknowledged page notifies only its rule&apos;s channels.</p> : (
            <table className="table table--compact" aria-label="Escalation policies">
              <thead><tr><th>Policy</th><th>Sev</th><th className="num">After</th><th>Notifies</th><th><span className="visually-hidden">Actions</span></th></tr></thead>
              <tbody>
                {list.map((p) => (
                  <tr key={p.policy_id}>
                    <th scope="row">{p.name}</th>
                    <td><span className={`badge badge--sev-${p.severity}`}>{p.severity}</span></td>
                    <td className="num">{p.after_minutes} min</td>
                    <td>{p.channel_ids.map((id) => names.get(id) ?? 'deleted channel').join(', ')}</td>
                    <td><button type="button" className="btn btn--small" disabled={!action.allowed} title={action.allowed ? undefined : DENIED} aria-label={`Delete ${p.name}`} onClick={() => setRemoving(p)}>Delete</button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {creating && <PolicyEditor onClose={() => setCreating(false)} />}
          {removing && (
            <ConfirmDialog open title={`Delete the policy "${removing.name}"?`} confirmLabel="Delete" pendingLabel="Deleting…" pending={action.pending} tone="danger"
              onCancel={() => setRemoving(null)}
              onConfirm={() => void action.run({ done: `Policy "${removing.name}" deleted`, verb: 'delete the policy', call: (key) => deletePolicy(removing.policy_id, key) })
                .then(() => setRemoving(null))}>
              <p>Open incidents stop escalating through it. Undo restores it.</p>
            </ConfirmDialog>
          )}
        </div>
      )}
    </ChartCard>
  );
}

function PolicyEditor({ onClose }: { onClose: () => void }) {
  const action = useIncidentAction();
  const channels = useChannels();
  const [name, setName] = useState('');
  const [severity, setSeverity] = useState('sev2');
  const [after, setAfter] = useState('15');
  const [chosen, setChosen] = useState<string[]>([]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run({ done: `Policy "${name}" created`, verb: 'create the policy',
      call: (key) => createPolicy({ name, severity, after_minutes: Number(after), channel_ids: chosen }, key) }).then((ok) => ok && onClose());
  };
  return (
    <Modal title="New escalation policy" onClose={onClose}>
      <form className="form" onSubmit={submit} aria-label="Escalation policy editor">
        <label>Name <input required value={name} maxLength={200} onChange={(e) => setName(e.target.value)} /></label>
        <label>Severity <select value={severity} onChange={(e) => setSeverity(e.target.value)}>{SEVERITIES.map((s) => <option key={s}>{s}</option>)}</select></label>
        <label>Not acknowledged after (minutes) <input type="number" min={1} max={1440} required value={after} onChange={(e) => setAfter(e.target.value)} /></label>
        <fieldset>
          <legend>Notify (1–10 channels)</legend>
          {(channels.data ?? []).length === 0 && <p className="card__subtitle">Create a notification channel first.</p>}
          {(channels.data ?? []).map((c) => (
            <label key={c.channel_id} className="checkbox">
              <input type="checkbox" checked={chosen.includes(c.channel_id)}
                onChange={(e) => setChosen((ids) => (e.target.checked ? [...ids, c.channel_id] : ids.filter((id) => id !== c.channel_id)))} /> {c.name}
            </label>
          ))}
        </fieldset>
        <div className="toolbar"><button type="submit" className="btn btn--primary" disabled={action.pending || chosen.length === 0}>{action.pending ? 'Creating…' : 'Create policy'}</button>
          <button type="button" className="btn" onClick={onClose}>Cancel</button></div>
      </form>
    </Modal>
  );
}
