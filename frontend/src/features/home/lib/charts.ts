import { humanize } from '../../../lib/format';
import type { HomeKpis } from '../api';

export interface TrendRow {
  t: number;
  requests: number | null;
  cost: number | null;
}

/** Joins the requests and cost sparklines on their timestamps. */
export function toTrendRows(k: HomeKpis): TrendRow[] {
  const rows = new Map<number, TrendRow>();
  for (const p of k.total_requests.sparkline ?? []) {
    const t = Date.parse(p.timestamp);
    rows.set(t, { t, requests: p.value, cost: null });
  }
  for (const p of k.total_cost.sparkline ?? []) {
    const t = Date.parse(p.timestamp);
    const row = rows.get(t) ?? { t, requests: null, cost: null };
    row.cost = p.value;
    rows.set(t, row);
  }
  return [...rows.values()].sort((a, b) => a.t - b.t);
}

export function toDepartmentBars(k: HomeKpis): { label: string; value: number; pct: number | null }[] {
  return (k.total_requests.by_department ?? [])
    .filter((d) => d.value > 0)
    .map((d) => ({ label: humanize(d.department), value: d.value, pct: d.pct ?? null }))
    .sort((a, b) => b.value - a.value);
}

export function toProviderSlices(k: HomeKpis): { label: string; value: number }[] {
  return (k.total_cost.by_provider ?? []).filter((p) => p.cost > 0).map((p) => ({ label: p.provider, value: p.cost }));
}
