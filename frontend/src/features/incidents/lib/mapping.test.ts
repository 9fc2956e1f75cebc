import { describe, expect, it } from 'vitest';
import type { AlertItem } from '../api';
import { labelText, minutesLabel, ruleBody, silenceCovers, toBreachRows, toBudgetRows, toTimelinePoints, type RuleForm } from './mapping';

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

  const alert = (over: Partial<AlertItem>): AlertItem => ({
    alert_id: 'a1', rule_id: 'r1', rule_name: 'R', rule_kind: 'threshold', title: 'T', severity: 'sev2', status: 'firing',
    agent_id: 'hr-bot', department: 'hr', environment: null, value: 1, threshold: 0, started_at: '2026-01-01T00:00:00Z',
    fired_at: '2026-01-01T00:00:00Z', resolved_at: null, acknowledged_at: null, acknowledged_by: null, silenced: false,
    inhibited: false, incident_id: null, ...over,
  });

  it('silenceCovers_needsEveryMatcherToEqualTheLabel_andNeverMatchesWithNoMatchers', () => {
    expect(silenceCovers({ agent_id: 'hr-bot' }, alert({}))).toBe(true);
    expect(silenceCovers({ agent_id: 'hr-bot', severity: 'sev3' }, alert({}))).toBe(false);
    expect(silenceCovers({ department: 'hr', rule_id: 'r1', severity: 'sev2' }, alert({}))).toBe(true);
    expect(silenceCovers({ environment: 'production' }, alert({}))).toBe(false);
    expect(silenceCovers({}, alert({}))).toBe(false);
    expect(silenceCovers({ agent_id: '' }, alert({}))).toBe(false);
  });

  const form: RuleForm = {
    name: 'R', kind: 'threshold', measure: 'error_rate', comparator: '>', threshold: '5', resolveThreshold: '', windowMinutes: '15',
    forMinutes: '', groupBy: 'environment', severity: 'sev3', sloId: 's1', zThreshold: '4', direction: 'up', minVolume: '20',
    groupWaitSeconds: '', groupIntervalMinutes: '',
  };

  it('ruleBody_sendsOnlyTheFieldsOfItsKind_andLeavesBlanksToTheServiceDefaults', () => {
    expect(ruleBody(form)).toEqual({ name: 'R', kind: 'threshold', severity: 'sev3', for_minutes: undefined, measure: 'error_rate', comparator: '>',
      threshold: 5, resolve_threshold: undefined, window_minutes: 15, group_by: 'environment' });
    expect(ruleBody({ ...form, kind: 'anomaly', measure: 'request_count', windowMinutes: '60', direction: 'down' })).toEqual({ name: 'R', kind: 'anomaly',
      severity: 'sev3', for_minutes: undefined, measure: 'request_count', window_minutes: 60, group_by: 'environment', z_threshold: 4, direction: 'down', min_volume: 20 });
    // burn rate: no environment grouping on an SLO, the SLO's id instead of a measure
    expect(ruleBody({ ...form, kind: 'burn_rate', forMinutes: '5' })).toEqual({ name: 'R', kind: 'burn_rate', severity: 'sev3', for_minutes: undefined, slo_id: 's1', group_by: 'fleet' });
    // group wait and interval go with every kind when set
    expect(ruleBody({ ...form, groupWaitSeconds: '0', groupIntervalMinutes: '10' })).toMatchObject({ group_wait_seconds: 0, group_interval_minutes: 10 });
  });

  it('labelText_namesTheScope', () => {
    expect(labelText({ agent_id: 'a', department: 'hr' })).toBe('agent_id=a, department=hr');
    expect(labelText({})).toBe('fleet');
  });
});
