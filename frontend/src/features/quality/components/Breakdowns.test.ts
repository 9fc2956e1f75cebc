import { describe, expect, it } from 'vitest';
import { costPoints, criteriaRows } from './Breakdowns';

describe('quality breakdowns', () => {
  it('pivots criterion scores into one row per rubric with a column per criterion', () => {
    const { rows, keys } = criteriaRows([
      { rubric_id: 'r1', rubric_name: 'Helpfulness', criterion: 'clarity', criterion_name: 'Clarity', avg_score: 80, count: 3 },
      { rubric_id: 'r1', rubric_name: 'Helpfulness', criterion: 'relevance', criterion_name: null, avg_score: 90, count: 3 },
      { rubric_id: 'r2', rubric_name: 'Tone', criterion: 'clarity', criterion_name: 'Clarity', avg_score: 70, count: 1 },
    ]);
    expect(rows).toEqual([{ name: 'Helpfulness', clarity: 80, relevance: 90 }, { name: 'Tone', clarity: 70 }]);
    expect(keys.map((k) => k.key)).toEqual(['clarity', 'relevance']);
  });

  it('plots only agents with a score and a cost per request', () => {
    const base = { department: 'sales', scored_count: 1, requests: 10, total_cost_usd: 1 };
    expect(costPoints([
      { ...base, agent_id: 'a', avg_score: 85, cost_per_request_usd: 0.1 },
      { ...base, agent_id: 'b', avg_score: 85, cost_per_request_usd: null },
      { ...base, agent_id: 'c', avg_score: null, cost_per_request_usd: 0.2 },
    ])).toEqual([{ x: 0.1, y: 85, agent: 'a', department: 'sales' }]);
  });
});
