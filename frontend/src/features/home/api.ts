import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { num, strictEnvelope, strictMetricSchema, strictTimePointSchema } from '../../lib/envelope';
import { request } from '../../lib/http';
import { alertItemSchema } from '../incidents';

type Params = Record<string, string | number | undefined>;

// Every schema here is strict (issue #8): the field sets are those of query-service's HomeKpisResponse,
// HealthHeatmapResponse and SloComplianceResponse records (Jackson writes null fields too).
const byDepartmentSchema = z.array(z.strictObject({ department: z.string(), value: num, pct: num.nullish() }));
const extras = {
  by_department: byDepartmentSchema.nullish(),
  sparkline: z.array(strictTimePointSchema).nullish(),
};

// GET /api/v1/metrics/home-kpis
export const homeKpisSchema = z.strictObject({
  total_requests: strictMetricSchema.extend(extras),
  avg_latency: strictMetricSchema.extend({
    ...extras,
    p50: num.nullish(),
    p90: num.nullish(),
    p95: num.nullish(),
    p99: num.nullish(),
  }),
  error_rate: strictMetricSchema.extend({
    ...extras,
    error_breakdown: z.strictObject({ timeout: num.nullish(), rate_limit: num.nullish(), server_error: num.nullish() }).nullish(),
  }),
  total_cost: strictMetricSchema.extend({
    ...extras,
    by_provider: z.array(z.strictObject({ provider: z.string(), cost: num, pct: num.nullish() })).nullish(),
  }),
  avg_quality_score: strictMetricSchema
    .extend({
      ...extras,
      distribution: z.strictObject({ excellent: num.nullish(), good: num.nullish(), fair: num.nullish(), poor: num.nullish() }).nullish(),
      note: z.string().nullish(),
    })
    .nullish(),
});
export type HomeKpis = z.infer<typeof homeKpisSchema>;

// GET /api/v1/fleet/health-heatmap
export const healthHeatmapSchema = z.strictObject({
  agents: z.array(
    z.strictObject({
      agent_id: z.string(),
      name: z.string().nullish(),
      department: z.string().nullish(),
      environment: z.string().nullish(),
      version: z.string().nullish(),
    }),
  ),
  time_buckets: z.array(z.string()),
  heatmap: z.array(z.array(num.nullable())),
  bands: z.record(z.string(), z.array(z.number())).nullish(),
  formula: z.string().nullish(),
});
const healthHeatmapMeta = { bucket_seconds: z.number().optional(), quality_note: z.string().optional() };
export type HealthHeatmap = z.infer<typeof healthHeatmapSchema>;

// GET /api/v1/slo/compliance-dashboard — `data` is the SLO list, or an object holding it under `slos`.
export const sloSchema = z.strictObject({
  slo_id: z.string().nullish(),
  name: z.string(),
  sli: z.string().nullish(),
  comparator: z.string().nullish(),
  target: num,
  current_value: num.nullable(),
  is_met: z.boolean().nullable(),
  compliance_pct: num.nullish(),
  error_budget_remaining_pct: num.nullish(),
  trend: z.array(strictTimePointSchema).nullish(),
  by_department: z.array(z.strictObject({ department: z.string(), current_value: num.nullable(), is_met: z.boolean().nullable() })).nullish(),
  note: z.string().nullish(),
});
export type Slo = z.infer<typeof sloSchema>;
const sloDataSchema = z.union([z.array(sloSchema), z.strictObject({ slos: z.array(sloSchema) }).transform((d) => d.slos)]);
/** query-service HomeService.homeKpis: how percentiles are computed (View.extra). */
const homeKpisMeta = { percentile_method: z.string().optional() };
const sloMeta = { bucket_seconds: z.number().optional(), note: z.string().optional() };

// GET /api/v1/alerts?status=firing (alert-service AlertItem) — Home 1.6.
const alertSchema = alertItemSchema;
export type Alert = z.infer<typeof alertSchema>;

export async function fetchHomeKpis(params: Params) {
  return (await request('/api/v1/metrics/home-kpis', strictEnvelope(homeKpisSchema, homeKpisMeta), { params })).data;
}

export async function fetchHealthHeatmap(params: Params) {
  return request('/api/v1/fleet/health-heatmap', strictEnvelope(healthHeatmapSchema, healthHeatmapMeta), { params });
}

export async function fetchSloCompliance(params: Params) {
  return (await request('/api/v1/slo/compliance-dashboard', strictEnvelope(sloDataSchema, sloMeta), { params })).data;
}

export async function fetchActiveAlerts() {
  return (await request('/api/v1/alerts', strictEnvelope(z.array(alertSchema)), { params: { status: 'firing', limit: 10 } })).data;
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

/** Chart 1.6, refetched every 30 s so a new firing alert shows without a reload. */
export function useActiveAlerts() {
  return useQuery({ queryKey: ['alerts', 'firing'], queryFn: fetchActiveAlerts, staleTime: 30_000, refetchInterval: 30_000, retry: false });
}
