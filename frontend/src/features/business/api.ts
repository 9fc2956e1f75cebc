import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { num, strictEnvelope } from '../../lib/envelope';
import { request, requestBlob, requestText } from '../../lib/http';
import { newIdempotencyKey } from '../../lib/ids';
import { actionRecordSchema, type ActionRecord } from '../agents';

type Params = Record<string, string | number | undefined>;

// Strict schemas of query-service's business records (BusinessResponses, ValueModel).

// GET /api/v1/business/overview
export const overviewSchema = z.strictObject({
  value_usd: num,
  cost_usd: num,
  roi_pct: num.nullable(),
  roi_note: z.string().nullable(),
  hours_saved: num,
  successful_outcomes: num,
  cost_per_successful_outcome_usd: num.nullable(),
  goals_on_track: num,
  goals_total: num,
  departments_without_value_model: num,
});
export type Overview = z.infer<typeof overviewSchema>;

// GET /api/v1/business/roi-by-department
export const departmentRoiSchema = z.strictObject({
  department: z.string(),
  department_name: z.string(),
  value_usd: num,
  cost_usd: num,
  roi_pct: num.nullable(),
  roi_note: z.string().nullable(),
  hours_saved: num,
  successful_outcomes: num,
  value_model_type: z.string().nullable(),
  unit_value_usd: num.nullable(),
});
export type DepartmentRoi = z.infer<typeof departmentRoiSchema>;

export const progressPointSchema = z.strictObject({ day: z.string(), value: num });

// GET /api/v1/business/goals
export const goalSchema = z.strictObject({
  goal_id: z.string(),
  department: z.string(),
  name: z.string(),
  metric: z.string(),
  unit: z.string(),
  baseline_value: num,
  target_value: num,
  current_value: num,
  projected_value: num,
  projected_pct_of_target: num,
  progress_pct: num,
  status: z.enum(['on_track', 'at_risk', 'off_track', 'achieved']),
  daily_pace: num,
  start_date: z.string(),
  target_date: z.string(),
  linked_agent_ids: z.array(z.string()),
  closed: z.boolean(),
  closed_at: z.string().nullable(),
  progress: z.array(progressPointSchema),
});
export type Goal = z.infer<typeof goalSchema>;
const goalsMeta = { goals_on_track: num.optional(), goals_at_risk: num.optional(), goals_off_track: num.optional(), goals_achieved: num.optional() };

// GET /api/v1/business/forecast
export const forecastPointSchema = z.strictObject({
  date: z.string(),
  predicted: num,
  lower80: num,
  upper80: num,
  lower95: num,
  upper95: num,
});
export const historyPointSchema = z.strictObject({ date: z.string(), actual: num });
export const backtestSchema = z.strictObject({ mape_pct: num, coverage80_pct: num, coverage95_pct: num });
export const forecastSchema = z.strictObject({
  series: z.string(),
  department: z.string().nullable(),
  status: z.enum(['ready', 'pending']),
  model: z.string().nullable(),
  params: z.record(z.string(), z.unknown()),
  backtest: backtestSchema.nullable(),
  history_from: z.string().nullable(),
  history_to: z.string().nullable(),
  generated_at: z.string().nullable(),
  history: z.array(historyPointSchema),
  points: z.array(forecastPointSchema),
});
export type Forecast = z.infer<typeof forecastSchema>;
export type ForecastSeries = 'value_usd' | 'cost_usd' | 'requests';

// GET /api/v1/business/attribution
export const shareSchema = z.strictObject({
  key: z.string(),
  department: z.string().nullable(),
  value_usd: num,
  share_pct: num.nullable(),
  successful_outcomes: num,
});
export const attributionSchema = z.strictObject({
  total_value_usd: num,
  by_agent: z.array(shareSchema),
  by_intent: z.array(shareSchema),
});
export type Attribution = z.infer<typeof attributionSchema>;

// GET /api/v1/business/value-over-time
export const valuePointSchema = z.strictObject({ timestamp: z.string(), value_usd: num, cost_usd: num, net_usd: num });
export type ValuePoint = z.infer<typeof valuePointSchema>;

// GET /api/v1/business/value-model
export const valueModelSchema = z.strictObject({
  id: z.string(),
  department: z.string(),
  model_type: z.enum(['per_outcome', 'hours_saved']),
  value_per_outcome_usd: num.nullable(),
  hours_per_outcome: num.nullable(),
  hourly_rate_usd: num.nullable(),
  outcome_label: z.string(),
  updated_at: z.string(),
});
export type ValueModel = z.infer<typeof valueModelSchema>;

export const businessKeys = { all: ['business'] as const };
const opts = { staleTime: 60_000, placeholderData: keepPreviousData } as const;

export function useBusinessOverview(params: Params) {
  return useQuery({ queryKey: [...businessKeys.all, 'overview', params], queryFn: async () => (await request('/api/v1/business/overview', strictEnvelope(overviewSchema), { params })).data, ...opts });
}

export function useRoiByDepartment(params: Params) {
  return useQuery({ queryKey: [...businessKeys.all, 'roi', params], queryFn: async () => (await request('/api/v1/business/roi-by-department', strictEnvelope(z.array(departmentRoiSchema)), { params })).data, ...opts });
}

/** Goals follow their own periods: only the department filter applies. */
export function useGoals(params: Params) {
  return useQuery({ queryKey: [...businessKeys.all, 'goals', params], queryFn: async () => (await request('/api/v1/business/goals', strictEnvelope(z.array(goalSchema), goalsMeta), { params })).data, ...opts });
}

export function useForecast(params: Params, series: ForecastSeries) {
  return useQuery({
    queryKey: [...businessKeys.all, 'forecast', series, params],
    queryFn: async () => (await request('/api/v1/business/forecast', strictEnvelope(forecastSchema, { note: z.string().optional() }), { params: { ...params, series } })).data,
    ...opts,
  });
}

export function useAttribution(params: Params) {
  return useQuery({ queryKey: [...businessKeys.all, 'attribution', params], queryFn: async () => (await request('/api/v1/business/attribution', strictEnvelope(attributionSchema), { params })).data, ...opts });
}

export function useValueOverTime(params: Params) {
  return useQuery({ queryKey: [...businessKeys.all, 'value-time', params], queryFn: async () => (await request('/api/v1/business/value-over-time', strictEnvelope(z.array(valuePointSchema), { bucket_seconds: num.optional() }), { params })).data, ...opts });
}

export function useValueModels() {
  return useQuery({ queryKey: [...businessKeys.all, 'value-models'], queryFn: async () => (await request('/api/v1/business/value-model', strictEnvelope(z.array(valueModelSchema)))).data, ...opts });
}

export type ExecutiveReportFormat = 'csv' | 'pdf';

/** The executive report as a file: CSV (one row per department) or PDF (the whole report); analysts and above. */
export async function fetchExecutiveReport(params: Params, format: ExecutiveReportFormat): Promise<Blob> {
  const path = '/api/v1/business/executive-report';
  if (format === 'pdf') return requestBlob(path, 'application/pdf', { params: { ...params, format } });
  return new Blob([await requestText(path, { params: { ...params, format } })], { type: 'text/csv' });
}

export interface GoalDraft {
  name: string;
  department: string;
  metric: 'value_usd' | 'hours_saved' | 'successful_outcomes' | 'roi_pct';
  target_value: number;
  baseline_value?: number;
  start_date: string;
  target_date: string;
  linked_agent_ids: string[];
}

export interface ValueModelDraft {
  department: string;
  model_type: 'per_outcome' | 'hours_saved';
  value_per_outcome_usd?: number;
  hours_per_outcome?: number;
  hourly_rate_usd?: number;
  outcome_label?: string;
}

/** The business actions; each answers the audit row (undo: {@link rollbackBusinessAction}). */
export type BusinessAction =
  | { kind: 'create_goal'; goal: GoalDraft }
  | { kind: 'update_goal'; goalId: string; goal: GoalDraft }
  | { kind: 'close_goal'; goalId: string }
  | { kind: 'link_agents'; goalId: string; agentIds: string[] }
  | { kind: 'update_value_model'; model: ValueModelDraft };

const actionEnvelope = strictEnvelope(actionRecordSchema);

export async function runBusinessAction(action: BusinessAction, idempotencyKey: string = newIdempotencyKey()): Promise<ActionRecord> {
  const headers = { 'Idempotency-Key': idempotencyKey };
  const call = (path: string, body: unknown, method: 'POST' | 'PUT' = 'POST') => request(path, actionEnvelope, { method, body, headers });
  switch (action.kind) {
    case 'create_goal':
      return (await call('/api/v1/goals', action.goal)).data;
    case 'update_goal':
      return (await call(`/api/v1/goals/${encodeURIComponent(action.goalId)}`, action.goal, 'PUT')).data;
    case 'close_goal':
      return (await call(`/api/v1/goals/${encodeURIComponent(action.goalId)}/close`, {})).data;
    case 'link_agents':
      return (await call(`/api/v1/goals/${encodeURIComponent(action.goalId)}/agents`, { agent_ids: action.agentIds })).data;
    case 'update_value_model':
      return (await call('/api/v1/business/value-model', action.model, 'PUT')).data;
  }
}

/** Undo of a business action: query-service owns the handlers, so it runs the rollback. */
export async function rollbackBusinessAction(actionId: string, idempotencyKey: string = newIdempotencyKey()): Promise<ActionRecord> {
  return (await request(`/api/v1/business/actions/${encodeURIComponent(actionId)}/rollback`, actionEnvelope, {
    method: 'POST',
    headers: { 'Idempotency-Key': idempotencyKey },
  })).data;
}

export function invalidateBusiness(client: QueryClient) {
  return client.invalidateQueries({ queryKey: businessKeys.all });
}
