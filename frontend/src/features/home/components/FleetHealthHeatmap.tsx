import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ChartCard, HeatmapGrid, Legend } from '../../../components';
import { formatTick, humanize } from '../../../lib/format';
import { AgentActions, agentPath, useAgentSummaries } from '../../agents';
import { rangeSpanMs, useFilters } from '../../filters';
import { useHealthHeatmap } from '../api';
import { HEALTH_BANDS, NO_DATA_COLOR, bucketBounds, bucketWidthMs, cellTracesUrl, healthColor } from '../lib/health';

const PAGE = 50;
const ROW_HEIGHT = 26;
const ACTIONS_WIDTH = 200;

/** Chart 1.8: agent × time bucket health score; a cell opens that agent's traces for that bucket. */
export function FleetHealthHeatmap() {
  const { filters, apiParams } = useFilters();
  const [limit, setLimit] = useState(PAGE);
  const query = useHealthHeatmap({ ...apiParams, limit });
  const navigate = useNavigate();
  // Paused or not, per agent: the heatmap itself carries no control state.
  const summaries = useAgentSummaries();
  const pausedById = new Map((summaries.data ?? []).map((a) => [a.agent_id, a.is_paused]));
  const span = rangeSpanMs(filters);
  const received = query.data?.data.agents.length ?? 0;
  const total = query.data?.meta?.total ?? (query.data ? received : null);
  // The API pages over agents (worst first); if a server ignores `limit`, page on this side.
  const shown = Math.min(received, limit);

  return (
    <ChartCard
      title="Fleet Health Heatmap"
      number="1.8"
      className="card--wide"
      subtitle={
        total !== null
          ? `${shown} of ${total} agents, worst first. Click a cell for that agent's traces in that time bucket, a name for the agent.`
          : 'Agents × time, worst first. Click a cell for that agent\'s traces in that time bucket, a name for the agent.'
      }
      query={query}
      height={Math.max(160, Math.min(shown || 20, PAGE) * ROW_HEIGHT + 40)}
      emptyReason={(d) => (d.data.agents.length === 0 ? 'No agent sent traffic in this time range with these filters.' : null)}
      actions={<Legend items={[...HEALTH_BANDS.map((b) => ({ label: b.label, color: b.color })), { label: 'No traffic', color: NO_DATA_COLOR }]} />}
    >
      {(body) => {
        const buckets = body.data.time_buckets;
        const bucket_seconds = body.meta?.bucket_seconds;
        const agents = body.data.agents.slice(0, limit);
        const heatmap = body.data.heatmap.slice(0, limit);
        const width = bucketWidthMs(buckets, filters.timeRange, bucket_seconds);
        return (
          <>
            <HeatmapGrid
              ariaLabel="Fleet health by agent and time bucket"
              rows={agents.map((a) => ({
                key: a.agent_id,
                label: a.name ?? a.agent_id,
                sublabel: [humanize(a.department), a.environment, a.version].filter(Boolean).join(' · '),
              }))}
              columns={buckets}
              values={heatmap}
              color={healthColor}
              formatValue={(v) => (v === null ? 'no traffic' : `health ${Math.round(v)}`)}
              formatColumn={(c) => formatTick(c, span)}
              rowHeight={ROW_HEIGHT}
              rowHref={(r) => agentPath(agents[r]!.agent_id)}
              onRowLabelClick={(r) => navigate(agentPath(agents[r]!.agent_id))}
              rowActionsWidth={ACTIONS_WIDTH}
              rowActions={(r, tabbable) => {
                const a = agents[r]!;
                return <AgentActions compact tabIndex={tabbable ? 0 : -1} agent={{ agentId: a.agent_id, name: a.name }} paused={pausedById.get(a.agent_id) ?? null} />;
              }}
              onCellClick={(r, c) => {
                const agent = agents[r];
                if (!agent || (heatmap[r]?.[c] ?? null) === null) return;
                navigate(cellTracesUrl(agent.agent_id, bucketBounds(buckets, c, width)));
              }}
            />
            {total !== null && shown < total && (
              <button type="button" className="btn btn--ghost" onClick={() => setLimit((l) => l + PAGE)}>
                Show {Math.min(PAGE, total - shown)} more agents
              </button>
            )}
          </>
        );
      }}
    </ChartCard>
  );
}
