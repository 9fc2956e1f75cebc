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
