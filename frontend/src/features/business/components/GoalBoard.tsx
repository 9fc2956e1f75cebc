import type { UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import { ChartCard, ConfirmDialog } from '../../../components';
import { humanize } from '../../../lib/format';
import type { Goal } from '../api';
import { METRIC_LABEL, STATUS_LABEL, STATUS_ORDER } from '../lib';
import { useBusinessAction, useCanManageBusiness } from '../useBusinessAction';
import { formatMetric, StatusBadge } from './BusinessCharts';
import { GoalEditor } from './GoalEditor';

/** Chart 7.6: open goals by status, with edit and close for operators (each an audited, undoable action). */
export function GoalBoard({ query }: { query: UseQueryResult<Goal[]> }) {
  const canManage = useCanManageBusiness();
  const action = useBusinessAction();
  const [editing, setEditing] = useState<Goal | 'new' | null>(null);
  const [closing, setClosing] = useState<Goal | null>(null);
  const deny = canManage ? undefined : 'Managing goals needs the operator role or higher.';
  return (
    <>
      <ChartCard title="Goal Board" number="7.6" query={query} height={220} className="card--wide"
        subtitle="Status from the projection to the target date: on track ≥ 100 % of target, at risk 90–100 %, off track below 90 %."
        actions={<button type="button" className="btn btn--small btn--primary" disabled={!canManage} title={deny} onClick={() => setEditing('new')}>New goal</button>}
        emptyReason={(g) => (g.filter((x) => !x.closed).length === 0 ? 'No open goal yet.' : null)}>
        {(goals) => (
          <div className="goal-board" role="list" aria-label="Goals by status">
            {STATUS_ORDER.map((s) => {
              const col = goals.filter((g) => !g.closed && g.status === s);
              return (
                <section key={s} className="goal-board__column" aria-label={`${STATUS_LABEL[s]} goals`}>
                  <h3 className="goal-board__heading">{STATUS_LABEL[s]} <span className="goal-board__count">{col.length}</span></h3>
                  {col.map((g) => (
                    <article key={g.goal_id} className="goal-card" role="listitem" aria-label={g.name}>
                      <header className="goal-card__header"><strong>{g.name}</strong> <StatusBadge status={g.status} /></header>
                      <p className="goal-card__meta">{humanize(g.department)} · {METRIC_LABEL[g.metric] ?? g.metric} · by {g.target_date}</p>
                      <div className="goal-card__bar" aria-label={`${g.progress_pct}% of target`}>
                        <span style={{ width: `${Math.min(100, Math.max(0, g.progress_pct))}%` }} />
                      </div>
                      <p className="goal-card__numbers">{formatMetric(g.metric, g.current_value)} of {formatMetric(g.metric, g.target_value)}; projected {formatMetric(g.metric, g.projected_value)} ({g.projected_pct_of_target}%)</p>
                      <div className="goal-card__actions">
                        <button type="button" className="btn btn--small" disabled={!canManage} title={deny} onClick={() => setEditing(g)}>Edit</button>
                        <button type="button" className="btn btn--small" disabled={!canManage} title={deny} onClick={() => setClosing(g)}>Close</button>
                      </div>
                    </article>
                  ))}
                </section>
              );
            })}
          </div>
        )}
      </ChartCard>
      {editing && <GoalEditor goal={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      <ConfirmDialog open={closing !== null} title={closing ? `Close goal "${closing.name}"?` : ''} confirmLabel="Close goal" pendingLabel="Closing…"
        pending={action.pending === 'close_goal'} onCancel={() => setClosing(null)}
        onConfirm={async () => {
          if (closing) await action.run({ kind: 'close_goal', goalId: closing.goal_id });
          setClosing(null);
        }}>
        The goal leaves the board with the value and status it has now. Recorded in the audit trail; undo reopens it.
      </ConfirmDialog>
    </>
  );
}
