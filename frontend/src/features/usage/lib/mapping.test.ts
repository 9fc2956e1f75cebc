import { describe, expect, it } from 'vitest';
import { toCohortTable, toIntentMatrix } from './mapping';

describe('usage mapping', () => {
  it('buildsTheDepartmentIntentMatrix_largestFirst', () => {
    const m = toIntentMatrix([
      { department: 'engineering', intent: 'code_generation', count: 45000, pct_of_dept: 35.5, pct_of_total: 9.2 },
      { department: 'engineering', intent: 'data_analysis', count: 30000, pct_of_dept: 23.6, pct_of_total: 6.2 },
      { department: 'support', intent: 'customer_support', count: 67000, pct_of_dept: 77.0, pct_of_total: 13.8 },
    ]);
    expect(m.departments).toEqual(['engineering', 'support']);
    expect(m.intents).toEqual(['customer_support', 'code_generation', 'data_analysis']);
    expect(m.values).toEqual([[null, 35.5, 23.6], [77.0, null, null]]);
    expect(m.counts[1]).toEqual([67000, null, null]);
  });

  it('derivesShareOfDepartment_whenTheApiOmitsIt', () => {
    const m = toIntentMatrix([
      { department: 'sales', intent: 'a', count: 3 },
      { department: 'sales', intent: 'b', count: 1 },
    ]);
    expect(m.values[0]).toEqual([75, 25]);
  });

  it('readsMonthlyCohorts_withFutureCellsEmpty', () => {
    const t = toCohortTable([
      { cohort_month: '2025-08', cohort_users: 120, month_0: 100, month_1: 61.5, month_2: 40 },
      { cohort_month: '2025-09', cohort_users: 80, month_0: 100, month_1: 55, month_2: null },
    ]);
    expect(t.unit).toBe('month');
    expect(t.periods).toEqual(['month_0', 'month_1', 'month_2']);
    expect(t.rows[1]).toEqual({ cohort: '2025-09', users: 80, cells: [100, 55, null] });
  });

  it('readsWeeklyCohorts', () => {
    const t = toCohortTable([{ cohort_week: '2025-W40', cohort_users: 10, week_0: 100, week_1: 30 }]);
    expect(t.unit).toBe('week');
    expect(t.rows[0]!.cells).toEqual([100, 30]);
  });
});
