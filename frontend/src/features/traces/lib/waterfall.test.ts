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
