import { useState, type FormEvent } from 'react';
import { Modal } from '../../../components';
import { ApiError } from '../../../lib/http';
import { formatDateTime } from '../../../lib/format';
import { createRule, createSlo, declareIncident, previewRule, useSlos, type RulePreview } from '../api';
import { labelText, minutesLabel, ruleBody, type RuleForm } from '../lib/mapping';
import { useIncidentAction } from '../useIncidentAction';
import { SilenceEditor } from './SilenceEditor';

type Editor = 'rule' | 'slo' | 'incident' | 'silence' | null;

/** The tab's create actions: a rule (threshold, burn rate or anomaly, with a preview), an SLO, a declared incident, a silence (each audited, with Undo). */
export function CreateButtons() {
  const [editor, setEditor] = useState<Editor>(null);
  const action = useIncidentAction();
  const title = action.allowed ? undefined : 'Operators and admins run actions; your role can read only.';
  return (
    <div className="toolbar" role="group" aria-label="Incident actions">
      <button type="button" className="btn" disabled={!action.allowed} title={title} onClick={() => setEditor('rule')}>New alert rule</button>
      <button type="button" className="btn" disabled={!action.allowed} title={title} onClick={() => setEditor('slo')}>New SLO</button>
      <button type="button" className="btn" disabled={!action.allowed} title={title} onClick={() => setEditor('incident')}>Declare incident</button>
      <button type="button" className="btn" disabled={!action.allowed} title={title} onClick={() => setEditor('silence')}>New silence</button>
      {editor === 'rule' && <RuleEditor onClose={() => setEditor(null)} />}
      {editor === 'slo' && <SloEditor onClose={() => setEditor(null)} />}
      {editor === 'incident' && <IncidentEditor onClose={() => setEditor(null)} />}
      {editor === 'silence' && <SilenceEditor onClose={() => setEditor(null)} />}
    </div>
  );
}

const fieldOf = (details: unknown) => (details && typeof details === 'object' && 'field' in details ? ` (${String((details as { field: unknown }).field)})` : '');

const MEASURES = ['error_rate', 'error_count', 'request_count', 'avg_latency_ms', 'p90_latency_ms', 'cost_usd', 'tokens', 'violation_rate'];
const ANOMALY_MEASURES = ['request_count', 'error_rate', 'avg_latency_ms', 'cost_usd', 'violation_rate'];

function RuleEditor({ onClose }: { onClose: () => void }) {
  const action = useIncidentAction();
  const slos = useSlos();
  const [form, setForm] = useState<RuleForm>({
    name: '', kind: 'threshold', measure: 'error_rate', comparator: '>', threshold: '5', resolveThreshold: '', windowMinutes: '15',
    forMinutes: '', groupBy: 'agent', severity: 'sev3', sloId: '', zThreshold: '4', direction: 'up', minVolume: '20',
    groupWaitSeconds: '30', groupIntervalMinutes: '5',
  });
  const [days, setDays] = useState(7);
  const [preview, setPreview] = useState<{ pending: boolean; result?: RulePreview; error?: string }>({ pending: false });
  const set = <K extends keyof RuleForm>(key: K, value: RuleForm[K]) => { setForm((f) => ({ ...f, [key]: value })); setPreview({ pending: false }); };
  const eventSlos = (slos.data ?? []).filter((s) => s.event_based);
  const body = () => ruleBody({ ...form, sloId: form.sloId || eventSlos[0]?.slo_id || '' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run({ done: `Rule "${form.name}" created`, verb: 'create the rule', call: (key) => createRule(body(), key) }).then((ok) => ok && onClose());
  };
  const runPreview = () => {
    setPreview({ pending: true });
    previewRule(body(), days).then(
      (result) => setPreview({ pending: false, result }),
      (err: unknown) => setPreview({ pending: false, error: err instanceof ApiError ? `${err.message}${fieldOf(err.details)}` : 'The preview failed.' }),
    );
  };
  const measures = form.kind === 'anomaly' ? ANOMALY_MEASURES : MEASURES;
  return (
    <Modal title="New alert rule" onClose={onClose} wide>
      <form className="form" onSubmit={submit}>
        <label>Name <input required value={form.name} onChange={(e) => set('name', e.target.value)} maxLength={200} /></label>
        <label>Kind <select value={form.kind} onChange={(e) => { const k = e.target.value as RuleForm['kind']; setForm((f) => ({ ...f, kind: k, windowMinutes: k === 'anomaly' ? '60' : '15', measure: k === 'anomaly' ? 'request_count' : 'error_rate' })); setPreview({ pending: false }); }}>
          <option value="threshold">Threshold on a rollup measure</option>
          <option value="burn_rate">SLO burn rate (SRE workbook pairs)</option>
          <option value="anomaly">Anomaly against the same hour of the week</option></select></label>
        {form.kind === 'burn_rate' ? (
          <label>SLO <select value={form.sloId} onChange={(e) => set('sloId', e.target.value)}>
            {eventSlos.map((s) => <option key={s.slo_id} value={s.slo_id}>{s.name}</option>)}</select></label>
        ) : (
          <>
            <label>Measure <select value={form.measure} onChange={(e) => set('measure', e.target.value)}>
              {measures.map((m) => <option key={m} value={m}>{m}</option>)}</select></label>
            {form.kind === 'threshold' ? (
              <>
                <label>Comparator <select value={form.comparator} onChange={(e) => set('comparator', e.target.value)}>{['>', '>=', '<', '<='].map((c) => <option key={c}>{c}</option>)}</select></label>
                <label>Threshold <input type="number" step="any" required value={form.threshold} onChange={(e) => set('threshold', e.target.value)} /></label>
                <label>Resolve threshold (empty = threshold) <input type="number" step="any" value={form.resolveThreshold} onChange={(e) => set('resolveThreshold', e.target.value)} /></label>
              </>
            ) : (
              <>
                <label>z-score threshold <input type="number" step="any" min={0.5} required value={form.zThreshold} onChange={(e) => set('zThreshold', e.target.value)} /></label>
                <label>Direction <select value={form.direction} onChange={(e) => set('direction', e.target.value)}>
                  <option value="up">up (spikes)</option><option value="down">down (drops)</option><option value="both">both</option></select></label>
                <label>Minimum volume (requests) <input type="number" min={0} value={form.minVolume} onChange={(e) => set('minVolume', e.target.value)} /></label>
              </>
            )}
            <label>Window (minutes) <input type="number" min={1} max={10080} required value={form.windowMinutes} onChange={(e) => set('windowMinutes', e.target.value)} /></label>
            <label>Pending for (minutes before firing) <input type="number" min={0} max={1440} value={form.forMinutes} placeholder={form.kind === 'anomaly' ? '10' : '0'} onChange={(e) => set('forMinutes', e.target.value)} /></label>
          </>
        )}
        <label>Group by <select value={form.groupBy} onChange={(e) => set('groupBy', e.target.value)}>{['fleet', 'agent', 'department', 'environment'].map((g) => <option key={g}>{g}</option>)}</select></label>
        <label>Severity <select value={form.severity} onChange={(e) => set('severity', e.target.value)}>{['sev1', 'sev2', 'sev3', 'sev4'].map((s) => <option key={s}>{s}</option>)}</select></label>
        <p className="card__subtitle">sev1/sev2 alerts page: they open an incident.</p>
        <label>Group wait (seconds before a new group&apos;s first notification) <input type="number" min={0} max={3600} value={form.groupWaitSeconds} onChange={(e) => set('groupWaitSeconds', e.target.value)} /></label>
        <label>Group interval (minutes between a group&apos;s notifications) <input type="number" min={1} max={1440} value={form.groupIntervalMinutes} onChange={(e) => set('groupIntervalMinutes', e.target.value)} /></label>
        <div className="toolbar">
          <label>Preview over <select aria-label="Preview days" value={days} onChange={(e) => { setDays(Number(e.target.value)); setPreview({ pending: false }); }}>
            {[1, 7, 14, 30].map((d) => <option key={d} value={d}>{d} {d === 1 ? 'day' : 'days'}</option>)}</select></label>
          <button type="button" className="btn" onClick={runPreview} disabled={preview.pending}>{preview.pending ? 'Replaying…' : 'Preview'}</button>
        </div>
        {preview.error && <p className="form-error" role="alert">{preview.error}</p>}
        {preview.result && <PreviewResult result={preview.result} />}
        <div className="toolbar"><button type="submit" className="btn btn--primary" disabled={action.pending}>{action.pending ? 'Creating…' : 'Create rule'}</button>
          <button type="button" className="btn" onClick={onClose}>Cancel</button></div>
      </form>
    </Modal>
  );
}

/** What the rule would have done: totals, then each would-be alert (newest first, at most 50 rows). */
function PreviewResult({ result }: { result: RulePreview }) {
  const rows = [...result.firings].reverse().slice(0, 50);
  return (
    <section aria-label="Rule preview" data-testid="rule-preview">
      <p><strong>{result.fired_count === 0 ? 'Would not have fired' : `Would have fired ${result.fired_count} time${result.fired_count === 1 ? '' : 's'}`}</strong>
        {' '}in the last {result.days} {result.days === 1 ? 'day' : 'days'} ({result.scopes_fired} {result.scopes_fired === 1 ? 'scope' : 'scopes'}, {minutesLabel(result.firing_minutes)} firing in all;
        {' '}{result.evaluations} evaluations every {result.step_minutes} min; silences and inhibition not applied).</p>
      {rows.length > 0 && (
        <div className="table-wrap" style={{ maxHeight: 220 }}>
          <table className="table table--compact" aria-label="Would-be alerts">
            <thead><tr><th>Scope</th><th>Sev</th><th>Fired</th><th>Resolved</th><th className="num">Peak</th></tr></thead>
            <tbody>
              {rows.map((f) => (
                <tr key={`${labelText(f.labels)}-${f.fired_at}`}>
                  <th scope="row">{labelText(f.labels)}</th>
                  <td><span className={`badge badge--sev-${f.severity}`}>{f.severity}</span></td>
                  <td>{formatDateTime(f.fired_at)}</td>
                  <td>{f.resolved_at ? formatDateTime(f.resolved_at) : 'still firing'}</td>
                  <td className="num">{f.peak_value == null ? '—' : f.peak_value.toLocaleString(undefined, { maximumFractionDigits: 2 })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
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
