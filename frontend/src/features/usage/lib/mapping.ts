import { humanize } from '../../../lib/format';
import type { CohortRow, IntentCell } from '../api';

export interface IntentMatrix {
  departments: string[];
  intents: string[];
  /** values[d][i] = % of the department's calls with that intent (null when absent). */
  values: (number | null)[][];
  counts: (number | null)[][];
}

/** Department × intent matrix (chart 2.3), departments by volume, intents by overall volume. */
export function toIntentMatrix(cells: IntentCell[]): IntentMatrix {
  const deptTotals = new Map<string, number>();
  const intentTotals = new Map<string, number>();
  for (const c of cells) {
    deptTotals.set(c.department, (deptTotals.get(c.department) ?? 0) + c.count);
    intentTotals.set(c.intent, (intentTotals.get(c.intent) ?? 0) + c.count);
  }
  const departments = [...deptTotals.entries()].sort((a, b) => b[1] - a[1]).map(([d]) => d);
  const intents = [...intentTotals.entries()].sort((a, b) => b[1] - a[1]).map(([i]) => i);
  const values = departments.map(() => intents.map((): number | null => null));
  const counts = departments.map(() => intents.map((): number | null => null));
  for (const c of cells) {
    const d = departments.indexOf(c.department);
    const i = intents.indexOf(c.intent);
    const deptTotal = deptTotals.get(c.department) ?? 0;
    values[d]![i] = c.pct_of_dept ?? (deptTotal > 0 ? (100 * c.count) / deptTotal : null);
    counts[d]![i] = c.count;
  }
  return { departments, intents, values, counts };
}

export interface CohortTable {
  /** 'month' or 'week' */
  unit: string;
  periods: string[];
  rows: { cohort: string; users: number | null; cells: (number | null)[] }[];
}

/** Retention cohorts (chart 2.4): rows keep the API order; columns month_0…month_n (or week_0…). */
export function toCohortTable(rows: CohortRow[]): CohortTable {
  const first = rows[0] ?? {};
  const unit = Object.keys(first).some((k) => k.startsWith('week_')) || 'cohort_week' in first ? 'week' : 'month';
  const pattern = new RegExp(`^${unit}_(\\d+)$`);
  let maxIndex = -1;
  for (const r of rows) {
    for (const k of Object.keys(r)) {
      const m = pattern.exec(k);
      if (m) maxIndex = Math.max(maxIndex, Number(m[1]));
    }
  }
  const periods = Array.from({ length: maxIndex + 1 }, (_, i) => `${unit}_${i}`);
  return {
    unit,
    periods,
    rows: rows.map((r) => ({
      cohort: String(r[`cohort_${unit}`] ?? r.cohort ?? ''),
      users: typeof r.cohort_users === 'number' ? r.cohort_users : null,
      cells: periods.map((p) => (typeof r[p] === 'number' ? (r[p] as number) : null)),
    })),
  };
}

export function periodLabel(period: string): string {
  const [unit, n] = period.split('_');
  return `${humanize(unit)} ${n}`;
}
