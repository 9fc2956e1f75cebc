import { useState } from 'react';
import { ChartCard, ConfirmDialog, Modal } from '../../../components';
import { formatDateTime, formatDuration, formatPct, humanize } from '../../../lib/format';
import { useFilters } from '../../filters';
import {
  changeExecution, changePlaybook, useExecution, useExecutions, usePlaybook, usePlaybooks,
  type Execution, type PlaybookItem,
} from '../api';
import { logLine } from '../lib/mapping';
import { useAutomationAction } from '../useAutomationAction';
import { PlaybookDesigner } from './Designer';

interface Pending {
  title: string;
  body: string;
  confirm: string;
  tone?: 'danger';
  done: string;
  verb: string;
  call: (key: string) => ReturnType<typeof changePlaybook>;
}

const DENIED = 'Operators and admins run playbooks; your role can read only.';

/** One confirmation dialog for every action of a panel, then the shared action path (Undo where reversible). */
function useConfirmed() {
  const action = useAutomationAction();
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

/** The playbooks with their run statistics and actions (dry-run, run, enable/disable, edit). */
export function PlaybooksTable() {
  const { apiParams } = useFilters();
  const query = usePlaybooks(apiParams);
  const { allowed, ask, dialog } = useConfirmed();
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const change = (p: PlaybookItem, verb: 'run' | 'dry-run' | 'enable' | 'disable') => {
    const text = {
      run: { title: `Run "${p.name}" now?`, confirm: 'Run', done: 'Run started', body: 'Its steps run now through the audited actions, as the playbook. A started run can be cancelled, not undone.' },
      'dry-run': { title: `Dry-run "${p.name}"?`, confirm: 'Dry-run', done: 'Dry-run recorded', body: 'Lists the actions a run would take, without taking any. Only the dry-run itself is recorded.' },
      enable: { title: `Enable "${p.name}"?`, confirm: 'Enable', done: 'Playbook enabled', body: 'Its trigger starts runs again.' },
      disable: { title: `Disable "${p.name}"?`, confirm: 'Disable', done: 'Playbook disabled', body: 'Its trigger stops starting runs; running ones finish.' },
    }[verb];
    ask({ ...text, verb: `${verb} the playbook`, call: (key) => changePlaybook(p.playbook_id, verb, key) });
  };
  return (
    <>
      <ChartCard title="Playbooks" className="card--wide" query={query} height={160}
        subtitle="Each playbook's trigger, runs in the range and success rate (failed = failed or rolled back)."
        actions={<button type="button" className="btn btn--small" onClick={() => setEditing('new')}>New playbook</button>}
        emptyReason={(list) => (list.length === 0 ? 'No playbook yet: create one with "New playbook".' : null)}>
        {(list) => (
          <div className="table-wrap">
            <table className="table table--compact" aria-label="Playbooks">
              <thead><tr><th>Playbook</th><th>Trigger</th><th>Status</th><th className="num">Steps</th><th className="num">Runs</th><th className="num">Success</th><th>Last run</th><th>Next run</th><th><span className="visually-hidden">Actions</span></th></tr></thead>
              <tbody>
                {list.map((p) => (
                  <tr key={p.playbook_id} data-playbook-name={p.name}>
                    <th scope="row">{p.name} <small>v{p.version}</small></th>
                    <td>{humanize(p.trigger_type)}</td>
                    <td>{p.enabled ? 'enabled' : 'disabled'}</td>
                    <td className="num">{p.step_count}</td>
                    <td className="num">{p.executions}</td>
                    <td className="num">{formatPct(p.success_rate_pct, 0)}</td>
                    <td>{p.last_run_at ? formatDateTime(p.last_run_at) : '—'}</td>
                    <td>{p.next_run_at ? formatDateTime(p.next_run_at) : '—'}</td>
                    <td className="automations-actions">
                      <button type="button" className="btn btn--small" disabled={!allowed} title={allowed ? undefined : DENIED} onClick={() => change(p, 'dry-run')}>Dry-run</button>
                      <button type="button" className="btn btn--small" disabled={!allowed || !p.enabled} title={allowed ? undefined : DENIED} onClick={() => change(p, 'run')}>Run</button>
                      <button type="button" className="btn btn--small" disabled={!allowed} title={allowed ? undefined : DENIED} onClick={() => change(p, p.enabled ? 'disable' : 'enable')}>{p.enabled ? 'Disable' : 'Enable'}</button>
                      <button type="button" className="btn btn--small" onClick={() => setEditing(p.playbook_id)}>Edit</button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ChartCard>
      {dialog}
      {editing === 'new' && <PlaybookDesigner onClose={() => setEditing(null)} />}
      {editing !== null && editing !== 'new' && <EditPlaybook id={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function EditPlaybook({ id, onClose }: { id: string; onClose: () => void }) {
  const detail = usePlaybook(id);
  if (!detail.data) return <Modal title="Loading playbook" onClose={onClose}><p>{detail.isError ? 'Could not load the playbook.' : 'Loading…'}</p></Modal>;
  return <PlaybookDesigner playbookId={id} initial={detail.data.playbook.definition} onClose={onClose} />;
}

/** Recent executions; a row opens the execution view. */
export function ExecutionsTable() {
  const { apiParams } = useFilters();
  const query = useExecutions(apiParams);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <>
      <ChartCard title="Executions" className="card--wide" query={query} height={160}
        subtitle="The latest 100 runs and dry-runs in the range; open one for its steps, logs, approval and cancel."
        emptyReason={(list) => (list.length === 0 ? 'No execution in this range.' : null)}>
        {(list) => (
          <div className="table-wrap" style={{ maxHeight: 360, overflowY: 'auto' }}>
            <table className="table table--compact" aria-label="Executions">
              <thead><tr><th>Playbook</th><th>Mode</th><th>Status</th><th>Trigger</th><th>Queued</th><th className="num">Duration</th><th><span className="visually-hidden">Open</span></th></tr></thead>
              <tbody>
                {list.map((e) => (
                  <tr key={e.execution_id} data-execution-id={e.execution_id}>
                    <th scope="row">{e.playbook_name}</th>
                    <td>{humanize(e.mode)}</td>
                    <td><span className={`badge automations-status--${e.status}`}>{humanize(e.status)}</span>{e.reason ? <small> ({humanize(e.reason)})</small> : null}</td>
                    <td>{humanize(e.trigger_source)}</td>
                    <td>{formatDateTime(e.queued_at)}</td>
                    <td className="num">{formatDuration(e.duration_ms)}</td>
                    <td><button type="button" className="btn btn--small" onClick={() => setOpen(e.execution_id)}>View</button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ChartCard>
      {open && <ExecutionView id={open} onClose={() => setOpen(null)} />}
    </>
  );
}

/** One execution: its steps with status, action, attempts and log; Approve and Cancel while it is open. */
export function ExecutionView({ id, onClose }: { id: string; onClose: () => void }) {
  const query = useExecution(id);
  const { allowed, ask, dialog } = useConfirmed();
  const e: Execution | undefined = query.data;
  return (
    <Modal title={e ? `${e.playbook_name}: ${humanize(e.mode)} run` : 'Execution'} onClose={onClose} wide>
      {!e ? <p>{query.isError ? 'Could not load the execution.' : 'Loading…'}</p> : (
        <div className="automations-execution" data-execution-status={e.status}>
          <p>
            Status <strong data-testid="execution-status">{humanize(e.status)}</strong>{e.reason ? ` (${humanize(e.reason)})` : ''} ·
            trigger {humanize(e.trigger_source)}{e.triggered_by ? ` by ${e.triggered_by}` : ''} · queued {formatDateTime(e.queued_at)}
            {e.finished_at ? ` · finished ${formatDateTime(e.finished_at)}` : ''}
          </p>
          {e.error && <p role="alert">{e.error}</p>}
          {e.status === 'awaiting_approval' && <p>Waiting for an approver until {e.approval_deadline ? formatDateTime(e.approval_deadline) : '—'}; without one the run fails and no further action runs.</p>}
          <div className="toolbar">
            <button type="button" className="btn btn--small" disabled={!allowed || e.status !== 'awaiting_approval'} title={allowed ? undefined : DENIED}
              onClick={() => ask({ title: 'Approve the waiting step?', confirm: 'Approve', done: 'Step approved', verb: 'approve the step',
                body: 'The step runs now. The person who started the run cannot approve it.', call: (key) => changeExecution(e.execution_id, 'approve', key) })}>Approve</button>
            <button type="button" className="btn btn--small" disabled={!allowed || !['queued', 'running', 'awaiting_approval'].includes(e.status)} title={allowed ? undefined : DENIED}
              onClick={() => ask({ title: 'Cancel this run?', confirm: 'Cancel run', tone: 'danger', done: 'Run cancelled', verb: 'cancel the run',
                body: 'No further step starts; steps already done stay done (roll them back from the audit trail if needed).', call: (key) => changeExecution(e.execution_id, 'cancel', key) })}>Cancel run</button>
          </div>
          <table className="table table--compact" aria-label="Execution steps">
            <thead><tr><th>#</th><th>Action</th><th>Status</th><th className="num">Attempts</th><th>Action id</th><th>Log</th></tr></thead>
            <tbody>
              {(e.steps ?? []).map((s) => (
                <tr key={s.step_index} data-step-status={s.status}>
                  <td>{s.step_index + 1}</td>
                  <td>{s.action_type} <small>({s.owner_service})</small></td>
                  <td><span className={`badge automations-status--${s.status}`}>{humanize(s.status)}</span></td>
                  <td className="num">{s.attempts}</td>
                  <td><code>{s.action_id ?? '—'}</code>{s.rollback_action_id ? <><br /><small>rollback {s.rollback_action_id}</small></> : null}</td>
                  <td><ul className="automations-log">{s.log.map((line, i) => <li key={i}>{logLine(line)}</li>)}</ul>{s.error && <small role="note">{s.error}</small>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {dialog}
    </Modal>
  );
}
