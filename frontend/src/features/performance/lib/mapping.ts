import type { LatencyHeatmap, PerfOverview, VersionRow } from '../api';

/** Chart 4.8: agents ranked by their worst bucket, with the mean over buckets that had traffic. */
export function toSlowestAgents(h: LatencyHeatmap, limit = 10) {
  return h.agents
    .map((a, i) => {
      const values = (h.heatmap[i] ?? []).filter((v): v is number => v !== null);
      const worst = values.length ? Math.max(...values) : null;
      const mean = values.length ? values.reduce((s, v) => s + v, 0) / values.length : null;
      return { agentId: a.agent_id, label: a.name ?? a.agent_id, worst, mean, buckets: values.length };
    })
    .filter((a) => a.worst !== null)
    .sort((a, b) => (b.mean ?? 0) - (a.mean ?? 0))
    .slice(0, limit);
}

export interface HistogramBin {
  label: string;
  from: number;
  to: number;
  count: number;
}

const EDGES = [0, 250, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000, Infinity];

/** Chart 4.7: latency histogram with fixed, readable bin edges (ms). */
export function toLatencyHistogram(latencies: number[]): HistogramBin[] {
  const bins = EDGES.slice(0, -1).map((from, i) => {
    const to = EDGES[i + 1]!;
    const label = to === Infinity ? `≥ ${from / 1000} s` : from < 1000 && to <= 1000 ? `${from}–${to} ms` : `${from / 1000}–${to / 1000} s`;
    return { label, from, to, count: 0 };
  });
  for (const ms of latencies) {
    const bin = bins.find((b) => ms >= b.from && ms < b.to);
    if (bin) bin.count += 1;
  }
  return bins;
}

export function toOverTimeRows(o: PerfOverview) {
  return (o.over_time ?? []).map((p) => ({
    t: Date.parse(p.timestamp),
    p50: p.p50 ?? null,
    p90: p.p90 ?? null,
    p99: p.p99 ?? null,
    rpm: p.throughput_rpm ?? null,
    errorRate: p.error_rate ?? null,
  }));
}

/** Chart 4.3 rows, versions in natural order (v1.10 after v1.9). */
export function toVersionBars(rows: VersionRow[]) {
  return [...rows]
    .sort((a, b) => a.version.localeCompare(b.version, 'en', { numeric: true }))
    .map((r) => ({ version: r.version, p50: r.p50 ?? null, p90: r.p90 ?? null, p99: r.p99 ?? null, errorRate: r.error_rate ?? null, requests: r.request_count ?? 0 }));
}
