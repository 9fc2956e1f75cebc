import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { num, strictEnvelope, strictMetricSchema } from '../../lib/envelope';
import { newIdempotencyKey } from '../../lib/ids';
import { request } from '../../lib/http';

// ---- guardrail-service: the action framework (common-contracts ActionRecord) -------------------------

export const actionStatusSchema = z.enum(['pending', 'in_progress', 'completed', 'failed', 'rolled_back']);
export type ActionStatus = z.infer<typeof actionStatusSchema>;

// POST /api/v1/agents/{agent_id}/{pause|resume|rollback-version}, POST /api/v1/actions/{id}/rollback (201),
// GET /api/v1/actions, GET /api/v1/actions/{id}: one audit-trail row.
export const actionRecordSchema = z.strictObject({
  action_id: z.string(),
  action_type: z.string(),
  action_scope: z.string().nullable(),
  status: actionStatusSchema,
  actor_type: z.string().nullable(),
  actor_user_id: z.string().nullable(),
  actor_subject: z.string().nullable(),
  target_type: z.string().nullable(),
  target_id: z.string().nullable(),
  action_params: z.record(z.string(), z.unknown()).nullable(),
  result: z.unknown(),
  rollback_action_id: z.string().nullable(),
  rollback_available: z.boolean(),
  created_at: z.string(),
  updated_at: z.string().nullable(),
  completed_at: z.string().nullable(),
});
export type ActionRecord = z.infer<typeof actionRecordSchema>;

// GET /api/v1/agents/{agent_id}/config (guardrail AgentConfigResponse): the effective control-plane state.
export const agentConfigSchema = z.strictObject({
  agent_id: z.string(),
  status: z.enum(['active', 'paused', 'quarantined', 'deprecated']),
  lifecycle: z.string().nullable(),
  environment: z.string().nullable(),
  version: z.string().nullable(),
  model: z.string().nullable(),
  model_provider: z.string().nullable(),
  rate_limit_rpm: z.number().nullable(),
  guardrail_policy_id: z.string().nullable(),
  experiment_assignments: z.array(z.unknown()),
  deprecation_date: z.string().nullable(),
  replacement_agent_id: z.string().nullable(),
  config_version: z.number().nullable(),
  settings: z.record(z.string(), z.unknown()).nullable(),
  config_hash: z.string().nullable(),
  // running experiments: the agent picks its arm with fnv1a32(salt + ':' + unit) mod 10000 (docs/EXPERIMENTS.md)
  experiments: z.array(
    z.strictObject({
      experiment_id: z.string(),
      salt: z.string(),
      unit: z.string(),
      variants: z.array(
        z.strictObject({
          variant_id: z.string(),
          key: z.string(),
          weight: z.number(),
          overrides: z.record(z.string(), z.unknown()),
        }),
      ),
    }),
  ),
});
export type AgentConfig = z.infer<typeof agentConfigSchema>;

export type AgentActionKind = 'pause' | 'resume' | 'rollback_version';

const ACTION_PATH: Record<AgentActionKind, string> = { pause: 'pause', resume: 'resume', rollback_version: 'rollback-version' };

const actionEnvelope = strictEnvelope(actionRecordSchema);

/** Runs one agent action. `idempotencyKey`: fresh per user click, so a retried request acts once. */
export async function runAgentAction(kind: AgentActionKind, agentId: string, idempotencyKey: string = newIdempotencyKey()): Promise<ActionRecord> {
  const body = await request(`/api/v1/agents/${encodeURIComponent(agentId)}/${ACTION_PATH[kind]}`, actionEnvelope, {
    method: 'POST',
    body: {},
    headers: { 'Idempotency-Key': idempotencyKey },
  });
  return body.data;
}

/** Applies the recorded inverse of an action as a new `action.rollback` action (the undo). */
export async function rollbackAction(actionId: string, idempotencyKey: string = newIdempotencyKey()): Promise<ActionRecord> {
  const body = await request(`/api/v1/actions/${encodeURIComponent(actionId)}/rollback`, actionEnvelope, {
    method: 'POST',
    headers: { 'Idempotency-Key': idempotencyKey },
  });
  return body.data;
}

export interface TrailQuery {
  agent_id?: string;
  limit?: number;
}

// GET /api/v1/actions: newest first, cursor paging (meta.next_cursor).
export async function fetchActionTrail(params: TrailQuery): Promise<ActionRecord[]> {
  return (await request('/api/v1/actions', strictEnvelope(z.array(actionRecordSchema)), { params: { ...params } })).data;
}

export async function fetchAgentConfig(agentId: string): Promise<AgentConfig> {
  return (await request(`/api/v1/agents/${encodeURIComponent(agentId)}/config`, strictEnvelope(agentConfigSchema))).data;
}

// ---- query-service: the registry and headline metrics ------------------------------------------------

// GET /api/v1/agents (one row, AgentSummary)
export const agentSummarySchema = z.strictObject({
  agent_id: z.string(),
  name: z.string().nullable(),
  department: z.string().nullable(),
  environment: z.string().nullable(),
  version: z.string().nullable(),
  agent_status: z.string().nullable(),
  is_paused: z.boolean(),
  model: z.string().nullable(),
  model_provider: z.string().nullable(),
  request_count: z.number(),
  error_rate: z.number().nullable(),
  latency_p90: z.number().nullable(),
  cost_usd: num.nullable(),
});
export type AgentSummary = z.infer<typeof agentSummarySchema>;

// GET /api/v1/agents/{agent_id} (AgentDetail: AgentDirectory.Agent, Headline, VersionMetrics[])
export const agentDetailSchema = z.strictObject({
  agent: z.strictObject({
    id: z.string(),
    agent_id: z.string(),
    name: z.string().nullable(),
    description: z.string().nullable(),
    department: z.string().nullable(),
    environment: z.string().nullable(),
    version: z.string().nullable(),
    agent_status: z.string().nullable(),
    is_paused: z.boolean(),
    is_active: z.boolean(),
    owner_team: z.string().nullable(),
    model: z.string().nullable(),
    model_provider: z.string().nullable(),
    last_deployed_at: z.string().nullable(),
    deprecation_date: z.string().nullable(),
    created_at: z.string().nullable(),
  }),
  metrics: z.strictObject({
    request_count: strictMetricSchema,
    error_rate: strictMetricSchema,
    latency_p50: strictMetricSchema,
    latency_p90: strictMetricSchema,
    latency_p99: strictMetricSchema,
    cost_usd: strictMetricSchema,
  }),
  versions: z.array(z.strictObject({ version: z.string(), request_count: z.number(), error_rate: z.number().nullable(), latency_p90: z.number().nullable() })),
});
export type AgentDetail = z.infer<typeof agentDetailSchema>;

export async function fetchAgentSummaries(): Promise<AgentSummary[]> {
  return (await request('/api/v1/agents', strictEnvelope(z.array(agentSummarySchema)), { params: { limit: 1000 } })).data;
}

export async function fetchAgentDetail(agentId: string, range: string): Promise<AgentDetail> {
  return (await request(`/api/v1/agents/${encodeURIComponent(agentId)}`, strictEnvelope(agentDetailSchema), { params: { range } })).data;
}

// ---- cache keys and hooks -----------------------------------------------------------------------------

/** Everything that shows an agent's control state or the audit trail lives under these two prefixes. */
export const agentKeys = {
  all: ['agents'] as const,
  summaries: ['agents', 'summaries'] as const,
  config: (agentId: string) => ['agents', agentId, 'config'] as const,
  detail: (agentId: string, range: string) => ['agents', agentId, 'detail', range] as const,
};
export const trailKeys = {
  all: ['action-trail'] as const,
  list: (q: TrailQuery) => ['action-trail', q] as const,
};

/** After an action (done, failed or undone): refetch every view of agent state and of the trail. */
export function invalidateAfterAction(client: QueryClient): Promise<void> {
  return Promise.all([
    client.invalidateQueries({ queryKey: agentKeys.all }),
    client.invalidateQueries({ queryKey: trailKeys.all }),
  ]).then(() => undefined);
}

/** Paused or not, for every agent (one cached request; the query service keys its cache on data_version). */
export const agentSummariesQuery = { queryKey: agentKeys.summaries, queryFn: fetchAgentSummaries, staleTime: 30_000 };

export function useAgentSummaries() {
  return useQuery(agentSummariesQuery);
}

export function useAgentConfig(agentId: string) {
  return useQuery({ queryKey: agentKeys.config(agentId), queryFn: () => fetchAgentConfig(agentId), staleTime: 10_000 });
}

export function useAgentDetail(agentId: string, range: string) {
  return useQuery({ queryKey: agentKeys.detail(agentId, range), queryFn: () => fetchAgentDetail(agentId, range), staleTime: 60_000, placeholderData: keepPreviousData });
}

export function useActionTrail(q: TrailQuery) {
  return useQuery({ queryKey: trailKeys.list(q), queryFn: () => fetchActionTrail(q), staleTime: 15_000, retry: false });
}
