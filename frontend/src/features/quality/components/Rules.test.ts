import { describe, expect, it } from 'vitest';
import { backfillWindow, ruleProblem, ruleScope } from './Rules';

describe('evaluator rules', () => {
  it('names the first problem of a draft rule', () => {
    const ok = { name: 'r', rubricId: 'x', rate: '10', cap: '', evaluator: 'heuristic' };
    expect(ruleProblem(ok)).toBeNull();
    expect(ruleProblem({ ...ok, name: ' ' })).toMatch(/name/);
    expect(ruleProblem({ ...ok, rubricId: '' })).toMatch(/rubric/);
    expect(ruleProblem({ ...ok, rate: '120' })).toMatch(/percentage/);
    expect(ruleProblem({ ...ok, evaluator: 'llm_judge', cap: '-1' })).toMatch(/cap/);
  });

  it('describes the scope, every trace when unfiltered', () => {
    const none = { departments: [], environments: [], agent_ids: [], versions: [], intents: [] };
    expect(ruleScope(none)).toBe('every trace');
    expect(ruleScope({ ...none, departments: ['sales'], environments: ['production'] })).toBe('Sales · production');
  });

  it('backfills whole hours ending at the current hour', () => {
    const w = backfillWindow(24, new Date('2026-03-02T10:37:12Z'));
    expect(w).toEqual({ from: '2026-03-01T10:00:00.000Z', to: '2026-03-02T10:00:00.000Z' });
  });
});
