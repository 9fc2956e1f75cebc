import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { envelope, metaSchema, metricSchema, num, timePointSchema } from '../../lib/envelope';
import { request } from '../../lib/http';

type Params = Record<string, string | number | undefined>;

// Responses are parsed .strict(): a field the server adds or renames fails loudly here.
const metric = metricSchema.strict();

// GET /api/v1/usage/overview
export const usageOverviewSchema = z.object({
  total_api_calls: metric,
  unique_users: metric,
  active_agents: metric,
  avg_calls_per_user: metric,
  calls_by_department: z.array(z.object({ department: z.string(), value: num, pct: num.nullish() }).strict()).nullish(),
  calls_over_time: z.array(timePointSchema.strict()).nullish(),
}).strict();
export type UsageOverview = z.infer<typeof usageOverviewSchema>;

// GET /api/v1/usage/intent-distribution
export const intentCellSchema = z.object({
  department: z.string(),
  intent: z.string(),
  count: num,
  pct_of_dept: num.nullish(),
  pct_of_total: num.nullish(),
}).strict();
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
}).strict();
export type TopAgent = z.infer<typeof topAgentSchema>;

// GET /api/v1/usage/top-users (one row)
export const topUserSchema = z.object({
  user_id: z.string(),
  request_count: num,
  agents_used: num.nullish(),
  cost_usd: num.nullish(),
  last_seen_at: z.string().nullish(),
}).strict();
export type TopUser = z.infer<typeof topUserSchema>;

// GET /api/v1/usage/adoption (one row per bucket)
export const adoptionPointSchema = z.object({
  timestamp: z.string(),
  active_users: num.nullish(),
  new_users: num.nullish(),
  cumulative_users: num.nullish(),
  active_agents: num.nullish(),
}).strict();
export type AdoptionPoint = z.infer<typeof adoptionPointSchema>;

// GET /api/v1/usage/user-segments (one row per segment: power_user, regular, new, dormant, then any other)
export const segmentRowSchema = z.object({
  segment: z.string(),
  users: num,
  users_change: num.nullable(),
  pct_of_users: num,
  requests: num,
  requests_change: num.nullable(),
  pct_of_requests: num,
}).strict();
export type SegmentRow = z.infer<typeof segmentRowSchema>;

// GET /api/v1/usage/version-adoption (one row per time bucket and department)
export const versionAdoptionRowSchema = z.object({
  timestamp: z.string(),
  department: z.string(),
  requests: num,
  target_requests: num,
  share_pct: num.nullable(),
}).strict();
export type VersionAdoptionRow = z.infer<typeof versionAdoptionRowSchema>;
const versionAdoptionMetaSchema = metaSchema.extend({
  /** absent when the workspace has no version at all */
  target_version: z.string().optional(),
  versions: z.array(z.string()),
  bucket_seconds: z.number(),
  time_buckets: z.array(z.string()),
  version_filter: z.string(),
});
export interface VersionAdoption {
  rows: VersionAdoptionRow[];
  targetVersion: string | null;
  versions: string[];
}

// GET /api/v1/usage/hourly-pattern (7 × 24 cells, ISO weekday 1 = Monday, UTC hours)
export const hourCellSchema = z.object({
  day_of_week: z.number().int().min(1).max(7),
  hour: z.number().int().min(0).max(23),
  requests: num,
  avg_requests: num.nullable(),
  pct_of_total: num,
}).strict();
export type HourCell = z.infer<typeof hourCellSchema>;

export async function fetchUserSegments(params: Params) {
  return (await request('/api/v1/usage/user-segments', envelope(z.array(segmentRowSchema)), { params })).data;
}
export async function fetchVersionAdoption(params: Params): Promise<VersionAdoption> {
  const body = await request('/api/v1/usage/version-adoption', envelope(z.array(versionAdoptionRowSchema)).extend({ meta: versionAdoptionMetaSchema }), { params });
  return { rows: body.data, targetVersion: body.meta.target_version ?? null, versions: body.meta.versions };
}
export async function fetchHourlyPattern(params: Params) {
  return (await request('/api/v1/usage/hourly-pattern', envelope(z.array(hourCellSchema)), { params })).data;
}

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
export function useUserSegments(params: Params) {
  return useQuery({ queryKey: ['usage-segments', params], queryFn: () => fetchUserSegments(params), ...opts });
}
export function useVersionAdoption(params: Params) {
  return useQuery({ queryKey: ['usage-version-adoption', params], queryFn: () => fetchVersionAdoption(params), ...opts });
}
export function useHourlyPattern(params: Params) {
  return useQuery({ queryKey: ['usage-hourly-pattern', params], queryFn: () => fetchHourlyPattern(params), ...opts });
}
