import { describe, expect, it } from 'vitest';
import { groupByDay, logLine, moveStep, parseParams, stepLabel } from './mapping';

describe('automations mapping', () => {
  it('moves a step up and down, and leaves the ends alone', () => {
    expect(moveStep(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moveStep(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(moveStep(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveStep(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('accepts only a JSON object as params', () => {
    expect(parseParams('{"agent_id":"a"}')).toEqual({ agent_id: 'a' });
    expect(parseParams('')).toEqual({});
    expect(parseParams('[1]')).toBeNull();
    expect(parseParams('{oops')).toBeNull();
  });

  it('groups schedule slots by day in order', () => {
    const run = (at: string) => ({ playbook_id: 'p', playbook_name: 'P', scheduled_for: at, status: 'upcoming', execution_id: null });
    const days = groupByDay([run('2026-12-08T02:00:00Z'), run('2026-12-07T02:00:00Z'), run('2026-12-07T10:00:00Z')]);
    expect(days.map((d) => [d.day, d.runs.length])).toEqual([['2026-12-07', 2], ['2026-12-08', 1]]);
  });

  it('renders log lines and step labels', () => {
    expect(logLine({ at: 't', status: 'running', message: 'started' })).toBe('t · running · started');
    expect(stepLabel({ playbook_name: 'Error spike', step_index: 1, action_type: 'agent.pause' })).toBe('Error spike · step 2 (agent.pause)');
  });
});
