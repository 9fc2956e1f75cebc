import { useMemo, useState } from 'react';
import { ChartCard, ConfirmDialog } from '../../../components';
import { formatDateTime, humanize } from '../../../lib/format';
import { useFilters } from '../../filters';
import { useAuth } from '../../auth';
import { approveChange, rejectChange, reconcileAgent, useApprovals, useDrift, useMatrix, type Approval, type DriftRow } from '../api';
import { useConfigAction } from '../useConfigAction';

const ENVIRONMENTS = ['production', 'staging', 'development'];
const KIND_LABEL: Record<DriftRow['drift_kind'], string> = {
  desired_vs_observed: 'runs ≠ approved',
  env_vs_production: 'differs from production',
};

interface MatrixCell {
  agent: string;
  rows: DriftRow[];
}

/** Chart 10.1: logical agent × environment; a drifted cell names its drifted paths and offers a reconcile. */
export function DriftMatrix() {
  const { apiParams } = useFilters();
  const query = useDrift(apiParams);
  const action = useConfigAction('operator');
  const [showAll, setShowAll] = useState(false);
  const [target, setTarget] = useState<MatrixCell | null>(null);
  return (
    <ChartCard title="Drift Matrix" number="10.1" className="card--wide" query={query} height={320}
      subtitle="Each agent against its approved version and against production (ignored paths never count)"
      actions={<label className="checkbox"><input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} /> Show agents in sync</label>}
      emptyReason={(rows) => (rows.length === 0 ? 'No drift check has run yet for these agents.' : null)}>
      {(rows) => {
        const byLogical = new Map<string, Map<string, MatrixCell>>();
        for (const r of rows) {
          const envs = byLogical.get(r.logical_key) ?? new Map<string, MatrixCell>();
          const cell = envs.get(r.environment) ?? { agent: r.agent_key, rows: [] };
          cell.rows.push(r);
          envs.set(r.environment, cell);
          byLogical.set(r.logical_key, envs);
        }
        const keys = [...byLogical.keys()].sort();
        const drifted = (k: string) => [...byLogical.get(k)!.values()].some((c) => c.rows.some((r) => r.drifted));
        const shown = keys.filter((k) => showAll || drifted(k)).sort((a, b) => Number(drifted(b)) - Number(drifted(a)) || a.localeCompare(b));
        const environments = [...ENVIRONMENTS, ...new Set(rows.map((r) => r.environment).filter((e) => !ENVIRONMENTS.includes(e)))];
        return (
          <>
            {shown.length === 0
              ? <p role="status">Every agent runs its approved configuration and matches production.</p>
              : (
                <div className="table-wrap" style={{ maxHeight: 320, overflow: 'auto' }}>
                  <table className="table table--compact" aria-label="Drift matrix">
                    <thead><tr><th scope="col">Agent</th>{environments.map((e) => <th key={e} scope="col">{humanize(e)}</th>)}</tr></thead>
                    <tbody>
                      {shown.map((k) => (
                        <tr key={k}>
                          <th scope="row">{k}</th>
                          {environments.map((e) => {
                            const cell = byLogical.get(k)!.get(e);
                            if (!cell) return <td key={e} className="muted">—</td>;
                            const bad = cell.rows.filter((r) => r.drifted);
                            if (bad.length === 0) return <td key={e} data-drift="in-sync">In sync</td>;
                            return (
                              <td key={e} data-drift="drifted" style={{ background: 'var(--bad-bg, #fde8e8)' }}>
                                {bad.map((r) => (
                                  <div key={r.drift_kind}>
                                    <strong>{KIND_LABEL[r.drift_kind]}</strong>{' '}
                                    {r.paths.length > 0 ? r.paths.map((p) => <code key={p}>{p}</code>).reduce<React.ReactNode[]>((acc, el, i) => (i ? [...acc, ', ', el] : [el]), []) : 'reported another hash'}
                                  </div>
                                ))}
                                <button type="button" className="btn btn--small" disabled={!action.allowed || action.pending}
                                  aria-label={`Reconcile ${cell.agent}`} onClick={() => setTarget(cell)}>Reconcile</button>
                              </td>
                            );
                          })}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            <ConfirmDialog open={target !== null} title={target ? `Reconcile ${target.agent}?` : ''} confirmLabel="Reconcile" pendingLabel="Reconciling…"
              pending={action.pending} onCancel={() => setTarget(null)}
              onConfirm={() => {
                const cell = target!;
                void action.run({ done: `Drift reconciled on ${cell.agent}`, verb: `reconcile ${cell.agent}`, call: (key) => reconcileAgent(cell.agent, null, key) })
                  .then(() => setTarget(null));
              }}>
              <p>Pushes the desired configuration to {target?.agent}: its approved version again, and production’s values on the paths that differ from production. Keys other actions own (the rate limit) keep their value. It becomes a new version; you can undo it from the notice that follows.</p>
            </ConfirmDialog>
          </>
        );
      }}
    </ChartCard>
  );
}

function describeChange(a: Approval): string {
  const changes = a.action_params.changes;
  if (changes && typeof changes === 'object') {
    return Object.entries(changes as Record<string, unknown>).map(([k, v]) => `${k} → ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('; ');
  }
  return humanize(a.action_type);
}

/** Chart 10.5: the approval queue; approve (never your own change) or reject, each confirmed. */
export function ApprovalQueue() {
  const { apiParams } = useFilters();
  const [status, setStatus] = useState<'pending' | 'all'>('pending');
  const query = useApprovals({ department: apiParams.department, status: status === 'pending' ? 'pending' : undefined, limit: 50 });
  const action = useConfigAction('operator');
  const { user } = useAuth();
  const [target, setTarget] = useState<{ approval: Approval; verb: 'approve' | 'reject' } | null>(null);
  const me = user?.id ?? null;
  return (
    <ChartCard title="Approval Queue" number="10.5" className="card--wide" query={query} height={260}
      actions={(
        <select aria-label="Approval status" value={status} onChange={(e) => setStatus(e.target.value as 'pending' | 'all')}>
          <option value="pending">Pending</option>
          <option value="all">All</option>
        </select>
      )}
      emptyReason={(rows) => (rows.length === 0 ? (status === 'pending' ? 'Nothing waits for approval.' : 'No approvals yet.') : null)}>
      {(rows) => (
        <>
          <div className="table-wrap" style={{ maxHeight: 260, overflow: 'auto' }}>
            <table className="table table--compact" aria-label="Approval queue">
              <thead><tr><th scope="col">Agent</th><th scope="col">Change</th><th scope="col">Policies</th><th scope="col">Requested by</th><th scope="col">Approvals</th><th scope="col">Status</th><th scope="col">Expires</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
              <tbody>
                {rows.map((a) => {
                  const own = me !== null && a.requested_by_subject === me;
                  return (
                    <tr key={a.id} data-approval-id={a.id}>
                      <th scope="row">{a.agent_id ?? '—'}</th>
                      <td>{describeChange(a)}</td>
                      <td>{a.matched_policies.map((p) => String(p.name)).join(', ')}</td>
                      <td>{a.requested_by_email ?? a.requested_by_subject}</td>
                      <td>{a.approvals} / {a.required_approvals}</td>
                      <td>{a.status}</td>
                      <td>{formatDateTime(a.expires_at)}</td>
                      <td>
                        {a.status === 'pending' && (
                          <>
                            <button type="button" className="btn btn--small" disabled={!action.allowed || action.pending || own}
                              title={own ? 'You requested this change: someone else must approve it' : undefined}
                              aria-label={`Approve change on ${a.agent_id ?? 'workspace'}`} onClick={() => setTarget({ approval: a, verb: 'approve' })}>Approve</button>{' '}
                            <button type="button" className="btn btn--small" disabled={!action.allowed || action.pending}
                              aria-label={`Reject change on ${a.agent_id ?? 'workspace'}`} onClick={() => setTarget({ approval: a, verb: 'reject' })}>Reject</button>
                          </>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <ConfirmDialog open={target !== null} title={target ? `${target.verb === 'approve' ? 'Approve' : 'Reject'} the change on ${target.approval.agent_id ?? 'the workspace'}?` : ''}
            confirmLabel={target?.verb === 'approve' ? 'Approve' : 'Reject'} pendingLabel={target?.verb === 'approve' ? 'Approving…' : 'Rejecting…'}
            pending={action.pending} tone={target?.verb === 'reject' ? 'danger' : 'default'} onCancel={() => setTarget(null)}
            onConfirm={() => {
              const t = target!;
              const label = t.approval.agent_id ?? 'the workspace';
              void action.run(t.verb === 'approve'
                ? { done: `Change on ${label} approved`, verb: `approve the change on ${label}`,
                    call: async (key) => { const r = await approveChange(t.approval.id, 'approved in the Configuration tab', key); return r.applied ?? r.decision; } }
                : { done: `Change on ${label} rejected`, verb: `reject the change on ${label}`,
                    call: async (key) => (await rejectChange(t.approval.id, 'rejected in the Configuration tab', key)).decision })
                .then(() => setTarget(null));
            }}>
            <p>{target && describeChange(target.approval)}</p>
            <p>{target?.verb === 'approve'
              ? `When this approval completes the count (${target.approval.approvals + 1} of ${target.approval.required_approvals}), the change is applied once as a new version; undo it from the notice that follows.`
              : 'The change is dropped and the configuration stays as it is. A rejection cannot be taken back: the change must be proposed again.'}</p>
          </ConfirmDialog>
        </>
      )}
    </ChartCard>
  );
}

const ROLES = ['viewer', 'analyst', 'operator', 'admin'];

/** Chart 10.6: users × roles; the base role, department-scoped and temporary grants, and the effective role. */
export function RbacMatrix() {
  const query = useMatrix();
  const grantsFor = useMemo(() => (role: string, grants: { role: string; department_code: string | null; expires_at: string | null }[]) =>
    grants.filter((g) => g.role === role).map((g) => `${g.department_code ? humanize(g.department_code) : 'workspace'}${g.expires_at ? ` until ${formatDateTime(g.expires_at)}` : ''}`), []);
  return (
    <ChartCard title="RBAC Matrix" number="10.6" query={query} height={260}
      emptyReason={(rows) => (rows.length === 0 ? 'No members in this workspace.' : null)}>
      {(rows) => (
        <div className="table-wrap" style={{ maxHeight: 260, overflow: 'auto' }}>
          <table className="table table--compact" aria-label="RBAC matrix">
            <thead><tr><th scope="col">User</th>{ROLES.map((r) => <th key={r} scope="col">{humanize(r)}</th>)}<th scope="col">Effective</th></tr></thead>
            <tbody>
              {rows.map((u) => (
                <tr key={u.user_id}>
                  <th scope="row">{u.display_name ?? u.email}</th>
                  {ROLES.map((r) => {
                    const grants = grantsFor(r, u.grants);
                    return <td key={r}>{u.base_role === r ? <strong>base</strong> : null}{grants.length > 0 && <span>{u.base_role === r ? ' + ' : ''}{grants.join('; ')}</span>}</td>;
                  })}
                  <td>{humanize(u.effective_role)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ChartCard>
  );
}
