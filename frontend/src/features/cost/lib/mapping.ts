import type { Budget, DepartmentCost, ModelCostPoint } from '../api';

export interface BurnPoint {
  day: number;
  actual: number | null;
  projected: number | null;
  budget: number | null;
}

/**
 * Budget burn-up for the current calendar month (chart 3.2): a straight line from 0 to today's cost,
 * then the projection to the period end (cost so far ÷ elapsed days × days in month).
 */
export function toBurnUp(b: Budget, now: Date = new Date()): { points: BurnPoint[]; daysInPeriod: number; today: number } {
  const daysInPeriod = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).getUTCDate();
  const remaining = b.days_remaining_in_period ?? daysInPeriod - now.getUTCDate();
  const today = Math.max(1, Math.min(daysInPeriod, daysInPeriod - remaining));
  const projectedEnd = b.projected_end_of_period_cost ?? (b.current_period_cost / today) * daysInPeriod;
  const points: BurnPoint[] = [];
  for (let day = 0; day <= daysInPeriod; day++) {
    const actual = day <= today ? (b.current_period_cost * day) / today : null;
    const projected = day >= today ? b.current_period_cost + ((projectedEnd - b.current_period_cost) * (day - today)) / Math.max(1, daysInPeriod - today) : null;
    points.push({ day, actual, projected, budget: b.budget_limit ?? null });
  }
  return { points, daysInPeriod, today };
}

/** Chart 3.1 rows: cost and monthly budget per department, largest spender first. */
export function toDepartmentBudgetBars(rows: DepartmentCost[]) {
  return [...rows]
    .sort((a, b) => b.total_cost - a.total_cost)
    .map((r) => ({
      label: r.department_name,
      code: r.department_code,
      cost: r.total_cost,
      budget: r.budget_monthly ?? null,
      usedPct: r.budget_used_pct ?? (r.budget_monthly ? (100 * r.total_cost) / r.budget_monthly : null),
      over: r.budget_monthly != null && r.total_cost > r.budget_monthly,
    }));
}

/** Chart 3.4: the departments' top agents merged into one fleet ranking. */
export function toTopAgents(rows: DepartmentCost[], limit = 10) {
  const all = rows.flatMap((r) => (r.top_agents ?? []).map((a) => ({ agent: a.agent_id, agentId: a.agent_id, department: r.department_name, cost: a.total_cost })));
  return all.sort((a, b) => b.cost - a.cost).slice(0, limit);
}

/** Total cost of the period and its % change, from the per-department totals and trends. */
export function totalWithChange(rows: DepartmentCost[]): { total: number; change: number | null } {
  let total = 0;
  let previous = 0;
  let comparable = true;
  for (const r of rows) {
    total += r.total_cost;
    if (r.cost_trend == null || r.cost_trend <= -100) comparable = comparable && r.total_cost === 0;
    else previous += r.total_cost / (1 + r.cost_trend / 100);
  }
  const change = comparable && previous > 0 ? (100 * (total - previous)) / previous : null;
  return { total, change };
}

/** Chart 3.6: one row per time bucket, one column per model (top `maxModels` by cost, the rest as "other"). */
export function toModelCostSeries(points: ModelCostPoint[], maxModels = 6): { models: string[]; rows: Record<string, number>[] } {
  const totals = new Map<string, number>();
  for (const p of points) totals.set(p.model, (totals.get(p.model) ?? 0) + p.cost_usd);
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([m]) => m);
  const kept = ranked.slice(0, maxModels);
  const models = ranked.length > maxModels ? [...kept, 'other'] : kept;
  const byTime = new Map<number, Record<string, number>>();
  for (const p of points) {
    const t = Date.parse(p.timestamp);
    const row = byTime.get(t) ?? Object.fromEntries([['t', t], ...models.map((m) => [m, 0])]);
    const key = kept.includes(p.model) ? p.model : 'other';
    row[key] = (row[key] ?? 0) + p.cost_usd;
    byTime.set(t, row);
  }
  return { models, rows: [...byTime.values()].sort((a, b) => a.t! - b.t!) };
}
