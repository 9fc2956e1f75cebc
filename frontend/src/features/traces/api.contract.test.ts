import { describe, expect, it } from 'vitest';
import { QUERY, expectCovers, expectStrict, field, keys, recordFields } from '../../test/javaRecords';
import { evaluationSchema, spanSchema, traceDetailSchema, traceSummarySchema, violationSchema } from './api';

describe('trace schemas are strict and cover the query-service records', () => {
  it('traces', () => {
    const f = `${QUERY}traces/TraceResponses.java`;
    expectCovers(traceSummarySchema, f, 'TraceSummary');
    expectCovers(spanSchema, f, 'SpanRow');
    expectCovers(field(traceDetailSchema, 'costs'), f, 'Costs');
    expectCovers(evaluationSchema, f, 'Score');
    expectCovers(violationSchema, f, 'ViolationRow');
    // the detail is `trace` merged with its own fields; timeline/scores arrive as spans/evaluations
    const own = recordFields(f, 'TraceDetail').filter((k) => !['trace', 'timeline', 'scores'].includes(k));
    expect(own.filter((k) => !keys(traceDetailSchema).includes(k))).toEqual([]);
    [traceSummarySchema, spanSchema, traceDetailSchema].forEach(expectStrict);
  });
});
