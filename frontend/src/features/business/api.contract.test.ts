import { describe, expect, it } from 'vitest';
import { expectCovers, expectStrict, QUERY } from '../../test/javaRecords';
import { attributionSchema, backtestSchema, departmentRoiSchema, forecastPointSchema, forecastSchema, goalSchema, historyPointSchema, overviewSchema, progressPointSchema, shareSchema, valueModelSchema, valuePointSchema } from './api';
import { toDepartmentProgress, toForecastRows } from './lib';

const B = `${QUERY}business/`;

describe('business schemas are strict and cover the query-service records', () => {
  it('BusinessResponses and ValueModel', () => {
    const f = `${B}BusinessResponses.java`;
    expectCovers(overviewSchema, f, 'Overview');
    expectCovers(departmentRoiSchema, f, 'DepartmentRoi');
    expectCovers(goalSchema, f, 'GoalView');
    expectCovers(progressPointSchema, f, 'ProgressPoint');
    expectCovers(forecastSchema, f, 'Forecast');
    expectCovers(backtestSchema, f, 'Backtest');
    expectCovers(historyPointSchema, f, 'HistoryPoint');
    expectCovers(forecastPointSchema, f, 'ForecastPoint');
    expectCovers(attributionSchema, f, 'Attribution');
    expectCovers(shareSchema, f, 'Share');
    expectCovers(valuePointSchema, f, 'ValuePoint');
    [overviewSchema, departmentRoiSchema, goalSchema, forecastSchema, forecastPointSchema, attributionSchema, shareSchema, valuePointSchema, valueModelSchema].forEach(expectStrict);
  });
});

describe('business chart mapping', () => {
  it('puts history and the banded forecast on one time axis', () => {
    const rows = toForecastRows(forecastSchema.parse({
      series: 'value_usd', department: null, status: 'ready', model: 'holt_damped', params: {}, backtest: null,
      history_from: '2026-12-01', history_to: '2026-12-02', generated_at: '2026-12-03T00:00:00Z',
      history: [{ date: '2026-12-01', actual: 10 }, { date: '2026-12-02', actual: 12 }],
      points: [{ date: '2026-12-03', predicted: 13, lower80: 11, upper80: 15, lower95: 10, upper95: 16 }],
    }));
    expect(rows).toHaveLength(3);
    expect(rows[2]).toMatchObject({ predicted: 13, band80: [11, 15], band95: [10, 16] });
    expect(rows[0]!.t).toBeLessThan(rows[2]!.t);
  });

  it('averages open goals per department and leaves closed ones out', () => {
    const base = { unit: 'usd', metric: 'value_usd', baseline_value: 0, target_value: 100, current_value: 50, projected_value: 90, daily_pace: 1, start_date: '2026-11-01', target_date: '2027-01-01', linked_agent_ids: [], closed_at: null, progress: [], status: 'at_risk' as const };
    const rows = toDepartmentProgress([
      { ...base, goal_id: 'a', department: 'sales', name: 'A', progress_pct: 40, projected_pct_of_target: 80, closed: false },
      { ...base, goal_id: 'b', department: 'sales', name: 'B', progress_pct: 60, projected_pct_of_target: 100, closed: false },
      { ...base, goal_id: 'c', department: 'sales', name: 'C', progress_pct: 0, projected_pct_of_target: 0, closed: true },
    ]);
    expect(rows).toEqual([{ department: 'sales', progress: 50, projected: 90, goals: 2 }]);
  });
});
