import type { AlertItem, BreachSeries, BudgetSeries, Incident, MttrView } from '../api';

export const SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4'] as const;

/** One row per UTC day with a column per SLO (value = remaining budget %). */
export function toBudgetRows(series: BudgetSeries[]): Record<string, string | number | null>[] {
  const rows = new Map<string, Record<string, string | number | null>>();
  for (const s of series) {
    for (const p of s.points) {
      const row = rows.get(p.timestamp) ?? { timestamp: p.timestamp };
      row[s.name] = p.value;
      rows.set(p.timestamp, row);
    }
  }
  return [...rows.values()].sort((a, b) => String(a.timestamp).localeCompare(String(b.timestamp)));
}

/** Breached hours per day per SLO (only SLOs with at least one breach in the range, to keep the chart readable). */
export function toBreachRows(series: BreachSeries[]): { rows: Record<string, string | number>[]; names: string[] } {
  const names = series.filter((s) => s.points.some((p) => p.breached_hours > 0)).map((s) => s.name);
  const rows = new Map<string, Record<string, string | number>>();
  for (const s of series) {
    if (!names.includes(s.name)) continue;
    for (const p of s.points) {
      const row = rows.get(p.timestamp) ?? { timestamp: p.timestamp };
      row[s.name] = p.breached_hours;
      rows.set(p.timestamp, row);
    }
  }
  return { rows: [...rows.values()].sort((a, b) => String(a.timestamp).localeCompare(String(b.timestamp))), names };
}

/** Chart 8.1: each incident as a point at its detection time, its height the minutes to resolve (open ones: so far). */
export function toTimelinePoints(incidents: Incident[], now: number = Date.now()) {
  return incidents.map((i) => {
    const detected = Date.parse(i.detected_at);
    const end = i.resolved_at ? Date.parse(i.resolved_at) : now;
    return { x: detected, y: Math.max(1, Math.round((end - detected) / 60_000)), severity: i.severity, title: i.title, status: i.status, id: i.incident_id };
  });
}

/** Chart 8.3: median and P90 MTTR in hours per severity. */
export function toMttrBars(view: MttrView) {
  return view.by_severity.map((s) => ({
    severity: s.severity,
    median_h: s.mttr_median_minutes == null ? null : Math.round((s.mttr_median_minutes / 60) * 10) / 10,
    p90_h: s.mttr_p90_minutes == null ? null : Math.round((s.mttr_p90_minutes / 60) * 10) / 10,
    incidents: s.incidents,
  }));
}

export function minutesLabel(minutes: number | null | undefined): string {
  if (minutes == null) return '—';
  if (minutes < 90) return `${Math.round(minutes)} min`;
  if (minutes < 48 * 60) return `${(minutes / 60).toFixed(1)} h`;
  return `${(minutes / 1440).toFixed(1)} d`;
}

/** The labels a silence for this alert matches on: the agent if it has one, else the rule. */
export function silenceMatchers(alert: AlertItem): Record<string, string> {
  return alert.agent_id ? { agent_id: alert.agent_id } : { rule_id: alert.rule_id };
}

/** The labels a silence matches on (equality, every matcher must hold), as alert-service checks them. */
export const MATCHER_KEYS = ['agent_id', 'department', 'environment', 'rule_id', 'severity'] as const;
export type MatcherKey = (typeof MATCHER_KEYS)[number];

/** Whether a silence with these matchers covers the alert (an empty set covers nothing: the API refuses it). */
export function silenceCovers(matchers: Partial<Record<MatcherKey, string>>, alert: AlertItem): boolean {
  const entries = Object.entries(matchers).filter(([, v]) => v !== undefined && v !== '');
  if (entries.length === 0) return false;
  const labels: Record<MatcherKey, string | null> = {
    agent_id: alert.agent_id, department: alert.department, environment: alert.environment, rule_id: alert.rule_id, severity: alert.severity,
  };
  return entries.every(([k, v]) => labels[k as MatcherKey] === v);
}

export interface RuleForm {
  name: string;
  kind: 'threshold' | 'burn_rate' | 'anomaly';
  measure: string;
  comparator: string;
  threshold: string;
  resolveThreshold: string;
  windowMinutes: string;
  forMinutes: string;
  groupBy: string;
  severity: string;
  sloId: string;
  zThreshold: string;
  direction: string;
  minVolume: string;
  /** Alertmanager's group_wait (s) and group_interval (min): blank = the service's 30 s and 5 min. */
  groupWaitSeconds: string;
  groupIntervalMinutes: string;
}

const numberOr = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));

/** The create/preview body of a rule form: only the fields of its kind; blanks left to the service's defaults. */
export function ruleBody(f: RuleForm): Record<string, unknown> {
  const common = { name: f.name || 'Preview', kind: f.kind, severity: f.severity, for_minutes: numberOr(f.forMinutes),
    group_wait_seconds: numberOr(f.groupWaitSeconds), group_interval_minutes: numberOr(f.groupIntervalMinutes) };
  if (f.kind === 'burn_rate') {
    return { ...common, slo_id: f.sloId || undefined, group_by: f.groupBy === 'environment' ? 'fleet' : f.groupBy, for_minutes: undefined };
  }
  if (f.kind === 'anomaly') {
    return { ...common, measure: f.measure, window_minutes: numberOr(f.windowMinutes), group_by: f.groupBy,
      z_threshold: numberOr(f.zThreshold), direction: f.direction, min_volume: numberOr(f.minVolume) };
  }
  return { ...common, measure: f.measure, comparator: f.comparator, threshold: numberOr(f.threshold),
    resolve_threshold: numberOr(f.resolveThreshold), window_minutes: numberOr(f.windowMinutes), group_by: f.groupBy };
}

/** "agent_id=hr-bot, department=hr" or "fleet" for an alert's (or a would-be alert's) labels. */
export function labelText(labels: Record<string, string>): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  return parts.length ? parts.join(', ') : 'fleet';
}
