import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ChartCard } from '../../../components';
import { formatDateTime, humanize } from '../../../lib/format';
import { roleAtLeast, useAuth } from '../../auth';
import { ACTION_ROLE } from '../actionCopy';
import { useActionTrail, type ActionRecord, type TrailQuery } from '../api';
import { useUndoAction } from '../useAgentAction';
import '../agents.css';

const TYPE_LABELS: Record<string, string> = {
  'agent.pause': 'Paused',
  'agent.resume': 'Resumed',
  'agent.rollback_version': 'Rolled back the version of',
  'agent.set_rate_limit': 'Changed the rate limit of',
  'agent.deprecate': 'Deprecated',
  'action.rollback': 'Undid an action on',
};

export function describeActionType(type: string): string {
  return TYPE_LABELS[type] ?? humanize(type.replace('.', ' '));
}

/** Who acted: "you", a user (the audit trail keeps the subject id, not a name), an agent or an automation. */
export function describeActor(record: ActionRecord, currentUserId: string | null | undefined): string {
  if (record.actor_user_id && record.actor_user_id === currentUserId) return 'you';
  const subject = record.actor_subject ?? record.actor_user_id;
  if (record.actor_type === 'user') return subject ? `user ${subject.slice(0, 8)}` : 'a user';
  if (record.actor_type === 'agent') return subject ? `agent ${subject.replace(/^apikey:/, '').slice(0, 8)}` : 'an agent';
  return humanize(record.actor_type ?? 'system');
}

interface ActionTrailProps {
  title: string;
  number?: string;
  query: TrailQuery;
  emptyText: string;
  className?: string;
}

/** The audit trail (guardrail `GET /api/v1/actions`): status, what, on which agent, by whom, when; undo for operators. */
export function ActionTrail({ title, number, query, emptyText, className }: ActionTrailProps) {
  const trail = useActionTrail(query);
  const auth = useAuth();
  const undo = useUndoAction();
  const [undoing, setUndoing] = useState<string | null>(null);
  const canUndo = roleAtLeast(auth.role, ACTION_ROLE);
  return (
    <ChartCard title={title} number={number} query={trail} height={160} className={className} emptyReason={(a) => (a.length === 0 ? emptyText : null)}>
      {(items) => (
        <ul className="feed" data-testid="action-trail">
          {items.map((a) => (
            <li key={a.action_id} data-testid="action-trail-item" data-action-type={a.action_type} data-status={a.status}>
              <span className={`badge badge--${a.status}`}>{humanize(a.status)}</span>
              <span className="feed__text">
                {describeActionType(a.action_type)}{' '}
                {a.target_type === 'agent' && a.target_id ? <Link to={`/agents/${encodeURIComponent(a.target_id)}`}>{a.target_id}</Link> : (a.target_id ?? '')}
                <span className="muted"> · by {describeActor(a, auth.user?.id)}</span>
              </span>
              {canUndo && a.status === 'completed' && a.rollback_available && (
                <button
                  type="button"
                  className="btn btn--small"
                  aria-label={`Undo: ${describeActionType(a.action_type)} ${a.target_id ?? ''}`.trim()}
                  disabled={undoing !== null}
                  onClick={() => {
                    setUndoing(a.action_id);
                    void undo(a).finally(() => setUndoing(null));
                  }}
                >
                  {undoing === a.action_id ? 'Undoing…' : 'Undo'}
                </button>
              )}
              <time dateTime={a.created_at} title={a.completed_at ? `completed ${formatDateTime(a.completed_at)}` : undefined}>{formatDateTime(a.created_at)}</time>
            </li>
          ))}
        </ul>
      )}
    </ChartCard>
  );
}
