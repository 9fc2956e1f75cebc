import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { envelope, metricSchema, num } from '../../lib/envelope';
import { request } from '../../lib/http';

type Params = Record<string, string | number | undefined>;

// GET /api/v1/performance/overview
export const perfOverviewSchema = z.object({
  latency_p50: metricSchema,
  latency_p90: metricSchema,
  latency_p95: metricSchema,
  latency_p99: metricSchema,
  error_rate: metricSchema,
  throughput_rpm: metricSchema,
  request_count: metricSchema.nullish(),
  slo_compliance_pct: metricSchema.nullish(),
  over_time: z
    .array(
      z.object({
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

// GET /api/v1/performance/latency-heatmap — agents as keys or as objects.
export const latencyHeatmapSchema = z.object({
  agents: z.array(
    z.union([
      z.string().transform((agent_id) => ({ agent_id, name: null as string | null })),
      z.object({ agent_id: z.string(), name: z.string().nullish() }).transform((a) => ({ agent_id: a.agent_id, name: a.name ?? null })),
    ]),
  ),
  time_buckets: z.array(z.string()),
  heatmap: z.array(z.array(num.nullable())),
});
export type LatencyHeatmap = z.infer<typeof latencyHeatmapSchema>;

// GET /api/v1/performance/environment-parity
export const parityRowSchema = z.object({
  environment_name: z.string(),
  avg_latency_p90: num.nullish(),
  error_rate: num.nullish(),
  request_count: num.nullish(),
  parity_score: num.nullish(),
});
export type ParityRow = z.infer<typeof parityRowSchema>;

// GET /api/v1/performance/version-comparison (one row per version)
export const versionRowSchema = z.object({
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

// GET /api/v1/traces (latest sample, for the latency distribution)
const latencySampleSchema = z.array(z.object({ latency_ms: num.nullish() }));

export async function fetchPerfOverview(params: Params) {
  return (await request('/api/v1/performance/overview', envelope(perfOverviewSchema), { params })).data;
}
export async function fetchLatencyHeatmap(params: Params) {
  return request('/api/v1/performance/latency-heatmap', envelope(latencyHeatmapSchema), { params });
}
export async function fetchEnvironmentParity(params: Params) {
  return (await request('/api/v1/performance/environment-parity', envelope(z.array(parityRowSchema)), { params })).data;
}
export async function fetchVersionComparison(params: Params) {
  return (await request('/api/v1/performance/version-comparison', envelope(z.array(versionRowSchema)), { params })).data;
}
export async function fetchLatencySample(params: Params) {
  return (await request('/api/v1/traces', envelope(latencySampleSchema), { params: { ...params, limit: 1000, sort: '-timestamp' } })).data;
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
