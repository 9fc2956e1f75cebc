import type { PlaybookDefinition, PlaybookStep, ScheduledRun } from '../api';

/** A new, empty step of the designer. */
export function newStep(actionType = 'notification.send'): PlaybookStep {
  return { action_type: actionType, params: {}, timeout_s: 60, on_failure: 'stop', requires_approval: false, enabled: true };
}

/** Moves step `index` one place up (-1) or down (+1); out of range leaves the list as it is. */
export function moveStep<T>(steps: T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || index >= steps.length || to < 0 || to >= steps.length) return steps;
  const next = steps.slice();
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

/** The designer's blank playbook. */
export function emptyDefinition(): PlaybookDefinition {
  return {
    name: '', description: null, trigger_type: 'manual', trigger_config: {}, condition: null,
    steps: [newStep()], cooldown_seconds: 0, max_concurrent: 1, approval_timeout_seconds: 1800,
  };
}

/** Parses a step's params text; null when it is not a JSON object. */
export function parseParams(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text.trim() === '' ? '{}' : text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** 11.3: schedule slots grouped by UTC day, in order. */
export function groupByDay(runs: ScheduledRun[]): { day: string; runs: ScheduledRun[] }[] {
  const days = new Map<string, ScheduledRun[]>();
  for (const run of [...runs].sort((a, b) => a.scheduled_for.localeCompare(b.scheduled_for))) {
    const day = run.scheduled_for.slice(0, 10);
    days.set(day, [...(days.get(day) ?? []), run]);
  }
  return [...days.entries()].map(([day, list]) => ({ day, runs: list }));
}

/** A step log line as text (the engine writes {at, status, message}). */
export function logLine(line: unknown): string {
  if (line && typeof line === 'object') {
    const l = line as Record<string, unknown>;
    return [l.at, l.status, l.message].filter((x) => x != null && x !== '').map(String).join(' · ');
  }
  return String(line);
}

/** The 11.5 label of a failing step. */
export function stepLabel(f: { playbook_name: string; step_index: number; action_type: string }): string {
  return `${f.playbook_name} · step ${f.step_index + 1} (${f.action_type})`;
}
