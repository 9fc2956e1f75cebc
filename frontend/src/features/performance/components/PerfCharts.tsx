import { useState } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCard, ChartFrame, HeatmapGrid, Legend as ColorLegend, latencyColor, useAxisProps } from '../../../components';
import { formatCompact, formatDateTime, formatDuration, formatPct, formatTick, humanize } from '../../../lib/format';
import { rangeSpanMs, useFilters } from '../../filters';
import { useEnvironmentParity, useLatencyHeatmap, useLatencySample, useVersionComparison, type PerfOverview } from '../api';
import { toLatencyHistogram, toOverTimeRows, toSlowestAgents, toVersionBars } from '../lib/mapping';

const H = 240;
type Percentile = 'p90' | 'p95' | 'p99';

function useSpan() {
  const { filters } = useFilters();
  return rangeSpanMs(filters);
}

/** Chart 4.1 with 4.8 (slowest agents) from the same data. */
export function LatencyHeatmapAndSlowest() {
  const { apiParams, filters } = useFilters();
  const [percentile, setPercentile] = useState<Percentile>('p90');
  const query = useLatencyHeatmap({ ...apiParams, percentile });
  const span = useSpan();
  const navigate = useNavigate();
  const selector = (
    <div role="group" aria-label="Percentile" className="segmented">
      {(['p90', 'p95', 'p99'] as const).map((p) => (
        <button key={p} type="button" className={`btn btn--small${percentile === p ? ' btn--active' : ''}`} aria-pressed={percentile === p} onClick={() => setPercentile(p)}>{p.toUpperCase()}</button>
      ))}
    </div>
  );
  const legend = <ColorLegend items={[
    { label: '≤ 1 s', color: latencyColor(900) }, { label: '≤ 2 s', color: latencyColor(1900) }, { label: '≤ 3 s', color: latencyColor(2900) },
    { label: '≤ 4 s', color: latencyColor(3900) }, { label: '> 4 s', color: latencyColor(5000) }, { label: 'No traffic', color: 'var(--no-data)' },
  ]} />;
  return (
    <>
      <ChartCard title="Latency Percentile Heatmap" number="4.1" className="card--wide" query={query}
        subtitle={<>Agent × time, {percentile.toUpperCase()} latency; the SLO threshold is 2 s. Click a cell for its traces.</>}
        height={Math.max(160, Math.min(query.data?.data.agents.length ?? 20, 60) * 16 + 40)}
        actions={<>{selector}{legend}</>}
        emptyReason={(b) => (b.data.agents.length === 0 ? 'No agent sent traffic in this range with these filters.' : null)}>
        {(b) => (
          <HeatmapGrid
            ariaLabel={`${percentile} latency by agent and time bucket`}
            rows={b.data.agents.map((a) => ({ key: a.agent_id, label: a.name ?? a.agent_id }))}
            columns={b.data.time_buckets}
            values={b.data.heatmap}
            color={(v) => latencyColor(v)}
            formatValue={(v) => (v === null ? 'no traffic' : `${percentile.toUpperCase()} ${formatDuration(v)}`)}
            formatColumn={(c) => formatTick(c, span)}
            rowHeight={16}
            onCellClick={(r, c) => {
              const agent = b.data.agents[r];
              const start = b.data.time_buckets[c];
              if (!agent || !start || b.data.heatmap[r]?.[c] == null) return;
              const next = b.data.time_buckets[c + 1];
              const width = next ? Date.parse(next) - Date.parse(start) : span / Math.max(1, b.data.time_buckets.length);
              const search = new URLSearchParams({ range: 'custom', from: new Date(Date.parse(start)).toISOString(), to: new Date(Date.parse(start) + width).toISOString(), agent_id: agent.agent_id, sort: '-latency_ms' });
              if (filters.environment) search.set('environment', filters.environment);
              navigate(`/traces?${search.toString()}`);
            }}
          />
        )}
      </ChartCard>
      <ChartCard title="Slowest Agents" number="4.8" query={query} height={220}
        subtitle={`Mean of the ${percentile.toUpperCase()} per time bucket, worst bucket alongside.`}
        emptyReason={(b) => (toSlowestAgents(b.data).length === 0 ? 'No agent latency in this range.' : null)}>
        {(b) => (
          <table className="table table--compact">
            <thead><tr><th scope="col">Agent</th><th scope="col">Mean {percentile.toUpperCase()}</th><th scope="col">Worst bucket</th></tr></thead>
            <tbody>
              {toSlowestAgents(b.data).map((a) => (
                <tr key={a.agentId}><th scope="row">{a.label}</th><td className="num">{formatDuration(a.mean)}</td><td className="num">{formatDuration(a.worst)}</td></tr>
              ))}
            </tbody>
          </table>
        )}
      </ChartCard>
    </>
  );
}

/** Chart 4.2 */
export function EnvironmentParity() {
  const { apiParams } = useFilters();
  const { range: _r, from: _f, to: _t, environment: _e, ...scope } = apiParams;
  const query = useEnvironmentParity(scope);
  return (
    <ChartCard title="Environment Parity" number="4.2" query={query} height={160}
      subtitle="Staging and development against production (parity 100 = same P90 and error rate)."
      emptyReason={(rows) => (rows.length === 0 ? 'No environment has traffic yet.' : null)}>
      {(rows) => (
        <table className="table">
          <thead><tr><th scope="col">Environment</th><th scope="col">P90</th><th scope="col">Error rate</th><th scope="col">Requests</th><th scope="col">Parity</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.environment_name}>
                <th scope="row">{humanize(r.environment_name)}</th>
                <td className="num">{formatDuration(r.avg_latency_p90)}</td>
                <td className="num">{formatPct(r.error_rate)}</td>
                <td className="num">{formatCompact(r.request_count)}</td>
                <td className="num"><span className={`badge badge--${(r.parity_score ?? 0) >= 80 ? 'met' : 'breached'}`}>{r.parity_score == null ? '—' : r.parity_score.toFixed(0)}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ChartCard>
  );
}

/** Chart 4.3: the same filters, one group per version (version filter ignored). */
export function VersionComparison() {
  const { apiParams } = useFilters();
  const { version: _v, ...rest } = apiParams;
  const query = useVersionComparison(rest);
  const ax = useAxisProps();
  return (
    <ChartCard title="Version Performance Comparison" number="4.3" query={query} height={H}
      subtitle="P50 / P90 / P99 per version under the current filters (version filter ignored)."
      emptyReason={(rows) => (toVersionBars(rows).every((r) => r.requests === 0) ? 'No version has traffic in this range.' : null)}>
      {(rows) => (
        <ChartFrame height={H}>
          <BarChart data={toVersionBars(rows)} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid {...ax.grid} vertical={false} />
            <XAxis dataKey="version" {...ax.axis} />
            <YAxis {...ax.axis} tickFormatter={(v: number) => formatDuration(v)} width={56} />
            <Tooltip {...ax.tooltip} formatter={(v, name) => [formatDuration(Number(v)), name]} />
            <Legend verticalAlign="top" />
            <Bar dataKey="p50" name="P50" fill={ax.series[1]} isAnimationActive={false} />
            <Bar dataKey="p90" name="P90" fill={ax.series[0]} isAnimationActive={false} />
            <Bar dataKey="p99" name="P99" fill={ax.series[3]} isAnimationActive={false} />
          </BarChart>
        </ChartFrame>
      )}
    </ChartCard>
  );
}

/** Charts 4.4 (latency trend), 4.5 (throughput) and 4.6 (errors over time) from performance/overview. */
export function OverTimeCharts({ query }: { query: UseQueryResult<PerfOverview> }) {
  const ax = useAxisProps();
  const span = useSpan();
  const x = { dataKey: 't', type: 'number' as const, scale: 'time' as const, domain: ['dataMin', 'dataMax'] as [string, string], ...ax.axis, tickFormatter: (t: number) => formatTick(t, span) };
  const empty = (o: PerfOverview) => (toOverTimeRows(o).length < 2 ? 'Not enough traffic in this range to draw a trend.' : null);
  return (
    <>
      <ChartCard title="Latency Trend" number="4.4" query={query} height={H} emptyReason={empty}>
        {(o) => (
          <ChartFrame height={H}>
            <LineChart data={toOverTimeRows(o)} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid {...ax.grid} />
              <XAxis {...x} />
              <YAxis {...ax.axis} tickFormatter={(v: number) => formatDuration(v)} width={56} />
              <Tooltip {...ax.tooltip} labelFormatter={(t) => formatDateTime(Number(t))} formatter={(v, n) => [formatDuration(Number(v)), n]} />
              <Legend verticalAlign="top" />
              <Line dataKey="p50" name="P50" stroke={ax.series[1]} dot={false} isAnimationActive={false} />
              <Line dataKey="p90" name="P90" stroke={ax.series[0]} dot={false} strokeWidth={2} isAnimationActive={false} />
              <Line dataKey="p99" name="P99" stroke={ax.series[3]} dot={false} isAnimationActive={false} />
            </LineChart>
          </ChartFrame>
        )}
      </ChartCard>
      <ChartCard title="Throughput Over Time" number="4.5" query={query} height={H} emptyReason={empty}>
        {(o) => (
          <ChartFrame height={H}>
            <LineChart data={toOverTimeRows(o)} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid {...ax.grid} />
              <XAxis {...x} />
              <YAxis {...ax.axis} tickFormatter={(v: number) => formatCompact(v)} width={48} />
              <Tooltip {...ax.tooltip} labelFormatter={(t) => formatDateTime(Number(t))} formatter={(v) => [`${formatCompact(Number(v))} req/min`, 'Throughput']} />
              <Line dataKey="rpm" name="Requests/min" stroke={ax.series[4]} dot={false} strokeWidth={2} isAnimationActive={false} />
            </LineChart>
          </ChartFrame>
        )}
      </ChartCard>
      <ChartCard title="Error Rate Over Time" number="4.6" query={query} height={H} emptyReason={empty}>
        {(o) => (
          <ChartFrame height={H}>
            <LineChart data={toOverTimeRows(o)} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid {...ax.grid} />
              <XAxis {...x} />
              <YAxis {...ax.axis} tickFormatter={(v: number) => formatPct(v, 1)} width={48} />
              <Tooltip {...ax.tooltip} labelFormatter={(t) => formatDateTime(Number(t))} formatter={(v) => [formatPct(Number(v)), 'Error rate']} />
              <Line dataKey="errorRate" name="Error rate" stroke={ax.series[6]} dot={false} strokeWidth={2} isAnimationActive={false} />
            </LineChart>
          </ChartFrame>
        )}
      </ChartCard>
    </>
  );
}

/** Chart 4.7, over the latest 1,000 traces matching the filters. */
export function LatencyDistribution() {
  const { apiParams } = useFilters();
  const query = useLatencySample(apiParams);
  const ax = useAxisProps();
  return (
    <ChartCard title="Latency Distribution" number="4.7" query={query} height={H}
      subtitle="The latest 1,000 traces matching the filters."
      emptyReason={(rows) => (rows.length === 0 ? 'No traces in this range with these filters.' : null)}>
      {(rows) => (
        <ChartFrame height={H}>
          <BarChart data={toLatencyHistogram(rows.map((r) => r.latency_ms).filter((v): v is number => v != null))} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
            <CartesianGrid {...ax.grid} vertical={false} />
            <XAxis dataKey="label" {...ax.axis} interval={0} angle={-20} textAnchor="end" height={40} />
            <YAxis {...ax.axis} width={40} />
            <Tooltip {...ax.tooltip} />
            <Bar dataKey="count" name="Traces" fill={ax.series[0]} isAnimationActive={false} />
          </BarChart>
        </ChartFrame>
      )}
    </ChartCard>
  );
}
