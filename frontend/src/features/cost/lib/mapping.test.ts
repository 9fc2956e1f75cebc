import { describe, expect, it } from 'vitest';
import { toBurnUp, toDepartmentBudgetBars, toTopAgents, totalWithChange } from './mapping';

const depts = [
  { department_code: 'sales', department_name: 'Sales', total_cost: 300, budget_monthly: 250, budget_used_pct: 120, cost_trend: 50, top_agents: [{ agent_id: 'sales-1', total_cost: 200 }] },
  { department_code: 'engineering', department_name: 'Engineering', total_cost: 900, budget_monthly: 2000, budget_used_pct: 45, cost_trend: -10, top_agents: [{ agent_id: 'eng-1', total_cost: 500 }, { agent_id: 'eng-2', total_cost: 100 }] },
];

describe('cost mapping', () => {
  it('ranksDepartments_andFlagsBudgetOverruns', () => {
    const bars = toDepartmentBudgetBars(depts);
    expect(bars.map((b) => b.code)).toEqual(['engineering', 'sales']);
    expect(bars[1]).toMatchObject({ cost: 300, budget: 250, over: true });
    expect(bars[0]).toMatchObject({ over: false, usedPct: 45 });
  });

  it('mergesTopAgents_acrossDepartments', () => {
    expect(toTopAgents(depts).map((a) => a.agentId)).toEqual(['eng-1', 'sales-1', 'eng-2']);
  });

  it('derivesTotalAndChange_fromDepartmentTrends', () => {
    // previous = 300/1.5 + 900/0.9 = 200 + 1000 = 1200; now 1200 → 0 %.
    expect(totalWithChange(depts)).toEqual({ total: 1200, change: 0 });
  });

  it('projectsTheBurnUp_toMonthEnd', () => {
    const now = new Date('2025-10-11T12:00:00Z'); // 31-day month, 20 days left → day 11
    const { points, daysInPeriod, today } = toBurnUp(
      { current_period_cost: 1100, budget_limit: 3000, budget_remaining: 1900, days_remaining_in_period: 20, projected_end_of_period_cost: 3100, alert_status: 'exceeded' },
      now,
    );
    expect(daysInPeriod).toBe(31);
    expect(today).toBe(11);
    expect(points[0]).toMatchObject({ day: 0, actual: 0, projected: null, budget: 3000 });
    expect(points[11]).toMatchObject({ actual: 1100, projected: 1100 });
    expect(points[31]).toMatchObject({ actual: null, projected: 3100 });
  });
});

describe('cost by model', () => {
  it('pivotsBucketsByModel_andFoldsTheTailIntoOther', async () => {
    const { toModelCostSeries } = await import('./mapping');
    const pts = [
      { timestamp: '2025-10-27T01:00:00Z', model: 'gpt-4o', cost_usd: 5 },
      { timestamp: '2025-10-27T00:00:00Z', model: 'gpt-4o', cost_usd: 4 },
      { timestamp: '2025-10-27T00:00:00Z', model: 'claude', cost_usd: 2 },
      { timestamp: '2025-10-27T00:00:00Z', model: 'tiny', cost_usd: 1 },
    ];
    const { models, rows } = toModelCostSeries(pts, 2);
    expect(models).toEqual(['gpt-4o', 'claude', 'other']);
    expect(rows).toEqual([
      { t: Date.parse('2025-10-27T00:00:00Z'), 'gpt-4o': 4, claude: 2, other: 1 },
      { t: Date.parse('2025-10-27T01:00:00Z'), 'gpt-4o': 5, claude: 0, other: 0 },
    ]);
  });
});
