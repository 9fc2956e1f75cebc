import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { num, strictEnvelope, strictMetricSchema } from '../../lib/envelope';
import { request } from '../../lib/http';
import { traceSummarySchema } from '../traces';

type Params = Record<string, string | number | undefined>;

// Strict schemas (issue #8): the field sets of query-service PerformanceResponses (nulls are written).
// GET /api/v1/performance/overview
export const perfOverviewSchema = z.strictObject({
  latency_p50: strictMetricSchema,
  latency_p90: strictMetricSchema,
  latency_p95: strictMetricSchema,
  latency_p99: strictMetricSchema,
  error_rate: strictMetricSchema,
  throughput_rpm: strictMetricSchema,
  request_count: strictMetricSchema.nullish(),
  slo_compliance_pct: strictMetricSchema.nullish(),
  over_time: z
    .array(
      z.strictObject({
        timestamp: z.string(),
        p50: num.nullish(),
        p90: num.nullish(),
        p95: num.nullish(),
        p99: num.nullish(),
        throughput_rpm: num.nullish(),
        error_rate: num.nullish(),
        timeout_count: num.nullish(),
        error_count: num.nullish(),
      }),
    )
    .nullish(),
});
export type PerfOverview = z.infer<typeof perfOverviewSchema>;

// GET /api/v1/performance/latency-heatmap — agents are ids (the rows), worst first.
export const latencyHeatmapSchema = z.strictObject({
  agents: z.array(z.string().transform((agent_id) => ({ agent_id, name: null as string | null }))),
  time_buckets: z.array(z.string()),
  heatmap: z.array(z.array(num.nullable())),
  percentile: z.string().nullish(),
});
/** query-service PerformanceService.overview's View.extra. */
const overviewMeta = { bucket_seconds: z.number().optional(), percentile_method: z.string().optional() };
const heatmapMeta = { bucket_seconds: z.number().optional() };
export type LatencyHeatmap = z.infer<typeof latencyHeatmapSchema>;

// GET /api/v1/performance/environment-parity
export const parityRowSchema = z.strictObject({
  environment_name: z.string(),
  avg_latency_p90: num.nullish(),
  error_rate: num.nullish(),
  request_count: num.nullish(),
  parity_score: num.nullish(),
});
export type ParityRow = z.infer<typeof parityRowSchema>;
const parityMeta = { parity_formula: z.string().optional(), environment_filter: z.string().optional() };

// GET /api/v1/performance/version-comparison (one row per version)
export const versionRowSchema = z.strictObject({
  version: z.string(),
  request_count: num.nullish(),
  avg_latency: num.nullish(),
  p50: num.nullish(),
  p90: num.nullish(),
  p99: num.nullish(),
  error_rate: num.nullish(),
  cost_per_request: num.nullish(),
});
export type VersionRow = z.infer<typeof versionRowSchema>;

// GET /api/v1/traces (latest sample, for the latency distribution): whole trace rows.
const latencySampleSchema = z.array(traceSummarySchema);

export async function fetchPerfOverview(params: Params) {
  return (await request('/api/v1/performance/overview', strictEnvelope(perfOverviewSchema, overviewMeta), { params })).data;
}
export async function fetchLatencyHeatmap(params: Params) {
  return request('/api/v1/performance/latency-heatmap', strictEnvelope(latencyHeatmapSchema, heatmapMeta), { params });
}
export async function fetchEnvironmentParity(params: Params) {
  return (await request('/api/v1/performance/environment-parity', strictEnvelope(z.array(parityRowSchema), parityMeta), { params })).data;
}
export async function fetchVersionComparison(params: Params) {
  return (await request('/api/v1/performance/version-comparison', strictEnvelope(z.array(versionRowSchema)), { params })).data;
}
export async function fetchLatencySample(params: Params) {
  return (await request('/api/v1/traces', strictEnvelope(latencySampleSchema), { params: { ...params, limit: 1000, sort: '-timestamp' } })).data;
}

const opts = { staleTime: 60_000, placeholderData: keepPreviousData } as const;

export function usePerfOverview(params: Params) {
  return useQuery({ queryKey: ['perf-overview', params], queryFn: () => fetchPerfOverview(params), ...opts });
}
export function useLatencyHeatmap(params: Params) {
  return useQuery({ queryKey: ['perf-heatmap', params], queryFn: () => fetchLatencyHeatmap(params), ...opts });
}
export function useEnvironmentParity(params: Params) {
  return useQuery({ queryKey: ['perf-parity', params], queryFn: () => fetchEnvironmentParity(params), ...opts });
}
export function useLatencySample(params: Params) {
  return useQuery({ queryKey: ['perf-sample', params], queryFn: () => fetchLatencySample(params), ...opts });
}

export function useVersionComparison(params: Params) {
  return useQuery({ queryKey: ['perf-versions', params], queryFn: () => fetchVersionComparison(params), ...opts });
}
