import { ChartCard } from '../../../components';
import { formatDateTime } from '../../../lib/format';
import { ActionTrail } from '../../agents';
import { useActiveAlerts } from '../api';

/** Chart 1.6 */
export function ActiveAlerts() {
  const query = useActiveAlerts();
  return (
    <ChartCard title="Active Alerts" number="1.6" query={query} height={160} emptyReason={(a) => (a.length === 0 ? 'No alert is firing right now.' : null)}>
      {(alerts) => (
        <ul className="feed">
          {alerts.map((a) => (
            <li key={a.alert_id} data-alert-id={a.alert_id}>
              <span className={`badge badge--sev-${a.severity}`}>{a.severity}</span>
              <span className="feed__text">{a.title}{a.silenced ? ' (silenced)' : ''}</span>
              {a.fired_at && <time dateTime={a.fired_at}>{formatDateTime(a.fired_at)}</time>}
            </li>
          ))}
        </ul>
      )}
    </ChartCard>
  );
}

/**
 * Chart 1.7: the action audit trail itself (guardrail `GET /api/v1/actions`, newest first) — status, what,
 * on which agent, by whom and when, with Undo for operators. (query-service `/api/v1/activity` reads the
 * same table but carries no actor, so the feed reads the trail directly.)
 */
export function RecentActivity() {
  return <ActionTrail title="Recent Activity" number="1.7" query={{ limit: 10 }} emptyText="No action has been taken in this workspace yet." />;
}
