import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { envelope, metricSchema, num, timePointSchema } from '../../lib/envelope';
import { request } from '../../lib/http';

type Params = Record<string, string | number | undefined>;

// GET /api/v1/usage/overview
export const usageOverviewSchema = z.object({
  total_api_calls: metricSchema,
  unique_users: metricSchema,
  active_agents: metricSchema,
  avg_calls_per_user: metricSchema,
  calls_by_department: z.array(z.object({ department: z.string(), value: num, pct: num.nullish() })).nullish(),
  calls_over_time: z.array(timePointSchema).nullish(),
});
export type UsageOverview = z.infer<typeof usageOverviewSchema>;

// GET /api/v1/usage/intent-distribution
export const intentCellSchema = z.object({
  department: z.string(),
  intent: z.string(),
  count: num,
  pct_of_dept: num.nullish(),
  pct_of_total: num.nullish(),
});
export type IntentCell = z.infer<typeof intentCellSchema>;

// GET /api/v1/usage/retention-cohorts — one row per cohort, month_0… / week_0… columns.
export const cohortRowSchema = z.record(z.string(), z.union([z.number(), z.string(), z.null()]));
export type CohortRow = z.infer<typeof cohortRowSchema>;

// GET /api/v1/usage/top-agents (one row)
export const topAgentSchema = z.object({
  agent_id: z.string(),
  department: z.string().nullish(),
  request_count: num,
  pct: num.nullish(),
  error_rate: num.nullish(),
  cost_usd: num.nullish(),
});
export type TopAgent = z.infer<typeof topAgentSchema>;

// GET /api/v1/usage/top-users (one row)
export const topUserSchema = z.object({
  user_id: z.string(),
  request_count: num,
  agents_used: num.nullish(),
  cost_usd: num.nullish(),
  last_seen_at: z.string().nullish(),
});
export type TopUser = z.infer<typeof topUserSchema>;

// GET /api/v1/usage/adoption (one row per bucket)
export const adoptionPointSchema = z.object({
  timestamp: z.string(),
  active_users: num.nullish(),
  new_users: num.nullish(),
  cumulative_users: num.nullish(),
  active_agents: num.nullish(),
});
export type AdoptionPoint = z.infer<typeof adoptionPointSchema>;

export async function fetchTopAgents(params: Params) {
  return (await request('/api/v1/usage/top-agents', envelope(z.array(topAgentSchema)), { params: { ...params, limit: 10 } })).data;
}
export async function fetchTopUsers(params: Params) {
  return (await request('/api/v1/usage/top-users', envelope(z.array(topUserSchema)), { params: { ...params, limit: 10 } })).data;
}
export async function fetchAdoption(params: Params) {
  return (await request('/api/v1/usage/adoption', envelope(z.array(adoptionPointSchema)), { params })).data;
}

export async function fetchUsageOverview(params: Params) {
  return (await request('/api/v1/usage/overview', envelope(usageOverviewSchema), { params })).data;
}
export async function fetchIntentDistribution(params: Params) {
  return (await request('/api/v1/usage/intent-distribution', envelope(z.array(intentCellSchema)), { params })).data;
}
export async function fetchRetentionCohorts(params: Params) {
  return (await request('/api/v1/usage/retention-cohorts', envelope(z.array(cohortRowSchema)), { params })).data;
}

const opts = { staleTime: 60_000, placeholderData: keepPreviousData } as const;

export function useUsageOverview(params: Params) {
  return useQuery({ queryKey: ['usage-overview', params], queryFn: () => fetchUsageOverview(params), ...opts });
}
export function useIntentDistribution(params: Params) {
  return useQuery({ queryKey: ['usage-intents', params], queryFn: () => fetchIntentDistribution(params), ...opts });
}
export function useRetentionCohorts(params: Params) {
  return useQuery({ queryKey: ['usage-cohorts', params], queryFn: () => fetchRetentionCohorts(params), ...opts });
}
export function useTopAgents(params: Params) {
  return useQuery({ queryKey: ['usage-top-agents', params], queryFn: () => fetchTopAgents(params), ...opts });
}
export function useTopUsers(params: Params) {
  return useQuery({ queryKey: ['usage-top-users', params], queryFn: () => fetchTopUsers(params), ...opts });
}
export function useAdoption(params: Params) {
  return useQuery({ queryKey: ['usage-adoption', params], queryFn: () => fetchAdoption(params), ...opts });
}
