import type { Forecast, Goal } from './api';

export const STATUS_ORDER = ['on_track', 'at_risk', 'off_track', 'achieved'] as const;
export const STATUS_LABEL: Record<Goal['status'], string> = {
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
  achieved: 'Achieved',
};
export const STATUS_COLOR: Record<Goal['status'], string> = {
  on_track: '#16a34a',
  at_risk: '#d97706',
  off_track: '#dc2626',
  achieved: '#2563eb',
};

export const METRIC_LABEL: Record<string, string> = {
  value_usd: 'Value ($)',
  hours_saved: 'Hours saved',
  successful_outcomes: 'Successful outcomes',
  roi_pct: 'ROI %',
};

/** 7.1: per department, the mean progress and projection (% of target) of its open goals. */
export function toDepartmentProgress(goals: Goal[]) {
  const by = new Map<string, { progress: number; projected: number; n: number }>();
  for (const g of goals.filter((x) => !x.closed)) {
    const row = by.get(g.department) ?? { progress: 0, projected: 0, n: 0 };
    row.progress += Math.min(g.progress_pct, 150);
    row.projected += Math.min(g.projected_pct_of_target, 150);
    row.n += 1;
    by.set(g.department, row);
  }
  return [...by.entries()]
    .map(([department, r]) => ({ department, progress: round1(r.progress / r.n), projected: round1(r.projected / r.n), goals: r.n }))
    .sort((a, b) => a.department.localeCompare(b.department));
}

/**
 * 7.3: history and forecast on one time axis; the bands are [low, high] pairs (Recharts range areas),
 * so the 95 % band is drawn under the 80 % band and both around the dashed prediction.
 */
export function toForecastRows(f: Forecast) {
  const rows: { t: number; actual?: number; predicted?: number; band80?: [number, number]; band95?: [number, number] }[] = [];
  for (const h of f.history) rows.push({ t: Date.parse(`${h.date}T00:00:00Z`), actual: h.actual });
  for (const p of f.points) {
    rows.push({ t: Date.parse(`${p.date}T00:00:00Z`), predicted: p.predicted, band80: [p.lower80, p.upper80], band95: [p.lower95, p.upper95] });
  }
  return rows;
}

function round1(v: number) {
  return Math.round(v * 10) / 10;
}

/** Today (UTC) plus `days`, as YYYY-MM-DD. */
export function isoDay(days: number, from: Date = new Date()): string {
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate() + days));
  return d.toISOString().slice(0, 10);
}
