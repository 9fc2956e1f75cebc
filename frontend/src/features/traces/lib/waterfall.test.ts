import { describe, expect, it } from 'vitest';
import { traceDetailSchema } from '../api';
import { toWaterfall } from './waterfall';

const span = (id: string, parent: string | null, startMs: number, latency: number) => ({
  span_id: id, parent_span_id: parent, name: id, span_type: 'llm',
  started_at: new Date(Date.UTC(2025, 9, 27, 10, 0, 0) + startMs).toISOString(), latency_ms: latency,
});

describe('span waterfall', () => {
  it('nestsChildrenUnderParents_andPlacesThemOnOneAxis', () => {
    const { rows, totalMs } = toWaterfall([span('tool', 'root', 100, 300), span('root', null, 0, 1000), span('llm', 'root', 500, 400)]);
    expect(totalMs).toBe(1000);
    expect(rows.map((r) => [r.span.span_id, r.depth])).toEqual([['root', 0], ['tool', 1], ['llm', 1]]);
    expect(rows[1]).toMatchObject({ offsetMs: 100, durationMs: 300, leftPct: 10, widthPct: 30 });
  });

  it('treatsOrphans_asRoots', () => {
    const { rows } = toWaterfall([span('a', 'missing', 0, 10)]);
    expect(rows[0]!.depth).toBe(0);
  });

  it('acceptsANestedDetailShape', () => {
    const detail = traceDetailSchema.parse({
      trace: { trace_id: 'trace_1', timestamp: '2025-10-27T10:00:00Z', agent_id: 'a', status: 'success' },
      spans: [span('root', null, 0, 5)],
      evaluations: [],
      violations: [],
    });
    expect(detail.trace_id).toBe('trace_1');
    expect(detail.spans).toHaveLength(1);
  });
});

describe('trace detail contract', () => {
  it('readsTheQueryServiceShape_withTimelineCostsAndNotes', () => {
    const d = traceDetailSchema.parse({
      trace: { trace_id: 'trace_0123456789abcdef', agent_id: 'a', timestamp: '2025-10-27T10:00:00Z', status: 'error', latency_ms: 1200, cost_usd: 0.0042, sample_rate: 1, input_preview: 'hi' },
      input: 'hello', output: null, metadata: {}, session_id: 's', agent_version: 'v2.1.3', user_segment: 'regular', tokens_input: 10, tokens_output: 5,
      timeline: [span('root', null, 0, 1200)],
      costs: { trace_cost_usd: 0.0042, spans_cost_usd: 0.004, by_model: { 'gpt-4o': 0.004 } },
      scores: null,
      violations: null,
      notes: { scores: 'quality scores need the evaluations table' },
    });
    expect(d.spans).toHaveLength(1);
    expect(d.evaluations).toBeUndefined();
    expect(d.violations).toBeNull();
    expect(d.notes?.scores).toContain('evaluations');
    expect(d.costs?.by_model).toEqual({ 'gpt-4o': 0.004 });
    expect(d.tokens_input).toBe(10);
  });
});
