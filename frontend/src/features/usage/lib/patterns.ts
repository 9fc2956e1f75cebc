import { humanize } from '../../../lib/format';
import type { HourCell, SegmentRow, VersionAdoptionRow } from '../api';

export interface SegmentBar {
  segment: string;
  label: string;
  users: number;
  requests: number;
  pctOfUsers: number;
  pctOfRequests: number;
  usersChange: number | null;
  requestsChange: number | null;
}

/** Chart 2.6: the API's segment order (power_user, regular, new, dormant, …); "unknown" only when it has someone. */
export function toSegmentBars(rows: SegmentRow[]): SegmentBar[] {
  return rows
    .filter((r) => r.segment !== 'unknown' || r.users > 0 || r.requests > 0)
    .map((r) => ({
      segment: r.segment,
      label: r.segment === 'power_user' ? 'Power users' : humanize(r.segment),
      users: r.users,
      requests: r.requests,
      pctOfUsers: r.pct_of_users,
      pctOfRequests: r.pct_of_requests,
      usersChange: r.users_change,
      requestsChange: r.requests_change,
    }));
}

export interface AdoptionSeries {
  /** Departments drawn as lines, largest traffic first (at most `maxDepartments`). */
  departments: string[];
  /** One row per time bucket: `t` (epoch ms), each department's share (null without calls) and `fleet`. */
  rows: Record<string, number | null>[];
  /** Share of the whole window per department, for the legend. */
  overall: Record<string, number | null>;
}

/** Chart 2.7: share of calls on the target version over time, per department plus the fleet line. */
export function toAdoptionSeries(points: VersionAdoptionRow[], maxDepartments = 8): AdoptionSeries {
  const volume = new Map<string, [number, number]>();
  for (const p of points) {
    const v = volume.get(p.department) ?? [0, 0];
    volume.set(p.department, [v[0] + p.requests, v[1] + p.target_requests]);
  }
  const departments = [...volume.entries()]
    .filter(([, v]) => v[0] > 0)
    .sort((a, b) => b[1][0] - a[1][0] || a[0].localeCompare(b[0]))
    .slice(0, maxDepartments)
    .map(([d]) => d);
  const byTime = new Map<number, { row: Record<string, number | null>; total: number; target: number }>();
  for (const p of points) {
    const t = Date.parse(p.timestamp);
    const entry = byTime.get(t) ?? { row: Object.fromEntries([['t', t], ...departments.map((d) => [d, null])]), total: 0, target: 0 };
    entry.total += p.requests;
    entry.target += p.target_requests;
    if (departments.includes(p.department)) entry.row[p.department] = p.share_pct;
    byTime.set(t, entry);
  }
  const rows = [...byTime.values()]
    .sort((a, b) => a.row.t! - b.row.t!)
    .map(({ row, total, target }) => ({ ...row, fleet: total > 0 ? round1((100 * target) / total) : null }));
  const overall: Record<string, number | null> = {};
  for (const d of departments) {
    const [total, target] = volume.get(d)!;
    overall[d] = total > 0 ? round1((100 * target) / total) : null;
  }
  return { departments, rows, overall };
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export interface HourGrid {
  rows: { key: string; label: string }[];
  columns: string[];
  /** values[weekday - 1][hour]: average calls in that clock hour (null when the hour never occurs in the range). */
  values: (number | null)[][];
  max: number;
}

/** Chart 2.9: Monday…Sunday × 00…23 (UTC), averaged over the occurrences of each weekday-hour in the range. */
export function toHourGrid(cells: HourCell[]): HourGrid {
  const values = WEEKDAYS.map(() => Array.from({ length: 24 }, (): number | null => null));
  let max = 0;
  for (const c of cells) {
    const v = c.avg_requests;
    values[c.day_of_week - 1]![c.hour] = v;
    if (v !== null && v > max) max = v;
  }
  return {
    rows: WEEKDAYS.map((d, i) => ({ key: String(i + 1), label: d })),
    columns: Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')),
    values,
    max,
  };
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}
