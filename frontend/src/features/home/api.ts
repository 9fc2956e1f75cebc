import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { envelope, metricSchema, num, timePointSchema } from '../../lib/envelope';
import { request } from '../../lib/http';

type Params = Record<string, string | number | undefined>;

const byDepartmentSchema = z.array(z.object({ department: z.string(), value: num, pct: num.nullish() }));
const extras = {
  by_department: byDepartmentSchema.nullish(),
  sparkline: z.array(timePointSchema).nullish(),
};

// GET /api/v1/metrics/home-kpis
export const homeKpisSchema = z.object({
  total_requests: metricSchema.extend(extras),
  avg_latency: metricSchema.extend({
    ...extras,
    p50: num.nullish(),
    p90: num.nullish(),
    p95: num.nullish(),
    p99: num.nullish(),
  }),
  error_rate: metricSchema.extend({
    ...extras,
    error_breakdown: z.object({ timeout: num.nullish(), rate_limit: num.nullish(), server_error: num.nullish() }).nullish(),
  }),
  total_cost: metricSchema.extend({
    ...extras,
    by_provider: z.array(z.object({ provider: z.string(), cost: num, pct: num.nullish() })).nullish(),
  }),
  avg_quality_score: metricSchema
    .extend({
      ...extras,
      distribution: z.object({ excellent: num.nullish(), good: num.nullish(), fair: num.nullish(), poor: num.nullish() }).nullish(),
      note: z.string().nullish(),
    })
    .nullish(),
});
export type HomeKpis = z.infer<typeof homeKpisSchema>;

// GET /api/v1/fleet/health-heatmap
export const healthHeatmapSchema = z.object({
  agents: z.array(
    z.object({
      agent_id: z.string(),
      name: z.string().nullish(),
      department: z.string().nullish(),
      environment: z.string().nullish(),
      version: z.string().nullish(),
    }),
  ),
  time_buckets: z.array(z.string()),
  heatmap: z.array(z.array(num.nullable())),
  bucket_seconds: z.number().nullish(),
});
export type HealthHeatmap = z.infer<typeof healthHeatmapSchema>;

// GET /api/v1/slo/compliance-dashboard — `data` is the SLO list, or an object holding it under `slos`.
const sloSchema = z.object({
  slo_id: z.string().nullish(),
  name: z.string(),
  sli: z.string().nullish(),
  comparator: z.string().nullish(),
  target: num,
  current_value: num.nullable(),
  is_met: z.boolean().nullable(),
  compliance_pct: num.nullish(),
  error_budget_remaining_pct: num.nullish(),
  trend: z.array(timePointSchema).nullish(),
  by_department: z.array(z.object({ department: z.string(), current_value: num.nullable(), is_met: z.boolean().nullable() })).nullish(),
});
export type Slo = z.infer<typeof sloSchema>;
const sloDataSchema = z.union([z.array(sloSchema), z.object({ slos: z.array(sloSchema) }).transform((d) => d.slos)]);

// GET /api/v1/alerts (alert service) — Home 1.6
const alertSchema = z.object({
  alert_id: z.string().nullish(),
  id: z.string().nullish(),
  title: z.string().nullish(),
  severity: z.string().nullish(),
  status: z.string().nullish(),
  fired_at: z.string().nullish(),
  agent_id: z.string().nullish(),
  department: z.string().nullish(),
});
export type Alert = z.infer<typeof alertSchema>;

// GET /api/v1/activity (the action audit trail, newest first) — Home 1.7 recent activity
const activitySchema = z.object({
  action_id: z.string().nullish(),
  action_type: z.string(),
  action_scope: z.string().nullish(),
  status: z.string().nullish(),
  target_type: z.string().nullish(),
  target_id: z.string().nullish(),
  actor_type: z.string().nullish(),
  actor: z.string().nullish(),
  actor_email: z.string().nullish(),
  created_at: z.string().nullish(),
  completed_at: z.string().nullish(),
});
export type Activity = z.infer<typeof activitySchema>;

export async function fetchHomeKpis(params: Params) {
  return (await request('/api/v1/metrics/home-kpis', envelope(homeKpisSchema), { params })).data;
}

export async function fetchHealthHeatmap(params: Params) {
  return request('/api/v1/fleet/health-heatmap', envelope(healthHeatmapSchema), { params });
}

export async function fetchSloCompliance(params: Params) {
  return (await request('/api/v1/slo/compliance-dashboard', envelope(sloDataSchema), { params })).data;
}

export async function fetchActiveAlerts() {
  return (await request('/api/v1/alerts', envelope(z.array(alertSchema)), { params: { status: 'firing', limit: 10 } })).data;
}

export async function fetchRecentActivity() {
  return (await request('/api/v1/activity', envelope(z.array(activitySchema)), { params: { limit: 10 } })).data;
}

const WARM = 60_000;

export function useHomeKpis(params: Params) {
  return useQuery({ queryKey: ['home-kpis', params], queryFn: () => fetchHomeKpis(params), staleTime: WARM, placeholderData: keepPreviousData });
}

export function useHealthHeatmap(params: Params) {
  return useQuery({ queryKey: ['health-heatmap', params], queryFn: () => fetchHealthHeatmap(params), staleTime: WARM, placeholderData: keepPreviousData });
}

export function useSloCompliance(params: Params) {
  return useQuery({ queryKey: ['slo-compliance', params], queryFn: () => fetchSloCompliance(params), staleTime: WARM, placeholderData: keepPreviousData });
}

export function useActiveAlerts() {
  return useQuery({ queryKey: ['alerts', 'firing'], queryFn: fetchActiveAlerts, staleTime: 30_000, retry: false });
}

export function useRecentActivity() {
  return useQuery({ queryKey: ['activity'], queryFn: fetchRecentActivity, staleTime: 30_000, retry: false });
}
