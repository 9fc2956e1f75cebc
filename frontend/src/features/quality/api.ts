import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { num, strictEnvelope } from '../../lib/envelope';
import { request } from '../../lib/http';
import { newIdempotencyKey } from '../../lib/ids';
import { actionRecordSchema, type ActionRecord } from '../agents';

type Params = Record<string, string | number | undefined>;

// Strict schemas of evaluation-service's records (QualityResponses, Rubric, ReviewQueue).
const bandsSchema = z.strictObject({ excellent: num, good: num, fair: num, poor: num });
export type Bands = z.infer<typeof bandsSchema>;

// GET /api/v1/quality/overview
export const overviewSchema = z.strictObject({
  avg_score: num.nullable(),
  avg_score_change: num.nullable(),
  pass_rate_pct: num.nullable(),
  below_threshold_pct: num.nullable(),
  scored_count: num,
  error_count: num,
  trace_count: num,
  scored_share_pct: num.nullable(),
  review_backlog: num,
  reviews_completed: num,
  distribution: bandsSchema,
});
export type QualityOverview = z.infer<typeof overviewSchema>;

// GET /api/v1/quality/trend
export const trendPointSchema = z.strictObject({ bucket: z.string(), avg_score: num.nullable(), pass_rate_pct: num.nullable(), count: num });
export type TrendPoint = z.infer<typeof trendPointSchema>;

// GET /api/v1/quality/by-agent | score-distribution | version-comparison
export const groupScoreSchema = z.strictObject({
  key: z.string(),
  department: z.string().nullable(),
  avg_score: num.nullable(),
  pass_rate_pct: num.nullable(),
  count: num,
  bands: bandsSchema,
});
export type GroupScore = z.infer<typeof groupScoreSchema>;

// GET /api/v1/quality/low-scores
export const lowScoreSchema = z.strictObject({
  trace_id: z.string(),
  timestamp: z.string(),
  agent_id: z.string(),
  department: z.string().nullable(),
  version: z.string().nullable(),
  intent: z.string().nullable(),
  rubric_id: z.string(),
  rubric_name: z.string(),
  rubric_version: z.number(),
  evaluator: z.string(),
  score: num,
  reasoning: z.string().nullable(),
});
export type LowScore = z.infer<typeof lowScoreSchema>;

// GET /api/v1/quality/agreement (human vs automated, per rubric and evaluator)
export const confusionSchema = z.strictObject({ both_pass: num, automated_pass_human_fail: num, automated_fail_human_pass: num, both_fail: num });
export const agreementSchema = z.strictObject({
  rubric_id: z.string(),
  rubric_name: z.string(),
  evaluator: z.string(),
  pairs: num,
  kappa: num.nullable(),
  pearson: num.nullable(),
  agreement_pct: num.nullable(),
  mean_abs_diff: num.nullable(),
  confusion: confusionSchema,
});
export type EvaluatorAgreement = z.infer<typeof agreementSchema>;

// GET /api/v1/quality/by-rubric
export const criterionScoreSchema = z.strictObject({
  rubric_id: z.string(),
  rubric_name: z.string(),
  criterion: z.string(),
  criterion_name: z.string().nullable(),
  avg_score: num.nullable(),
  count: num,
});
export type CriterionScore = z.infer<typeof criterionScoreSchema>;

// GET /api/v1/quality/vs-cost
export const qualityCostSchema = z.strictObject({
  agent_id: z.string(),
  department: z.string().nullable(),
  avg_score: num.nullable(),
  scored_count: num,
  requests: num,
  total_cost_usd: num,
  cost_per_request_usd: num.nullable(),
});
export type QualityCost = z.infer<typeof qualityCostSchema>;

// GET /api/v1/quality/by-intent
export const intentScoreSchema = z.strictObject({ intent: z.string(), avg_score: num.nullable(), pass_rate_pct: num.nullable(), count: num });
export type IntentScore = z.infer<typeof intentScoreSchema>;

// GET /api/v1/quality/traces/{trace_id}
export const scoreDetailSchema = z.strictObject({
  evaluation_id: z.number(),
  rubric_id: z.string(),
  rubric_name: z.string(),
  rubric_version: z.number(),
  evaluator: z.string(),
  status: z.string(),
  score: num.nullable(),
  passed: z.boolean().nullable(),
  criteria_scores: z.record(z.string(), z.unknown()),
  label: z.string().nullable(),
  reasoning: z.string().nullable(),
  error: z.string().nullable(),
  reviewer: z.string().nullable(),
  judge_tokens: z.number().nullable(),
  judge_cost_usd: num.nullable(),
  created_at: z.string(),
});
export const traceScoresSchema = z.strictObject({
  trace_id: z.string(),
  timestamp: z.string(),
  agent_id: z.string(),
  department: z.string().nullable(),
  status: z.string().nullable(),
  latency_ms: z.number().nullable(),
  input: z.string().nullable(),
  output: z.string().nullable(),
  scores: z.array(scoreDetailSchema),
});
export type TraceScores = z.infer<typeof traceScoresSchema>;

// GET /api/v1/quality/review-queue (meta.progress: items per reviewer)
export const queueItemSchema = z.strictObject({
  id: z.string(),
  trace_id: z.string(),
  trace_timestamp: z.string(),
  agent_id: z.string(),
  rubric_id: z.string(),
  rubric_name: z.string(),
  reason: z.string().nullable(),
  assignee: z.string().nullable(),
  leased_until: z.string().nullable(),
  created_at: z.string(),
  input_preview: z.string().nullable(),
  output_preview: z.string().nullable(),
  automated_score: num.nullable(),
});
export type QueueItem = z.infer<typeof queueItemSchema>;
const progressSchema = z.array(z.strictObject({ assignee: z.string(), open: z.number(), done: z.number() }));

// GET /api/v1/rubrics
export const criterionSchema = z.strictObject({
  key: z.string(),
  name: z.string().nullable(),
  description: z.string().nullable(),
  weight: z.number(),
  check: z.string(),
});
export type Criterion = z.infer<typeof criterionSchema>;
export const rubricSchema = z.strictObject({
  rubric_id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  version: z.number(),
  current_version: z.number(),
  criteria: z.array(criterionSchema),
  pass_threshold: z.number(),
  judge_prompt: z.string().nullable(),
  agent_ids: z.array(z.string()),
  departments: z.array(z.string()),
  archived: z.boolean(),
  archived_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Rubric = z.infer<typeof rubricSchema>;

// GET /api/v1/quality/rules
export const ruleSchema = z.strictObject({
  rule_id: z.string(),
  name: z.string(),
  rubric_id: z.string(),
  rubric_name: z.string(),
  evaluator: z.string(),
  departments: z.array(z.string()),
  environments: z.array(z.string()),
  agent_ids: z.array(z.string()),
  versions: z.array(z.string()),
  intents: z.array(z.string()),
  sampling_rate: num,
  sampling_seed: z.string(),
  daily_cost_cap_usd: num.nullable(),
  enabled: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type EvaluatorRule = z.infer<typeof ruleSchema>;

// GET /api/v1/quality/backfills
export const backfillSchema = z.strictObject({
  backfill_id: z.string(),
  rule_id: z.string(),
  rule_name: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  status: z.enum(['queued', 'running', 'done', 'cancelled', 'failed']),
  rate_per_second: num,
  total_traces: num,
  processed_traces: num,
  written_count: num,
  progress_pct: num.nullable(),
  cursor_timestamp: z.string().nullable(),
  cursor_trace_id: z.string().nullable(),
  error: z.string().nullable(),
  created_at: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
});
export type Backfill = z.infer<typeof backfillSchema>;

export const qualityKeys = { all: ['quality'] as const };

export async function fetchOverview(params: Params) {
  return (await request('/api/v1/quality/overview', strictEnvelope(overviewSchema), { params })).data;
}
export async function fetchTrend(params: Params) {
  return (await request('/api/v1/quality/trend', strictEnvelope(z.array(trendPointSchema)), { params })).data;
}
export async function fetchGroups(view: 'by-agent' | 'score-distribution' | 'version-comparison', params: Params) {
  return (await request(`/api/v1/quality/${view}`, strictEnvelope(z.array(groupScoreSchema)), { params })).data;
}
export async function fetchLowScores(params: Params) {
  return (await request('/api/v1/quality/low-scores', strictEnvelope(z.array(lowScoreSchema)), { params: { limit: 20, ...params } })).data;
}
export async function fetchByRubric(params: Params) {
  return (await request('/api/v1/quality/by-rubric', strictEnvelope(z.array(criterionScoreSchema)), { params })).data;
}
export async function fetchVersusCost(params: Params) {
  return (await request('/api/v1/quality/vs-cost', strictEnvelope(z.array(qualityCostSchema)), { params: { limit: 200, ...params } })).data;
}
export async function fetchByIntent(params: Params) {
  return (await request('/api/v1/quality/by-intent', strictEnvelope(z.array(intentScoreSchema)), { params: { limit: 10, ...params } })).data;
}
export async function fetchAgreement(params: Params) {
  return (await request('/api/v1/quality/agreement', strictEnvelope(z.array(agreementSchema)), { params })).data;
}
export async function fetchTraceScores(traceId: string) {
  return (await request(`/api/v1/quality/traces/${encodeURIComponent(traceId)}`, strictEnvelope(traceScoresSchema))).data;
}
export async function fetchReviewQueue() {
  const body = await request('/api/v1/quality/review-queue', strictEnvelope(z.array(queueItemSchema), { progress: progressSchema.optional() }), { params: { limit: 50 } });
  return { items: body.data, progress: body.meta?.progress ?? [], backlog: body.meta?.total ?? body.data.length };
}
export async function fetchRules() {
  return (await request('/api/v1/quality/rules', strictEnvelope(z.array(ruleSchema)))).data;
}
export async function fetchBackfills() {
  return (await request('/api/v1/quality/backfills', strictEnvelope(z.array(backfillSchema)), { params: { limit: 10 } })).data;
}
export async function fetchRubrics() {
  return (await request('/api/v1/rubrics', strictEnvelope(z.array(rubricSchema)))).data;
}

const actionEnvelope = strictEnvelope(actionRecordSchema);

export interface NewRubric {
  name: string;
  description?: string;
  criteria: { key: string; name: string; weight: number; check: string }[];
  pass_threshold: number;
  departments: string[];
}

export interface RuleDraft {
  name: string;
  rubric_id: string;
  evaluator: 'heuristic' | 'llm_judge';
  departments: string[];
  environments: string[];
  sampling_rate: number;
  daily_cost_cap_usd: number | null;
  enabled: boolean;
}

/** The quality actions; each answers the audit row (undo: {@link rollbackQualityAction}). */
export type QualityAction =
  | { kind: 'create_rubric'; rubric: NewRubric }
  | { kind: 'assign_rubric'; rubricId: string; departments: string[]; agentIds: string[] }
  | { kind: 'archive_rubric'; rubricId: string }
  | { kind: 'submit_review'; traceId: string; rubricId: string; score: number; label?: string }
  | { kind: 'create_rule'; rule: RuleDraft }
  | { kind: 'set_rule_enabled'; ruleId: string; enabled: boolean }
  | { kind: 'delete_rule'; ruleId: string }
  | { kind: 'start_backfill'; ruleId: string; from: string; to: string; ratePerSecond: number }
  | { kind: 'cancel_backfill'; backfillId: string };

export async function runQualityAction(action: QualityAction, idempotencyKey: string = newIdempotencyKey()): Promise<ActionRecord> {
  const headers = { 'Idempotency-Key': idempotencyKey };
  const call = (path: string, body: unknown, method: 'POST' | 'DELETE' = 'POST') => request(path, actionEnvelope, { method, body, headers });
  switch (action.kind) {
    case 'create_rubric':
      return (await call('/api/v1/rubrics', action.rubric)).data;
    case 'assign_rubric':
      return (await call(`/api/v1/rubrics/${encodeURIComponent(action.rubricId)}/assign`, { departments: action.departments, agent_ids: action.agentIds })).data;
    case 'archive_rubric':
      return (await call(`/api/v1/rubrics/${encodeURIComponent(action.rubricId)}/archive`, {})).data;
    case 'submit_review':
      return (await call('/api/v1/quality/reviews', { trace_id: action.traceId, rubric_id: action.rubricId, score: action.score, label: action.label })).data;
    case 'create_rule':
      return (await call('/api/v1/quality/rules', action.rule)).data;
    case 'set_rule_enabled':
      return (await call(`/api/v1/quality/rules/${encodeURIComponent(action.ruleId)}/enabled`, { enabled: action.enabled })).data;
    case 'delete_rule':
      return (await call(`/api/v1/quality/rules/${encodeURIComponent(action.ruleId)}`, undefined, 'DELETE')).data;
    case 'start_backfill':
      return (await call('/api/v1/quality/backfills', { rule_id: action.ruleId, from: action.from, to: action.to, rate_per_second: action.ratePerSecond })).data;
    case 'cancel_backfill':
      return (await call(`/api/v1/quality/backfills/${encodeURIComponent(action.backfillId)}/cancel`, {})).data;
  }
}

/** Undo of a quality action: evaluation-service owns the handlers, so it runs the rollback. */
export async function rollbackQualityAction(actionId: string, idempotencyKey: string = newIdempotencyKey()): Promise<ActionRecord> {
  return (await request(`/api/v1/quality/actions/${encodeURIComponent(actionId)}/rollback`, actionEnvelope, {
    method: 'POST',
    headers: { 'Idempotency-Key': idempotencyKey },
  })).data;
}

export function invalidateQuality(client: QueryClient) {
  return client.invalidateQueries({ queryKey: qualityKeys.all });
}

const opts = { staleTime: 60_000, placeholderData: keepPreviousData } as const;

export function useQualityOverview(params: Params) {
  return useQuery({ queryKey: [...qualityKeys.all, 'overview', params], queryFn: () => fetchOverview(params), ...opts });
}
export function useQualityTrend(params: Params) {
  return useQuery({ queryKey: [...qualityKeys.all, 'trend', params], queryFn: () => fetchTrend(params), ...opts });
}
export function useQualityGroups(view: 'by-agent' | 'score-distribution' | 'version-comparison', params: Params) {
  return useQuery({ queryKey: [...qualityKeys.all, view, params], queryFn: () => fetchGroups(view, params), ...opts });
}
export function useLowScores(params: Params) {
  return useQuery({ queryKey: [...qualityKeys.all, 'low-scores', params], queryFn: () => fetchLowScores(params), ...opts });
}
export function useByRubric(params: Params) {
  return useQuery({ queryKey: [...qualityKeys.all, 'by-rubric', params], queryFn: () => fetchByRubric(params), ...opts });
}
export function useVersusCost(params: Params) {
  return useQuery({ queryKey: [...qualityKeys.all, 'vs-cost', params], queryFn: () => fetchVersusCost(params), ...opts });
}
export function useByIntent(params: Params) {
  return useQuery({ queryKey: [...qualityKeys.all, 'by-intent', params], queryFn: () => fetchByIntent(params), ...opts });
}
export function useAgreement(params: Params) {
  return useQuery({ queryKey: [...qualityKeys.all, 'agreement', params], queryFn: () => fetchAgreement(params), ...opts });
}
export function useTraceScores(traceId: string | null) {
  return useQuery({ queryKey: [...qualityKeys.all, 'trace', traceId], queryFn: () => fetchTraceScores(traceId!), enabled: traceId !== null });
}
export function useReviewQueue() {
  return useQuery({ queryKey: [...qualityKeys.all, 'review-queue'], queryFn: fetchReviewQueue, staleTime: 15_000 });
}
export function useRules() {
  return useQuery({ queryKey: [...qualityKeys.all, 'rules'], queryFn: fetchRules, staleTime: 30_000 });
}
/** Polls every 2 s while a run is queued or running (its progress moves). */
export function useBackfills() {
  return useQuery({
    queryKey: [...qualityKeys.all, 'backfills'],
    queryFn: fetchBackfills,
    staleTime: 2_000,
    refetchInterval: (q) => ((q.state.data ?? []).some((b) => b.status === 'queued' || b.status === 'running') ? 2_000 : false),
  });
}
export function useRubrics() {
  return useQuery({ queryKey: [...qualityKeys.all, 'rubrics'], queryFn: fetchRubrics, staleTime: 60_000 });
}
