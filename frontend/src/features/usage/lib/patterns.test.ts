import { describe, expect, it } from 'vitest';
import type { HourCell, SegmentRow, VersionAdoptionRow } from '../api';
import { toAdoptionSeries, toHourGrid, toSegmentBars } from './patterns';

const segment = (s: string, users: number, requests: number): SegmentRow => ({
  segment: s, users, users_change: null, pct_of_users: 0, requests, requests_change: 12.5, pct_of_requests: 0,
});

describe('usage pattern mapping', () => {
  it('keepsTheSegmentOrder_andDropsAnEmptyUnknown', () => {
    const bars = toSegmentBars([segment('power_user', 5, 900), segment('regular', 30, 1200), segment('new', 4, 80), segment('dormant', 0, 0), segment('unknown', 0, 0)]);
    expect(bars.map((b) => b.segment)).toEqual(['power_user', 'regular', 'new', 'dormant']);
    expect(bars[0]).toMatchObject({ label: 'Power users', users: 5, requests: 900, requestsChange: 12.5 });
  });

  it('keepsUnknown_whenUsersHaveNoSegment', () => {
    expect(toSegmentBars([segment('unknown', 2, 0)]).map((b) => b.label)).toEqual(['Unknown']);
  });

  it('buildsOneLinePerDepartment_andTheFleetShareFromCounts', () => {
    const p = (timestamp: string, department: string, requests: number, target: number): VersionAdoptionRow => ({
      timestamp, department, requests, target_requests: target, share_pct: requests ? Math.round((1000 * target) / requests) / 10 : null,
    });
    const s = toAdoptionSeries([
      p('2025-10-01T00:00:00Z', 'sales', 100, 10), p('2025-10-01T00:00:00Z', 'engineering', 300, 0),
      p('2025-10-02T00:00:00Z', 'sales', 0, 0), p('2025-10-02T00:00:00Z', 'engineering', 100, 60),
    ]);
    expect(s.departments).toEqual(['engineering', 'sales']);
    expect(s.rows).toEqual([
      { t: Date.parse('2025-10-01T00:00:00Z'), engineering: 0, sales: 10, fleet: 2.5 },
      { t: Date.parse('2025-10-02T00:00:00Z'), engineering: 60, sales: null, fleet: 60 },
    ]);
    expect(s.overall).toEqual({ engineering: 15, sales: 10 });
  });

  it('limitsTheLines_toTheBusiestDepartments', () => {
    const rows = ['a', 'b', 'c'].map((d, i): VersionAdoptionRow => ({ timestamp: '2025-10-01T00:00:00Z', department: d, requests: 10 * (i + 1), target_requests: 1, share_pct: 1 }));
    expect(toAdoptionSeries(rows, 2).departments).toEqual(['c', 'b']);
  });

  it('placesCellsByIsoWeekdayAndHour_withAbsentHoursNull', () => {
    const cells: HourCell[] = [
      { day_of_week: 1, hour: 9, requests: 400, avg_requests: 100, pct_of_total: 40 },
      { day_of_week: 7, hour: 23, requests: 30, avg_requests: 7.5, pct_of_total: 3 },
      { day_of_week: 3, hour: 0, requests: 0, avg_requests: null, pct_of_total: 0 },
    ];
    const g = toHourGrid(cells);
    expect(g.rows[0]).toEqual({ key: '1', label: 'Monday' });
    expect(g.columns[9]).toBe('09');
    expect(g.values[0]![9]).toBe(100);
    expect(g.values[6]![23]).toBe(7.5);
    expect(g.values[2]![0]).toBeNull();
    expect(g.values[4]![12]).toBeNull();
    expect(g.max).toBe(100);
  });
});
