import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { envelope, metricSchema, num } from '../../lib/envelope';
import { request } from '../../lib/http';

type Params = Record<string, string | number | undefined>;

// Responses are parsed .strict(): a field the server adds or renames fails loudly here.

// GET /api/v1/cost/by-department
export const departmentCostSchema = z.object({
  department_code: z.string(),
  department_name: z.string(),
  total_cost: num,
  budget_monthly: num.nullish(),
  budget_used_pct: num.nullish(),
  cost_trend: num.nullish(),
  top_agents: z.array(z.object({ agent_id: z.string(), total_cost: num }).strict()).nullish(),
}).strict();
export type DepartmentCost = z.infer<typeof departmentCostSchema>;

// GET /api/v1/cost/provider-comparison
export const providerSchema = z.object({
  provider: z.string(),
  provider_name: z.string(),
  total_cost: num,
  request_count: num,
  avg_latency: num.nullish(),
  p90_latency: num.nullish(),
  cost_per_request: num.nullish(),
  quality_score_avg: num.nullish(),
}).strict();
export type ProviderRow = z.infer<typeof providerSchema>;

const budgetFields = {
  current_period_cost: num,
  budget_limit: num.nullish(),
  budget_remaining: num.nullish(),
  projected_end_of_period_cost: num.nullish(),
  alert_status: z.string().nullish(),
};

// GET /api/v1/cost/budget-tracking
export const budgetSchema = z.object({
  ...budgetFields,
  days_remaining_in_period: num.nullish(),
  period_start: z.string().nullish(),
  period_end: z.string().nullish(),
  departments: z.array(z.object({ department_code: z.string(), ...budgetFields }).strict()).nullish(),
}).strict();
export type Budget = z.infer<typeof budgetSchema>;

// GET /api/v1/cost/over-time (one row per bucket and model)
export const modelCostPointSchema = z.object({
  timestamp: z.string(),
  model: z.string(),
  model_provider: z.string().nullish(),
  cost_usd: num,
  request_count: num.nullish(),
}).strict();

// GET /api/v1/cost/by-intent (one row per intent, most expensive first)
export const intentCostSchema = z.object({
  intent: z.string(),
  total_cost: num,
  request_count: num,
  cost_per_request: num.nullable(),
  pct_of_cost: num,
  cost_change: num.nullable(),
  tokens: num,
}).strict();
export type IntentCost = z.infer<typeof intentCostSchema>;

// GET /api/v1/cost/token-usage
const tokenMetric = metricSchema.strict();
export const tokenUsageSchema = z.object({
  tokens_input: tokenMetric,
  tokens_output: tokenMetric,
  tokens_total: tokenMetric,
  output_input_ratio: num.nullable(),
  over_time: z.array(z.object({ timestamp: z.string(), tokens_input: num, tokens_output: num }).strict()),
}).strict();
export type TokenUsage = z.infer<typeof tokenUsageSchema>;

export async function fetchCostByIntent(params: Params) {
  return (await request('/api/v1/cost/by-intent', envelope(z.array(intentCostSchema)), { params })).data;
}
export async function fetchTokenUsage(params: Params) {
  return (await request('/api/v1/cost/token-usage', envelope(tokenUsageSchema), { params })).data;
}
export type ModelCostPoint = z.infer<typeof modelCostPointSchema>;

export async function fetchCostOverTime(params: Params) {
  return (await request('/api/v1/cost/over-time', envelope(z.array(modelCostPointSchema)), { params })).data;
}

export async function fetchCostByDepartment(params: Params) {
  return (await request('/api/v1/cost/by-department', envelope(z.array(departmentCostSchema)), { params })).data;
}
export async function fetchProviderComparison(params: Params) {
  return (await request('/api/v1/cost/provider-comparison', envelope(z.array(providerSchema)), { params })).data;
}
export async function fetchBudgetTracking(params: Params) {
  return (await request('/api/v1/cost/budget-tracking', envelope(budgetSchema), { params })).data;
}

const opts = { staleTime: 60_000, placeholderData: keepPreviousData } as const;

export function useCostByDepartment(params: Params) {
  return useQuery({ queryKey: ['cost-by-dept', params], queryFn: () => fetchCostByDepartment(params), ...opts });
}
export function useProviderComparison(params: Params) {
  return useQuery({ queryKey: ['cost-providers', params], queryFn: () => fetchProviderComparison(params), ...opts });
}
export function useBudgetTracking(params: Params) {
  return useQuery({ queryKey: ['cost-budget', params], queryFn: () => fetchBudgetTracking(params), ...opts });
}
export function useCostOverTime(params: Params) {
  return useQuery({ queryKey: ['cost-over-time', params], queryFn: () => fetchCostOverTime(params), ...opts });
}
export function useCostByIntent(params: Params) {
  return useQuery({ queryKey: ['cost-by-intent', params], queryFn: () => fetchCostByIntent(params), ...opts });
}
export function useTokenUsage(params: Params) {
  return useQuery({ queryKey: ['cost-token-usage', params], queryFn: () => fetchTokenUsage(params), ...opts });
}
