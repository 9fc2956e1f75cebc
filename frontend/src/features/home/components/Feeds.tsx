import { ChartCard } from '../../../components';
import { formatDateTime, humanize } from '../../../lib/format';
import { useActiveAlerts, useRecentActivity } from '../api';

/** Chart 1.6 */
export function ActiveAlerts() {
  const query = useActiveAlerts();
  return (
    <ChartCard title="Active Alerts" number="1.6" query={query} height={160} emptyReason={(a) => (a.length === 0 ? 'No alert is firing right now.' : null)}>
      {(alerts) => (
        <ul className="feed">
          {alerts.map((a, i) => (
            <li key={a.alert_id ?? a.id ?? i}>
              <span className={`badge badge--sev-${a.severity ?? 'unknown'}`}>{a.severity ?? 'alert'}</span>
              <span className="feed__text">{a.title ?? 'Alert'}{a.agent_id ? ` · ${a.agent_id}` : ''}</span>
              {a.fired_at && <time dateTime={a.fired_at}>{formatDateTime(a.fired_at)}</time>}
            </li>
          ))}
        </ul>
      )}
    </ChartCard>
  );
}

/** Chart 1.7: deployments, actions and incidents, read from the action audit trail. */
export function RecentActivity() {
  const query = useRecentActivity();
  return (
    <ChartCard title="Recent Activity" number="1.7" query={query} height={160} emptyReason={(a) => (a.length === 0 ? 'No action has been taken in this workspace yet.' : null)}>
      {(items) => (
        <ul className="feed">
          {items.map((a, i) => (
            <li key={a.action_id ?? i}>
              <span className={`badge badge--${a.status === 'failed' ? 'breached' : 'met'}`}>{humanize(a.status ?? 'done')}</span>
              <span className="feed__text">
                {humanize(a.action_type.replace('.', ' '))}
                {a.target_id ? ` · ${a.target_id}` : ''}
                {a.actor_email ?? a.actor ? ` by ${a.actor_email ?? a.actor}` : ''}
              </span>
              {a.created_at && <time dateTime={a.created_at}>{formatDateTime(a.created_at)}</time>}
            </li>
          ))}
        </ul>
      )}
    </ChartCard>
  );
}
