import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { num, strictEnvelope } from '../../lib/envelope';
import { request } from '../../lib/http';
import { newIdempotencyKey } from '../../lib/ids';
import { actionRecordSchema, type ActionRecord } from '../agents';

// Strict schemas of evaluation-service's experiment reads (ExperimentReads, CalculatorController).
export const variantSchema = z.strictObject({
  variant_id: z.string(),
  key: z.string(),
  name: z.string(),
  is_control: z.boolean(),
  traffic_pct: num,
  overrides: z.record(z.string(), z.unknown()),
});
export type Variant = z.infer<typeof variantSchema>;

const summaryShape = {
  experiment_id: z.string(),
  name: z.string(),
  agent_id: z.string(),
  status: z.enum(['draft', 'running', 'paused', 'stopped', 'completed']),
  primary_metric: z.string(),
  min_sample_size: num,
  decision: z.string().nullable(),
  winner_variant_id: z.string().nullable(),
  created_at: z.string(),
  started_at: z.string().nullable(),
  stopped_at: z.string().nullable(),
  winner_declared_at: z.string().nullable(),
  promoted_at: z.string().nullable(),
  variants: z.array(variantSchema),
};
export const summarySchema = z.strictObject(summaryShape);
export type ExperimentSummary = z.infer<typeof summarySchema>;

const rowShape = {
  variant_id: z.string(),
  metric: z.string(),
  role: z.enum(['primary', 'guardrail']),
  computed_at: z.string(),
  control_n: num,
  treatment_n: num,
  control_value: num.nullable(),
  treatment_value: num.nullable(),
  statistic: num.nullable(),
  p_value: num.nullable(),
  p_adjusted: num.nullable(),
  ci_low: num.nullable(),
  ci_high: num.nullable(),
  lift: num.nullable(),
  significant: z.boolean(),
  harm: z.boolean(),
  srm_p_value: num.nullable(),
  sequential: z.boolean(),
};
export const resultRowSchema = z.strictObject(rowShape);
export type ResultRow = z.infer<typeof resultRowSchema>;
export const namedRowSchema = z.strictObject({ ...rowShape, variant_key: z.string().nullable(), variant_name: z.string().nullable(), control_key: z.string() });
export type NamedRow = z.infer<typeof namedRowSchema>;

export const progressSchema = z.strictObject({ variant_key: z.string(), n: num, target: num, pct: num });
export type Progress = z.infer<typeof progressSchema>;

// GET /api/v1/experiments
export const portfolioSchema = z.strictObject({
  kpis: z.strictObject({
    running: num,
    significant_this_period: num,
    average_winner_lift: num.nullable(),
    active_canaries: num,
    projected_monthly_savings_usd: num.nullable(),
  }),
  experiments: z.array(
    z.strictObject({ ...summaryShape, latest: resultRowSchema.nullable(), srm_mismatch: z.boolean(), sample_progress: z.array(progressSchema) }),
  ),
});
export type Portfolio = z.infer<typeof portfolioSchema>;
export type PortfolioItem = Portfolio['experiments'][number];

// GET /api/v1/experiments/{id}/results
export const resultsSchema = z.strictObject({
  experiment: summarySchema,
  computed_at: z.string().nullable(),
  primary: z.array(namedRowSchema),
  guardrails: z.array(namedRowSchema),
  srm: z.strictObject({ p_value: num.nullable(), mismatch: z.boolean(), threshold: num }),
  sample_progress: z.array(progressSchema),
  // {day, <variant key>: value | null, <variant key>_n: count}
  cumulative: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  readiness: z.strictObject({ min_sample_reached: z.boolean(), srm_ok: z.boolean(), significant: z.boolean(), guardrails_ok: z.boolean(), can_declare: z.boolean() }),
});
export type Results = z.infer<typeof resultsSchema>;

export const canaryRunSchema = z.strictObject({
  step_index: num,
  weight: num,
  checked_at: z.string(),
  verdict: z.enum(['pass', 'fail', 'inconclusive']),
  control_n: num,
  canary_n: num,
  control_errors: num,
  canary_errors: num,
  control_p90: num.nullable(),
  canary_p90: num.nullable(),
  checks: z.array(z.unknown()),
  outcome: z.string(),
  action_id: z.string().nullable(),
});
export type CanaryRun = z.infer<typeof canaryRunSchema>;

export const canarySchema = z.strictObject({
  canary_id: z.string(),
  agent_id: z.string(),
  from_version: z.string().nullable(),
  to_version: z.string(),
  steps: z.array(num),
  step_index: num,
  current_weight: num,
  status: z.enum(['running', 'paused', 'promoted', 'aborted']),
  failures: num,
  failure_limit: num,
  interval_seconds: num,
  min_requests_per_arm: num,
  max_error_rate_diff: num,
  max_p90_ratio: num,
  started_at: z.string(),
  finished_at: z.string().nullable(),
  abort_reason: z.string().nullable(),
  pre_config_hash: z.string().nullable(),
  runs: z.array(canaryRunSchema),
});
export type Canary = z.infer<typeof canarySchema>;

// GET /api/v1/experiments/rollout-history
export const rolloutSchema = z.strictObject({
  canaries: z.array(canarySchema),
  winners: z.array(
    z.strictObject({
      experiment_id: z.string(),
      name: z.string(),
      agent_id: z.string(),
      decision: z.string(),
      primary_metric: z.string(),
      winner_key: z.string().nullable(),
      winner_name: z.string().nullable(),
      declared_at: z.string().nullable(),
      promoted_at: z.string().nullable(),
      lift: num.nullable(),
    }),
  ),
});
export type Rollout = z.infer<typeof rolloutSchema>;

// POST /api/v1/experiments/sample-size
export const sampleSizeSchema = z.strictObject({
  metric: z.enum(['proportion', 'mean']),
  per_arm: num,
  total: num,
  baseline: num,
  absolute_effect: num,
  relative_effect: num.nullable(),
  alpha: num,
  power: num,
  sd: num,
});
export type SampleSize = z.infer<typeof sampleSizeSchema>;

export const experimentKeys = { all: ['experiments'] as const };

export async function fetchPortfolio() {
  return (await request('/api/v1/experiments', strictEnvelope(portfolioSchema))).data;
}
export async function fetchResults(id: string) {
  return (await request(`/api/v1/experiments/${encodeURIComponent(id)}/results`, strictEnvelope(resultsSchema))).data;
}
export async function fetchRollout() {
  return (await request('/api/v1/experiments/rollout-history', strictEnvelope(rolloutSchema))).data;
}
export interface SampleSizeInput {
  metric: 'proportion' | 'mean';
  baseline: number;
  minimum_detectable_effect: number;
  relative: boolean;
  sd?: number;
  alpha: number;
  power: number;
}
export async function fetchSampleSize(input: SampleSizeInput) {
  return (await request('/api/v1/experiments/sample-size', strictEnvelope(sampleSizeSchema), { method: 'POST', body: input })).data;
}

const opts = { staleTime: 30_000, placeholderData: keepPreviousData } as const;

export function usePortfolio() {
  return useQuery({ queryKey: [...experimentKeys.all, 'portfolio'], queryFn: fetchPortfolio, ...opts });
}
export function useResults(id: string | null) {
  return useQuery({ queryKey: [...experimentKeys.all, 'results', id], queryFn: () => fetchResults(id!), enabled: id !== null, ...opts });
}
export function useRollout() {
  return useQuery({ queryKey: [...experimentKeys.all, 'rollout'], queryFn: fetchRollout, ...opts });
}
export function useSampleSize(input: SampleSizeInput | null) {
  return useQuery({ queryKey: [...experimentKeys.all, 'sample-size', input], queryFn: () => fetchSampleSize(input!), enabled: input !== null, staleTime: Infinity });
}

export interface NewExperiment {
  name: string;
  hypothesis: string;
  agent_id: string;
  primary_metric: string;
  min_sample_size: number;
  mde: number | null;
  sequential: boolean;
  variants: { key: string; name: string; is_control: boolean; traffic_pct: number; overrides: Record<string, string> }[];
}

/** The experiment and canary actions; each answers the audit row (undo: {@link rollbackExperimentAction}). */
export type ExperimentAction =
  | { kind: 'create'; experiment: NewExperiment }
  | { kind: 'start' | 'pause' | 'stop' | 'promote'; experimentId: string }
  | { kind: 'declare_winner'; experimentId: string; variant: string }
  | { kind: 'abort_canary'; agentId: string; reason: string };

const actionEnvelope = strictEnvelope(actionRecordSchema);

export async function runExperimentAction(action: ExperimentAction, idempotencyKey: string = newIdempotencyKey()): Promise<ActionRecord> {
  const headers = { 'Idempotency-Key': idempotencyKey };
  const call = (path: string, body: unknown) => request(path, actionEnvelope, { method: 'POST', body, headers });
  switch (action.kind) {
    case 'create':
      return (await call('/api/v1/experiments', action.experiment)).data;
    case 'start':
    case 'pause':
    case 'stop':
    case 'promote':
      return (await call(`/api/v1/experiments/${encodeURIComponent(action.experimentId)}/${action.kind}`, {})).data;
    case 'declare_winner':
      return (await call(`/api/v1/experiments/${encodeURIComponent(action.experimentId)}/declare-winner`, { variant: action.variant })).data;
    case 'abort_canary':
      return (await call(`/api/v1/agents/${encodeURIComponent(action.agentId)}/canary/abort`, { reason: action.reason })).data;
  }
}

/** Undo: evaluation-service owns the experiment and canary handlers, so it runs the rollback. */
export async function rollbackExperimentAction(actionId: string, idempotencyKey: string = newIdempotencyKey()): Promise<ActionRecord> {
  return (await request(`/api/v1/experiments/actions/${encodeURIComponent(actionId)}/rollback`, actionEnvelope, {
    method: 'POST',
    headers: { 'Idempotency-Key': idempotencyKey },
  })).data;
}

export function invalidateExperiments(client: QueryClient) {
  return client.invalidateQueries({ queryKey: experimentKeys.all });
}
