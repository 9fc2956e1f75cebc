import { useState, type FormEvent } from 'react';
import { Modal } from '../../../components';
import { createRule, createSlo, declareIncident, useSlos } from '../api';
import { useIncidentAction } from '../useIncidentAction';

type Editor = 'rule' | 'slo' | 'incident' | null;

/** The tab's create actions: a threshold or burn-rate rule, an SLO, a declared incident (each audited, with Undo). */
export function CreateButtons() {
  const [editor, setEditor] = useState<Editor>(null);
  const action = useIncidentAction();
  const title = action.allowed ? undefined : 'Operators and admins run actions; your role can read only.';
  return (
    <div className="toolbar" role="group" aria-label="Incident actions">
      <button type="button" className="btn" disabled={!action.allowed} title={title} onClick={() => setEditor('rule')}>New alert rule</button>
      <button type="button" className="btn" disabled={!action.allowed} title={title} onClick={() => setEditor('slo')}>New SLO</button>
      <button type="button" className="btn" disabled={!action.allowed} title={title} onClick={() => setEditor('incident')}>Declare incident</button>
      {editor === 'rule' && <RuleEditor onClose={() => setEditor(null)} />}
      {editor === 'slo' && <SloEditor onClose={() => setEditor(null)} />}
      {editor === 'incident' && <IncidentEditor onClose={() => setEditor(null)} />}
    </div>
  );
}

function RuleEditor({ onClose }: { onClose: () => void }) {
  const action = useIncidentAction();
  const slos = useSlos();
  const [kind, setKind] = useState<'threshold' | 'burn_rate'>('threshold');
  const [name, setName] = useState('');
  const [measure, setMeasure] = useState('error_rate');
  const [comparator, setComparator] = useState('>');
  const [threshold, setThreshold] = useState('5');
  const [windowMinutes, setWindowMinutes] = useState('15');
  const [groupBy, setGroupBy] = useState('agent');
  const [severity, setSeverity] = useState('sev3');
  const [sloId, setSloId] = useState('');
  const eventSlos = (slos.data ?? []).filter((s) => s.event_based);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = kind === 'threshold'
      ? { name, kind, measure, comparator, threshold: Number(threshold), window_minutes: Number(windowMinutes), group_by: groupBy, severity }
      : { name, kind, slo_id: sloId || eventSlos[0]?.slo_id, group_by: groupBy === 'environment' ? 'fleet' : groupBy, severity };
    void action.run({ done: `Rule "${name}" created`, verb: 'create the rule', call: (key) => createRule(body, key) }).then((ok) => ok && onClose());
  };
  return (
    <Modal title="New alert rule" onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <label>Name <input required value={name} onChange={(e) => setName(e.target.value)} maxLength={200} /></label>
        <label>Kind <select value={kind} onChange={(e) => setKind(e.target.value as 'threshold' | 'burn_rate')}>
          <option value="threshold">Threshold on a rollup measure</option><option value="burn_rate">SLO burn rate (SRE workbook pairs)</option></select></label>
        {kind === 'threshold' ? (
          <>
            <label>Measure <select value={measure} onChange={(e) => setMeasure(e.target.value)}>
              {['error_rate', 'error_count', 'request_count', 'avg_latency_ms', 'p90_latency_ms', 'cost_usd', 'tokens'].map((m) => <option key={m} value={m}>{m}</option>)}</select></label>
            <label>Comparator <select value={comparator} onChange={(e) => setComparator(e.target.value)}>{['>', '>=', '<', '<='].map((c) => <option key={c}>{c}</option>)}</select></label>
            <label>Threshold <input type="number" step="any" required value={threshold} onChange={(e) => setThreshold(e.target.value)} /></label>
            <label>Window (minutes) <input type="number" min={1} max={10080} required value={windowMinutes} onChange={(e) => setWindowMinutes(e.target.value)} /></label>
          </>
        ) : (
          <label>SLO <select value={sloId} onChange={(e) => setSloId(e.target.value)}>
            {eventSlos.map((s) => <option key={s.slo_id} value={s.slo_id}>{s.name}</option>)}</select></label>
        )}
        <label>Group by <select value={groupBy} onChange={(e) => setGroupBy(e.target.value)}>{['fleet', 'agent', 'department', 'environment'].map((g) => <option key={g}>{g}</option>)}</select></label>
        <label>Severity <select value={severity} onChange={(e) => setSeverity(e.target.value)}>{['sev1', 'sev2', 'sev3', 'sev4'].map((s) => <option key={s}>{s}</option>)}</select></label>
        <p className="card__subtitle">sev1/sev2 alerts page: they open an incident.</p>
        <div className="toolbar"><button type="submit" className="btn btn--primary" disabled={action.pending}>{action.pending ? 'Creating…' : 'Create rule'}</button>
          <button type="button" className="btn" onClick={onClose}>Cancel</button></div>
      </form>
    </Modal>
  );
}

function SloEditor({ onClose }: { onClose: () => void }) {
  const action = useIncidentAction();
  const [name, setName] = useState('');
  const [sli, setSli] = useState('availability');
  const [objective, setObjective] = useState('99.5');
  const [threshold, setThreshold] = useState('5000');
  const [department, setDepartment] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, unknown> = { name, sli, objective_pct: Number(objective), scope_type: department ? 'department' : 'fleet', scope_value: department || undefined };
    if (sli !== 'availability') body.threshold = Number(threshold);
    void action.run({ done: `SLO "${name}" created`, verb: 'create the SLO', call: (key) => createSlo(body, key) }).then((ok) => ok && onClose());
  };
  return (
    <Modal title="New SLO" onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <label>Name <input required value={name} onChange={(e) => setName(e.target.value)} maxLength={200} /></label>
        <label>SLI <select value={sli} onChange={(e) => setSli(e.target.value)}>
          <option value="availability">Availability (share of successful requests)</option>
          <option value="latency">Latency (share of requests under the threshold)</option>
          <option value="latency_p90">Compliance view: hourly P90 under the threshold (ms)</option>
          <option value="error_rate">Compliance view: hourly error rate under the threshold (%)</option></select></label>
        <label>Objective (%) <input type="number" step="any" min={1} max={99.999} required value={objective} onChange={(e) => setObjective(e.target.value)} /></label>
        {sli !== 'availability' && <label>Threshold <input type="number" step="any" required value={threshold} onChange={(e) => setThreshold(e.target.value)} /></label>}
        <label>Department (empty = fleet) <input value={department} onChange={(e) => setDepartment(e.target.value)} /></label>
        <div className="toolbar"><button type="submit" className="btn btn--primary" disabled={action.pending}>{action.pending ? 'Creating…' : 'Create SLO'}</button>
          <button type="button" className="btn" onClick={onClose}>Cancel</button></div>
      </form>
    </Modal>
  );
}

function IncidentEditor({ onClose }: { onClose: () => void }) {
  const action = useIncidentAction();
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState('sev3');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run({ done: `Incident "${title}" declared`, verb: 'declare the incident', call: (key) => declareIncident({ title, severity }, key) }).then((ok) => ok && onClose());
  };
  return (
    <Modal title="Declare an incident" onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <label>Title <input required value={title} onChange={(e) => setTitle(e.target.value)} maxLength={300} /></label>
        <label>Severity <select value={severity} onChange={(e) => setSeverity(e.target.value)}>{['sev1', 'sev2', 'sev3', 'sev4'].map((s) => <option key={s}>{s}</option>)}</select></label>
        <div className="toolbar"><button type="submit" className="btn btn--primary" disabled={action.pending}>{action.pending ? 'Declaring…' : 'Declare'}</button>
          <button type="button" className="btn" onClick={onClose}>Cancel</button></div>
      </form>
    </Modal>
  );
}
