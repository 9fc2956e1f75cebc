import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCard, ChartFrame, useAxisProps } from '../../../components';
import { formatCompact, formatDateTime, formatPct, formatTick, formatUsd, humanize } from '../../../lib/format';
import { rangeSpanMs, useFilters } from '../../filters';
import { useAdoption, useTopAgents, useTopUsers } from '../api';

/** Chart 2.5: active and cumulative users and active agents over time. */
export function AdoptionCurves() {
  const { apiParams, filters } = useFilters();
  const query = useAdoption(apiParams);
  const ax = useAxisProps();
  const span = rangeSpanMs(filters);
  return (
    <ChartCard title="Agent Adoption Curves" number="2.5" query={query} height={240}
      emptyReason={(rows) => (rows.length < 2 ? 'Not enough history in this range to draw adoption.' : null)}>
      {(rows) => (
        <ChartFrame height={240}>
          <LineChart data={rows.map((r) => ({ ...r, t: Date.parse(r.timestamp) }))} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid {...ax.grid} />
            <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} {...ax.axis} tickFormatter={(t: number) => formatTick(t, span)} />
            <YAxis yAxisId="users" {...ax.axis} tickFormatter={(v: number) => formatCompact(v)} width={48} />
            <YAxis yAxisId="agents" orientation="right" {...ax.axis} width={40} />
            <Tooltip {...ax.tooltip} labelFormatter={(t) => formatDateTime(Number(t))} formatter={(v, n) => [formatCompact(Number(v)), n]} />
            <Legend verticalAlign="top" />
            <Line yAxisId="users" dataKey="cumulative_users" name="Cumulative users" stroke={ax.series[0]} dot={false} strokeWidth={2} isAnimationActive={false} />
            <Line yAxisId="users" dataKey="active_users" name="Active users" stroke={ax.series[1]} dot={false} isAnimationActive={false} />
            <Line yAxisId="agents" dataKey="active_agents" name="Active agents" stroke={ax.series[2]} dot={false} isAnimationActive={false} />
          </LineChart>
        </ChartFrame>
      )}
    </ChartCard>
  );
}

/** Chart 2.8 (agents) */
export function TopAgents() {
  const { apiParams } = useFilters();
  const query = useTopAgents(apiParams);
  return (
    <ChartCard title="Top Agents by Calls" number="2.8" query={query} height={220}
      emptyReason={(rows) => (rows.length === 0 ? 'No agent was called in this range.' : null)}>
      {(rows) => (
        <table className="table table--compact">
          <thead><tr><th scope="col">Agent</th><th scope="col">Department</th><th scope="col">Calls</th><th scope="col">Share</th><th scope="col">Errors</th><th scope="col">Cost</th></tr></thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.agent_id}>
                <th scope="row">{a.agent_id}</th><td>{humanize(a.department)}</td><td className="num">{formatCompact(a.request_count)}</td>
                <td className="num">{formatPct(a.pct, 1)}</td><td className="num">{formatPct(a.error_rate)}</td><td className="num">{formatUsd(a.cost_usd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ChartCard>
  );
}

/** Chart 2.8 (users) */
export function TopUsers() {
  const { apiParams } = useFilters();
  const query = useTopUsers(apiParams);
  return (
    <ChartCard title="Top Users by Calls" number="2.8" query={query} height={220}
      emptyReason={(rows) => (rows.length === 0 ? 'No identified end user called an agent in this range.' : null)}>
      {(rows) => (
        <table className="table table--compact">
          <thead><tr><th scope="col">User</th><th scope="col">Calls</th><th scope="col">Agents used</th><th scope="col">Cost</th><th scope="col">Last seen</th></tr></thead>
          <tbody>
            {rows.map((u) => (
              <tr key={u.user_id}>
                <th scope="row">{u.user_id}</th><td className="num">{formatCompact(u.request_count)}</td><td className="num">{formatCompact(u.agents_used)}</td>
                <td className="num">{formatUsd(u.cost_usd)}</td><td>{u.last_seen_at ? formatDateTime(u.last_seen_at) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ChartCard>
  );
}
