import { useState } from 'react';
import { ChartCard, ConfirmDialog, Modal } from '../../../components';
import { formatDateTime, humanize } from '../../../lib/format';
import { useFilters } from '../../filters';
import {
  acknowledgeAlert, createSilence, deleteRule, escalateIncident, expireSilence, transitionIncident, useFiringAlerts, useIncident, useIncidents, useRules,
  useSilences, type AlertItem, type AlertRule, type Incident, type IncidentVerb,
} from '../api';
import { minutesLabel, silenceMatchers } from '../lib/mapping';
import { useIncidentAction } from '../useIncidentAction';
import { PostmortemEditor } from './PostmortemEditor';

interface Pending {
  title: string;
  body: string;
  confirm: string;
  tone?: 'danger';
  done: string;
  verb: string;
  call: (key: string) => ReturnType<typeof acknowledgeAlert>;
}

/** One confirmation dialog for every action of a panel: what it does, then the shared action path. */
function useConfirmed() {
  const action = useIncidentAction();
  const [pending, setPending] = useState<Pending | null>(null);
  const dialog = pending && (
    <ConfirmDialog open title={pending.title} confirmLabel={pending.confirm} pendingLabel="Working…" pending={action.pending} tone={pending.tone}
      onCancel={() => setPending(null)}
      onConfirm={() => void action.run({ done: pending.done, verb: pending.verb, call: pending.call }).then(() => setPending(null))}>
      <p>{pending.body}</p>
    </ConfirmDialog>
  );
  return { allowed: action.allowed, ask: (p: Pending) => setPending(p), dialog };
}

const DENIED = 'Operators and admins run actions; your role can read only.';

/** Firing and pending alerts, with Acknowledge and a one-hour Silence. */
export function ActiveAlertsPanel() {
  const { apiParams } = useFilters();
  const query = useFiringAlerts(apiParams);
  const { allowed, ask, dialog } = useConfirmed();
  const silence = (a: AlertItem) => {
    const matchers = silenceMatchers(a);
    const what = Object.entries(matchers).map(([k, v]) => `${k} = ${v}`).join(', ');
    ask({
      title: 'Silence for 1 hour?', confirm: 'Silence', done: 'Silenced for 1 hour', verb: 'create the silence',
      body: `Alerts with ${what} keep firing but notify nobody for the next hour. Undo ends the silence.`,
      call: (key) => createSilence({ matchers, duration_minutes: 60, comment: `Silenced from the Incidents tab: ${a.title}` }, key),
    });
  };
  return (
    <ChartCard title="Active Alerts" className="card--wide" query={query} height={120}
      subtitle="Firing and pending alerts; silenced or inhibited ones notify nobody."
      emptyReason={(list) => (list.length === 0 ? 'No alert is firing or pending: every rule is within its threshold.' : null)}>
      {(list) => (
        <div className="table-wrap">
          <table className="table table--compact" aria-label="Active alerts">
            <thead><tr><th>Alert</th><th>Sev</th><th>Status</th><th className="num">Value</th><th className="num">Threshold</th><th>Since</th><th>Notes</th><th><span className="visually-hidden">Actions</span></th></tr></thead>
            <tbody>
              {list.map((a) => (
                <tr key={a.alert_id} data-alert-id={a.alert_id}>
                  <th scope="row">{a.title}</th>
                  <td><span className={`badge badge--sev-${a.severity}`}>{a.severity}</span></td>
                  <td>{a.status}</td>
                  <td className="num">{a.value == null ? '—' : a.value.toLocaleString(undefined, { maximumFractionDigits: 2 })}</td>
                  <td className="num">{a.threshold == null ? '—' : a.threshold.toLocaleString(undefined, { maximumFractionDigits: 2 })}</td>
                  <td>{formatDateTime(a.fired_at ?? a.started_at)}</td>
                  <td>{[a.silenced && 'silenced', a.inhibited && 'inhibited', a.acknowledged_at && `ack by ${a.acknowledged_by ?? '?'}`].filter(Boolean).join(' · ') || '—'}</td>
                  <td>
                    <button type="button" className="btn btn--small" disabled={!allowed || a.acknowledged_at !== null} title={allowed ? undefined : DENIED}
                      onClick={() => ask({ title: 'Acknowledge this alert?', confirm: 'Acknowledge', done: 'Alert acknowledged', verb: 'acknowledge the alert',
                        body: `${a.title}: you take it; it keeps firing until its condition clears.`, call: (key) => acknowledgeAlert(a.alert_id, key) })}>
                      Acknowledge
                    </button>{' '}
                    <button type="button" className="btn btn--small" disabled={!allowed || a.silenced} title={allowed ? undefined : DENIED} onClick={() => silence(a)}>Silence 1 h</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {dialog}
        </div>
      )}
    </ChartCard>
  );
}

const NEXT: Record<Incident['status'], IncidentVerb[]> = { open: ['acknowledge', 'resolve'], acknowledged: ['mitigate', 'resolve'], mitigated: ['resolve'], resolved: ['close'], closed: [] };
const DONE: Record<IncidentVerb, string> = { acknowledge: 'Incident acknowledged', mitigate: 'Incident mitigated', resolve: 'Incident resolved', close: 'Incident closed' };

/** The incident list with the lifecycle buttons valid for each state, and the detail (timeline) on click. */
export function IncidentsTable() {
  const { apiParams } = useFilters();
  const query = useIncidents(apiParams);
  const { allowed, ask, dialog } = useConfirmed();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <ChartCard title="Incidents" className="card--wide" query={query} height={200}
      subtitle="Open → acknowledged → mitigated → resolved → closed. Click a title for its timeline."
      emptyReason={(list) => (list.length === 0 ? 'No incident in this range. Paging alerts (sev1/sev2) open one; you can also declare one.' : null)}>
      {(list) => (
        <div className="table-wrap" style={{ maxHeight: 360 }}>
          <table className="table table--compact" aria-label="Incidents">
            <thead><tr><th>Incident</th><th>Sev</th><th>Status</th><th>Department</th><th>Detected</th><th className="num">MTTA</th><th className="num">MTTR</th><th>Postmortem</th><th><span className="visually-hidden">Actions</span></th></tr></thead>
            <tbody>
              {list.map((i) => (
                <tr key={i.incident_id} data-incident-id={i.incident_id}>
                  <th scope="row"><button type="button" className="link-button" onClick={() => setOpen(i.incident_id)}>{i.title}</button></th>
                  <td><span className={`badge badge--sev-${i.severity}`}>{i.severity}</span></td>
                  <td>{i.status}</td>
                  <td>{humanize(i.department)}</td>
                  <td>{formatDateTime(i.detected_at)}</td>
                  <td className="num">{minutesLabel(i.mtta_minutes)}</td>
                  <td className="num">{minutesLabel(i.mttr_minutes)}</td>
                  <td>{i.postmortem_status ? humanize(i.postmortem_status) : '—'}</td>
                  <td>
                    {i.severity !== 'sev1' && i.status !== 'resolved' && i.status !== 'closed' && (
                      <button type="button" className="btn btn--small" disabled={!allowed} title={allowed ? undefined : DENIED}
                        onClick={() => ask({ title: `Escalate "${i.title}"?`, confirm: 'Escalate', done: 'Incident escalated', verb: 'escalate the incident',
                          body: `Raises it from ${i.severity} to sev${Number(i.severity.slice(3)) - 1}; sev1/sev2 page. Undo lowers it back.`,
                          call: (key) => escalateIncident(i.incident_id, key) })}>
                        Escalate
                      </button>
                    )}{' '}
                    {NEXT[i.status].map((verb) => (
                      <button key={verb} type="button" className="btn btn--small" disabled={!allowed} title={allowed ? undefined : DENIED}
                        onClick={() => ask({ title: `${humanize(verb)} "${i.title}"?`, confirm: humanize(verb), done: DONE[verb], verb: `${verb} the incident`,
                          body: verb === 'resolve' ? 'Marks the incident resolved now (MTTR stops). Undo puts it back.' : `Moves the incident to ${NEXT[i.status].length ? verb : ''}d. Undo puts it back.`,
                          call: (key) => transitionIncident(i.incident_id, verb, key) })}>
                        {humanize(verb)}
                      </button>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {dialog}
          {open && <IncidentDetailModal id={open} onClose={() => setOpen(null)} />}
        </div>
      )}
    </ChartCard>
  );
}

function IncidentDetailModal({ id, onClose }: { id: string; onClose: () => void }) {
  const query = useIncident(id);
  const d = query.data;
  const [editing, setEditing] = useState(false);
  const canEdit = useIncidentAction().allowed;
  return (
    <Modal title={d ? d.incident.title : 'Incident'} onClose={onClose} wide>
      {query.isPending && <p>Loading…</p>}
      {query.isError && <p className="form-error">The incident could not be loaded.</p>}
      {d && (
        <>
          <p>{d.incident.severity} · {d.incident.status} · {humanize(d.incident.cause)} · detected {formatDateTime(d.incident.detected_at)}{d.incident.assignee ? ` · ${d.incident.assignee}` : ''}</p>
          <h3>Timeline</h3>
          <ol className="timeline">
            {d.events.map((e) => <li key={e.event_id}><strong>{formatDateTime(e.occurred_at)}</strong> {humanize(e.event_type)} — {e.message}{e.actor ? ` (${e.actor})` : ''}</li>)}
          </ol>
          <h3>Alerts ({d.alerts.length})</h3>
          <ul>{d.alerts.map((a) => <li key={a.alert_id}>{a.title} · {a.severity} · {a.status}</li>)}</ul>
          {d.postmortem && !editing && (
            <>
              <h3>Postmortem ({humanize(d.postmortem.status)})</h3>
              <p>{d.postmortem.summary}</p>
              <p><em>Root cause:</em> {d.postmortem.root_cause}</p>
              <ul>{d.postmortem.action_items.map((it) => <li key={it.action_item_id}>{it.status === 'done' ? '✓' : '○'} {it.title}{it.owner ? ` — ${it.owner}` : ''}{it.due_date ? ` (due ${it.due_date})` : ''}</li>)}</ul>
            </>
          )}
          {editing ? <PostmortemEditor incidentId={d.incident.incident_id} current={d.postmortem} onDone={() => setEditing(false)} />
            : canEdit && <button type="button" className="btn" onClick={() => setEditing(true)}>{d.postmortem ? 'Edit postmortem' : 'Write postmortem'}</button>}
        </>
      )}
    </Modal>
  );
}

/** Active and recently ended silences, with Expire. */
export function SilencesPanel() {
  const query = useSilences();
  const { allowed, ask, dialog } = useConfirmed();
  return (
    <ChartCard title="Silences" query={query} height={120}
      emptyReason={(list) => (list.length === 0 ? 'No silence: every firing alert notifies its channels. Use "Silence 1 h" on an alert.' : null)}>
      {(list) => (
        <div className="table-wrap">
          <table className="table table--compact" aria-label="Silences">
            <thead><tr><th>Matches</th><th>Until</th><th className="num">Silenced now</th><th>Comment</th><th><span className="visually-hidden">Actions</span></th></tr></thead>
            <tbody>
              {list.map((s) => (
                <tr key={s.silence_id}>
                  <th scope="row">{Object.entries(s.matchers).map(([k, v]) => `${k}=${v}`).join(', ')}</th>
                  <td>{s.active ? formatDateTime(s.ends_at) : `ended ${formatDateTime(s.ends_at)}`}</td>
                  <td className="num">{s.matching_firing}</td>
                  <td>{s.comment ?? '—'}</td>
                  <td>{s.active && (
                    <button type="button" className="btn btn--small" disabled={!allowed} title={allowed ? undefined : DENIED}
                      onClick={() => ask({ title: 'End this silence now?', confirm: 'Expire', done: 'Silence ended', verb: 'expire the silence',
                        body: 'Matching alerts notify again from their next evaluation. Undo restores the end time.', call: (key) => expireSilence(s.silence_id, key) })}>
                      Expire
                    </button>
                  )}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {dialog}
        </div>
      )}
    </ChartCard>
  );
}

/** What a rule watches, in one line: "error_rate > 5 over 15 min", "burn rate on an SLO", "request_count anomaly (z ≥ 4)". */
function ruleCondition(r: AlertRule): string {
  if (r.kind === 'burn_rate') return `SLO burn rate (${(r.burn_windows ?? []).length} window pairs)`;
  if (r.kind === 'anomaly') return `${r.measure} anomaly (z ≥ ${r.z_threshold}, ${r.direction}) over ${r.window_minutes} min`;
  return `${r.measure} ${r.comparator} ${r.threshold} over ${r.window_minutes} min${r.for_minutes ? `, for ${r.for_minutes} min` : ''}`;
}

/** The workspace's alert rules with Delete (its firing alerts resolve at the next evaluation; Undo restores the rule). */
export function RulesPanel() {
  const query = useRules();
  const { allowed, ask, dialog } = useConfirmed();
  return (
    <ChartCard title="Alert rules" className="card--wide" query={query} height={120}
      subtitle="Evaluated every minute from the rollups; a new rule is evaluated at once."
      emptyReason={(list) => (list.length === 0 ? 'No alert rule yet: use "New alert rule".' : null)}>
      {(list) => (
        <div className="table-wrap" style={{ maxHeight: 300 }}>
          <table className="table table--compact" aria-label="Alert rules">
            <thead><tr><th>Rule</th><th>Kind</th><th>Condition</th><th>Group by</th><th>Sev</th><th><span className="visually-hidden">Actions</span></th></tr></thead>
            <tbody>
              {list.map((r) => (
                <tr key={r.rule_id} data-rule-id={r.rule_id}>
                  <th scope="row">{r.name}</th>
                  <td>{humanize(r.kind)}</td>
                  <td>{ruleCondition(r)}</td>
                  <td>{r.group_by}</td>
                  <td><span className={`badge badge--sev-${r.severity}`}>{r.severity}</span></td>
                  <td>
                    <button type="button" className="btn btn--small" disabled={!allowed} title={allowed ? undefined : DENIED} aria-label={`Delete ${r.name}`}
                      onClick={() => ask({ title: `Delete the rule "${r.name}"?`, confirm: 'Delete', tone: 'danger', done: `Rule "${r.name}" deleted`, verb: 'delete the rule',
                        body: 'It is no longer evaluated; its firing alerts resolve at the next evaluation. Its past alerts stay in the history. Undo restores it.',
                        call: (key) => deleteRule(r.rule_id, key) })}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {dialog}
        </div>
      )}
    </ChartCard>
  );
}
