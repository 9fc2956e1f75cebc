import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { num, strictEnvelope } from '../../lib/envelope';
import { request } from '../../lib/http';

const common = {
  trace_id: z.string(),
  timestamp: z.string(),
  agent_id: z.string(),
  agent_name: z.string().nullish(),
  department: z.string().nullish(),
  department_code: z.string().nullish(),
  environment: z.string().nullish(),
  version: z.string().nullish(),
  agent_version: z.string().nullish(),
  status: z.string(),
  latency_ms: num.nullish(),
  model: z.string().nullish(),
  model_provider: z.string().nullish(),
  tokens_input: num.nullish(),
  tokens_output: num.nullish(),
  tokens_total: num.nullish(),
  cost_usd: num.nullish(),
  intent_category: z.string().nullish(),
  user_id: z.string().nullish(),
  user_segment: z.string().nullish(),
  session_id: z.string().nullish(),
  quality_score: num.nullish(),
  error: z.string().nullish(),
  sample_rate: num.nullish(),
  input_preview: z.string().nullish(),
  output_preview: z.string().nullish(),
};

// Strict schemas (issue #8): query-service TraceResponses. A list row has a subset of `common`; the
// detail merges `trace` with the detail's own fields.
// GET /api/v1/traces (one row)
export const traceSummarySchema = z.strictObject(common);
export type TraceSummary = z.infer<typeof traceSummarySchema>;

export const spanSchema = z.strictObject({
  span_id: z.string(),
  parent_span_id: z.string().nullish(),
  span_type: z.string().nullish(),
  name: z.string(),
  started_at: z.string(),
  ended_at: z.string().nullish(),
  offset_ms: num.nullish(),
  latency_ms: num.nullish(),
  model: z.string().nullish(),
  tokens_input: num.nullish(),
  tokens_output: num.nullish(),
  cost_usd: num.nullish(),
  status: z.string().nullish(),
  attributes: z.record(z.string(), z.unknown()).nullish(),
});
export type Span = z.infer<typeof spanSchema>;

export const evaluationSchema = z.strictObject({
  evaluator: z.string().nullish(),
  rubric_name: z.string().nullish(),
  rubric_version: z.union([z.string(), z.number()]).nullish(),
  overall_score: num.nullable(),
  quality_band: z.string().nullish(),
  criterion_scores: z.record(z.string(), z.unknown()).nullish(),
  reasoning: z.string().nullish(),
  evaluated_at: z.string().nullish(),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

export const violationSchema = z.strictObject({
  violation_type: z.string(),
  severity: z.string().nullish(),
  action_taken: z.string().nullish(),
  policy_name: z.string().nullish(),
  confidence: num.nullish(),
  is_false_positive: z.boolean().nullish(),
  detected_at: z.string().nullish(),
  details: z.record(z.string(), z.unknown()).nullish(),
});
export type Violation = z.infer<typeof violationSchema>;

// GET /api/v1/traces/{trace_id} — `{trace: {...summary}, input, output, timeline[], costs, scores, violations, notes}`
// (query service); a flat trace with `spans`/`evaluations` is accepted too. `notes` says why a section is empty.
export const traceDetailSchema = z.preprocess(
  (raw) => {
    if (!raw || typeof raw !== 'object') return raw;
    const { trace, timeline, scores, ...rest } = raw as Record<string, unknown>;
    const merged: Record<string, unknown> = { ...(trace && typeof trace === 'object' ? trace : {}), ...rest };
    if (merged.spans == null && Array.isArray(timeline)) merged.spans = timeline;
    if (merged.evaluations == null && Array.isArray(scores)) merged.evaluations = scores;
    if (!Array.isArray(merged.violations)) merged.violations = null;
    return merged;
  },
  z.strictObject({
    ...common,
    input: z.string().nullish(),
    output: z.string().nullish(),
    metadata: z.record(z.string(), z.unknown()).nullish(),
    spans: z.array(spanSchema).nullish(),
    evaluations: z.array(evaluationSchema).nullish(),
    violations: z.array(violationSchema).nullish(),
    costs: z
      .strictObject({ trace_cost_usd: num.nullish(), spans_cost_usd: num.nullish(), by_model: z.record(z.string(), num).nullish() })
      .nullish(),
    notes: z.record(z.string(), z.string()).nullish(),
  }),
);
export type TraceDetail = z.infer<typeof traceDetailSchema>;

export interface TraceSearch {
  q?: string;
  status?: string;
  sort?: string;
}

// GET /api/v1/traces meta when `q` is set: how recent a trace full-text search can find.
export const searchCoverageMeta = {
  search_indexed_through: z.string().optional(),
  search_lag_seconds: num.optional(),
  search_note: z.string().optional(),
};

export async function fetchTracePage(params: Record<string, string | number | undefined>) {
  return request('/api/v1/traces', strictEnvelope(z.array(traceSummarySchema), searchCoverageMeta), { params });
}

export async function fetchTrace(traceId: string) {
  return (await request(`/api/v1/traces/${encodeURIComponent(traceId)}`, strictEnvelope(traceDetailSchema))).data;
}

export const PAGE_SIZE = 50;

export function useTraceSearch(params: Record<string, string | undefined>) {
  return useInfiniteQuery({
    queryKey: ['traces', params],
    queryFn: ({ pageParam }) => fetchTracePage({ ...params, limit: PAGE_SIZE, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.meta?.has_more !== false && last.meta?.next_cursor ? last.meta.next_cursor : undefined),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useTrace(traceId: string | null) {
  return useQuery({ queryKey: ['trace', traceId], queryFn: () => fetchTrace(traceId!), enabled: Boolean(traceId), staleTime: 5 * 60_000 });
}
