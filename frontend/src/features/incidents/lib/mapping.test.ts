import { describe, expect, it } from 'vitest';
import { minutesLabel, toBreachRows, toBudgetRows, toTimelinePoints } from './mapping';

describe('incident mappings', () => {
  it('toBudgetRows_joinsSeriesByDay', () => {
    const rows = toBudgetRows([
      { slo_id: 'a', name: 'A', sli: 'availability', objective_pct: 99.5, points: [{ timestamp: '2026-01-02T00:00:00Z', value: 80 }, { timestamp: '2026-01-01T00:00:00Z', value: 90 }] },
      { slo_id: 'b', name: 'B', sli: 'latency', objective_pct: 99, points: [{ timestamp: '2026-01-01T00:00:00Z', value: 70 }] },
    ]);
    expect(rows).toEqual([{ timestamp: '2026-01-01T00:00:00Z', A: 90, B: 70 }, { timestamp: '2026-01-02T00:00:00Z', A: 80 }]);
  });

  it('toBreachRows_keepsOnlySlosThatBreached', () => {
    const { names } = toBreachRows([
      { slo_id: 'a', name: 'A', sli: 'availability', objective_pct: 99.5, points: [{ timestamp: 't', hours: 24, breached_hours: 0, compliance_pct: 100 }] },
      { slo_id: 'b', name: 'B', sli: 'error_rate', objective_pct: 95, points: [{ timestamp: 't', hours: 24, breached_hours: 3, compliance_pct: 87.5 }] },
    ]);
    expect(names).toEqual(['B']);
  });

  it('toTimelinePoints_measuresOpenIncidentsUntilNow', () => {
    const [p] = toTimelinePoints([{ incident_id: 'i', title: 't', severity: 'sev2', status: 'open', department: null, agent_id: null, cause: null, assignee: null,
      detected_at: '2026-01-01T00:00:00Z', acknowledged_at: null, mitigated_at: null, resolved_at: null, closed_at: null, mtta_minutes: null, mttr_minutes: null, alert_count: 1, postmortem_status: null }],
    Date.parse('2026-01-01T02:00:00Z'));
    expect(p?.y).toBe(120);
  });

  it('minutesLabel_picksAReadableUnit', () => {
    expect(minutesLabel(45)).toBe('45 min');
    expect(minutesLabel(360)).toBe('6.0 h');
    expect(minutesLabel(4320)).toBe('3.0 d');
    expect(minutesLabel(null)).toBe('—');
  });
});
