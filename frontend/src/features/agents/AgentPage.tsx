import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ChartCard, KpiRow } from '../../components';
import { formatDateTime, formatDuration, formatInteger, formatPct, formatUsd, humanize } from '../../lib/format';
import { useAgentConfig, useAgentDetail, type AgentConfig } from './api';
import { ActionTrail } from './components/ActionTrail';
import { AgentActions } from './components/AgentActions';
import './agents.css';

// Its own range switch (the filter bar's department/agent filters do not apply to one agent).
const RANGES = ['1h', '24h', '7d', '30d'] as const;
type Range = (typeof RANGES)[number];
const RANGE_LABELS: Record<Range, string> = { '1h': 'Last hour', '24h': 'Last 24 hours', '7d': 'Last 7 days', '30d': 'Last 30 days' };

function ConfigFacts({ config }: { config: AgentConfig }) {
  const facts: [string, string][] = [
    ['Status', humanize(config.status)],
    ['Lifecycle', humanize(config.lifecycle)],
    ['Version', config.version ?? '—'],
    ['Model', [config.model_provider, config.model].filter(Boolean).join(' / ') || '—'],
    ['Rate limit', config.rate_limit_rpm === null ? 'none' : `${formatInteger(config.rate_limit_rpm)} req/min`],
    ['Guardrail policy', config.guardrail_policy_id ?? 'none'],
    ['Configuration version', config.config_version === null ? 'baseline (never changed)' : `v${config.config_version}`],
  ];
  if (config.deprecation_date) facts.push(['Deprecation', `${formatDateTime(config.deprecation_date)}${config.replacement_agent_id ? ` → ${config.replacement_agent_id}` : ''}`]);
  return (
    <dl className="facts" data-testid="agent-config">
      {facts.map(([k, v]) => (
        <div key={k} style={{ display: 'contents' }}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One agent: control state (guardrail config), actions, headline metrics (query service) and its audit trail. */
export default function AgentPage() {
  const { agentId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const range: Range = RANGES.find((r) => r === search.get('range')) ?? '24h';
  const config = useAgentConfig(agentId);
  const detail = useAgentDetail(agentId, range);
  const agent = detail.data?.agent;
  const name = agent?.name ?? agentId;
  const paused = config.data ? config.data.status === 'paused' : (agent?.is_paused ?? null);
  const status = config.data?.status ?? (agent ? (agent.is_paused ? 'paused' : 'active') : null);

  return (
    <div className="agent-page" data-testid="agent-page" data-agent-id={agentId}>
      <p className="muted"><Link to="/">← Home</Link></p>
      <header className="agent-page__header">
        <div>
          <div className="agent-page__title">
            <h1>{name}</h1>
            {status && <span className={`badge badge--${status}`} data-testid="agent-status">{humanize(status)}</span>}
          </div>
          <p className="agent-page__sub">
            <code>{agentId}</code>
            {agent && ` · ${[humanize(agent.department), agent.environment, agent.version, agent.owner_team].filter(Boolean).join(' · ')}`}
          </p>
        </div>
        <AgentActions agent={{ agentId, name: agent?.name ?? null }} paused={paused} />
      </header>

      <div className="agent-page__ranges" role="group" aria-label="Time range of the metrics">
        {RANGES.map((r) => (
          <button key={r} type="button" className={`btn btn--small${r === range ? ' btn--active' : ''}`} aria-pressed={r === range} onClick={() => setSearch((s) => { s.set('range', r); return s; }, { replace: true })}>
            {RANGE_LABELS[r]}
          </button>
        ))}
      </div>
      <KpiRow
        label={`${name} metrics`}
        query={detail}
        count={6}
        cards={(d) => [
          { key: 'req', title: 'Requests', value: formatInteger(d.metrics.request_count.value), change: d.metrics.request_count.change, changeLabel: d.metrics.request_count.change_label },
          { key: 'err', title: 'Error Rate', value: formatPct(d.metrics.error_rate.value), change: d.metrics.error_rate.change, changeLabel: d.metrics.error_rate.change_label, trend: 'inverse' },
          { key: 'p50', title: 'P50 Latency', value: formatDuration(d.metrics.latency_p50.value), change: d.metrics.latency_p50.change, changeLabel: d.metrics.latency_p50.change_label, trend: 'inverse' },
          { key: 'p90', title: 'P90 Latency', value: formatDuration(d.metrics.latency_p90.value), change: d.metrics.latency_p90.change, changeLabel: d.metrics.latency_p90.change_label, trend: 'inverse' },
          { key: 'p99', title: 'P99 Latency', value: formatDuration(d.metrics.latency_p99.value), change: d.metrics.latency_p99.change, changeLabel: d.metrics.latency_p99.change_label, trend: 'inverse' },
          { key: 'cost', title: 'Cost', value: formatUsd(d.metrics.cost_usd.value), change: d.metrics.cost_usd.change, changeLabel: d.metrics.cost_usd.change_label, trend: 'inverse' },
        ]}
      />
      <div className="grid">
        <ChartCard title="Control state" query={config} height={160}>
          {(c) => <ConfigFacts config={c} />}
        </ChartCard>
        <ChartCard title="Versions" query={detail} height={160} emptyReason={(d) => (d.versions.length === 0 ? 'No traffic in this time range.' : null)}>
          {(d) => (
            <table className="table">
              <thead><tr><th scope="col">Version</th><th scope="col">Requests</th><th scope="col">Error rate</th><th scope="col">P90</th></tr></thead>
              <tbody>
                {d.versions.map((v) => (
                  <tr key={v.version}><td>{v.version}</td><td>{formatInteger(v.request_count)}</td><td>{formatPct(v.error_rate)}</td><td>{formatDuration(v.latency_p90)}</td></tr>
                ))}
              </tbody>
            </table>
          )}
        </ChartCard>
        <ActionTrail title="Actions on this agent" query={{ agent_id: agentId, limit: 20 }} emptyText="No action has been taken on this agent yet." className="card--wide" />
      </div>
      <p><Link to={`/traces?agent_id=${encodeURIComponent(agentId)}&range=${range}`}>Traces of this agent →</Link></p>
    </div>
  );
}
