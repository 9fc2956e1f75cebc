import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { envelope, num, strictEnvelope } from '../../../lib/envelope';
import { request } from '../../../lib/http';
import { newIdempotencyKey } from '../../../lib/ids';
import { actionRecordSchema, type ActionRecord } from '../../agents';

type Params = Record<string, string | number | undefined>;

// Responses are parsed .strict(): a field the server adds or renames fails loudly here.

// GET /api/v1/cost/unpriced-models (query-service): traces whose cost is unknown, by model
export const unpricedModelSchema = z.object({
  model: z.string().nullable(),
  provider: z.string().nullable(),
  requests: num,
  tokens_input: num,
  tokens_output: num,
  tokens_total: num,
  last_seen: z.string(),
}).strict();
export type UnpricedModel = z.infer<typeof unpricedModelSchema>;

// GET /api/v1/cost/prices (processing-service): the workspace's own prices, USD per 1M tokens
export const PRICE_KINDS = ['negotiated', 'fine_tuned', 'self_hosted', 'deployment'] as const;
export type PriceKind = (typeof PRICE_KINDS)[number];
export const workspacePriceSchema = z.object({
  price_id: z.string(),
  model: z.string(),
  provider: z.string().nullable(),
  kind: z.enum(PRICE_KINDS),
  catalog_model: z.string().nullable(),
  input_per_mtok: num.nullable(),
  output_per_mtok: num.nullable(),
  cached_input_per_mtok: num.nullable(),
  cache_write_per_mtok: num.nullable(),
  reasoning_per_mtok: num.nullable(),
  effective_from: z.string(),
  note: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
}).strict();
export type WorkspacePrice = z.infer<typeof workspacePriceSchema>;

// GET /api/v1/cost/prices/catalog: the platform catalog, in the order entries are tried
export const catalogEntrySchema = z.object({
  model: z.string(),
  provider: z.string(),
  match_pattern: z.string(),
  effective_from: z.string(),
  input_per_mtok: num.nullable(),
  output_per_mtok: num.nullable(),
  cached_input_per_mtok: num.nullable(),
  cache_write_per_mtok: num.nullable(),
  reasoning_per_mtok: num.nullable(),
  total_per_mtok: num.nullable(),
  tier_input_tokens: num.nullable(),
  source_url: z.string(),
}).strict();
export type CatalogEntry = z.infer<typeof catalogEntrySchema>;

// GET /api/v1/cost/recomputes/{id}: a "recompute costs" run and its progress
export const recomputeSchema = z.object({
  recompute_id: z.string(),
  action_id: z.string().nullable(),
  model: z.string(),
  from: z.string(),
  to: z.string(),
  scope: z.enum(['unknown', 'all']),
  status: z.enum(['queued', 'running', 'done', 'failed', 'rolled_back']),
  total_traces: num,
  processed_traces: num,
  changed_traces: num,
  cost_before_usd: num,
  cost_after_usd: num,
  cursor_timestamp: z.string().nullable(),
  cursor_trace_id: z.string().nullable(),
  error: z.string().nullable(),
  created_at: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
  progress: num,
}).strict();
export type Recompute = z.infer<typeof recomputeSchema>;

/** What the price editor sends (prices in USD per 1M tokens; empty = not priced separately). */
export interface PriceDraft {
  model: string;
  provider?: string | null;
  kind: PriceKind;
  catalog_model?: string | null;
  input_per_mtok?: number | null;
  output_per_mtok?: number | null;
  cached_input_per_mtok?: number | null;
  cache_write_per_mtok?: number | null;
  reasoning_per_mtok?: number | null;
  note?: string | null;
}

export const pricingKeys = {
  all: ['pricing'] as const,
  unpriced: (params: Params) => ['pricing', 'unpriced', params] as const,
  prices: ['pricing', 'prices'] as const,
  catalog: ['pricing', 'catalog'] as const,
  recompute: (id: string) => ['pricing', 'recompute', id] as const,
};

export async function fetchUnpricedModels(params: Params) {
  return (await request('/api/v1/cost/unpriced-models', envelope(z.array(unpricedModelSchema)), { params })).data;
}
export async function fetchPrices() {
  return (await request('/api/v1/cost/prices', envelope(z.array(workspacePriceSchema)))).data;
}
export async function fetchCatalog() {
  return (await request('/api/v1/cost/prices/catalog', envelope(z.array(catalogEntrySchema)))).data;
}
export async function fetchRecompute(id: string) {
  return (await request(`/api/v1/cost/recomputes/${encodeURIComponent(id)}`, envelope(recomputeSchema))).data;
}

/** The pricing actions; each answers the audit row (undo: {@link rollbackPricingAction}). */
export type PricingAction =
  | { kind: 'create_price'; price: PriceDraft }
  | { kind: 'update_price'; priceId: string; price: PriceDraft }
  | { kind: 'delete_price'; priceId: string }
  | { kind: 'recompute'; model: string; from: string; to: string; scope: 'unknown' | 'all' };

const actionEnvelope = strictEnvelope(actionRecordSchema);

export async function runPricingAction(action: PricingAction, idempotencyKey: string = newIdempotencyKey()): Promise<ActionRecord> {
  const headers = { 'Idempotency-Key': idempotencyKey };
  switch (action.kind) {
    case 'create_price':
      return (await request('/api/v1/cost/prices', actionEnvelope, { method: 'POST', body: action.price, headers })).data;
    case 'update_price':
      return (await request(`/api/v1/cost/prices/${encodeURIComponent(action.priceId)}`, actionEnvelope, { method: 'PUT', body: action.price, headers })).data;
    case 'delete_price':
      return (await request(`/api/v1/cost/prices/${encodeURIComponent(action.priceId)}`, actionEnvelope, { method: 'DELETE', headers })).data;
    case 'recompute':
      return (await request('/api/v1/cost/recomputes', actionEnvelope, {
        method: 'POST',
        body: { model: action.model, from: action.from, to: action.to, scope: action.scope },
        headers,
      })).data;
  }
}

export async function rollbackPricingAction(actionId: string, idempotencyKey: string = newIdempotencyKey()): Promise<ActionRecord> {
  return (await request(`/api/v1/cost/actions/${encodeURIComponent(actionId)}/rollback`, actionEnvelope, {
    method: 'POST',
    headers: { 'Idempotency-Key': idempotencyKey },
  })).data;
}

/** A price or a recompute changes costs everywhere on the tab: refresh the pricing reads and the cost charts. */
export function invalidatePricing(client: QueryClient) {
  return Promise.all([
    client.invalidateQueries({ queryKey: pricingKeys.all }),
    client.invalidateQueries({ predicate: (q) => typeof q.queryKey[0] === 'string' && q.queryKey[0].startsWith('cost-') }),
  ]);
}

const opts = { staleTime: 60_000, placeholderData: keepPreviousData } as const;

export function useUnpricedModels(params: Params) {
  return useQuery({ queryKey: pricingKeys.unpriced(params), queryFn: () => fetchUnpricedModels(params), ...opts });
}
export function usePrices() {
  return useQuery({ queryKey: pricingKeys.prices, queryFn: fetchPrices, staleTime: 30_000 });
}
export function useCatalog(enabled: boolean) {
  return useQuery({ queryKey: pricingKeys.catalog, queryFn: fetchCatalog, staleTime: 10 * 60_000, enabled });
}
/** Polls a recompute every second until it ends. */
export function useRecompute(id: string | null) {
  return useQuery({
    queryKey: pricingKeys.recompute(id ?? ''),
    queryFn: () => fetchRecompute(id!),
    enabled: id != null,
    refetchInterval: (q) => (q.state.data && ['queued', 'running'].includes(q.state.data.status) ? 1000 : false),
  });
}
