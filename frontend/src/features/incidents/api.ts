import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { num, strictEnvelope } from '../../lib/envelope';
import { request } from '../../lib/http';
import { newIdempotencyKey } from '../../lib/ids';
import { actionRecordSchema, type ActionRecord } from '../agents';

type Params = Record<string, string | number | undefined>;

// Every schema mirrors an alert-service record (Jackson writes null fields too), strictly.
const severity = z.enum(['sev1', 'sev2', 'sev3', 'sev4']);
const meta = { error_budget_note: z.string().optional(), slo_compliance_note: z.string().optional() };

// GET /api/v1/alerts — AlertItem
export const alertItemSchema = z.strictObject({
  alert_id: z.string(),
  rule_id: z.string(),
  rule_name: z.string(),
  rule_kind: z.string(),
  title: z.string(),
  severity,
  status: z.enum(['pending', 'firing', 'resolved']),
  agent_id: z.string().nullable(),
  department: z.string().nullable(),
  environment: z.string().nullable(),
  value: num.nullable(),
  threshold: num.nullable(),
  started_at: z.string(),
  fired_at: z.string().nullable(),
  resolved_at: z.string().nullable(),
  acknowledged_at: z.string().nullable(),
  acknowledged_by: z.string().nullable(),
  silenced: z.boolean(),
  inhibited: z.boolean(),
  incident_id: z.string().nullable(),
});
export type AlertItem = z.infer<typeof alertItemSchema>;

// GET /api/v1/incidents — IncidentItem
export const incidentSchema = z.strictObject({
  incident_id: z.string(),
  title: z.string(),
  severity,
  status: z.enum(['open', 'acknowledged', 'mitigated', 'resolved', 'closed']),
  department: z.string().nullable(),
  agent_id: z.string().nullable(),
  cause: z.string().nullable(),
  assignee: z.string().nullable(),
  detected_at: z.string(),
  acknowledged_at: z.string().nullable(),
  mitigated_at: z.string().nullable(),
  resolved_at: z.string().nullable(),
  closed_at: z.string().nullable(),
  mtta_minutes: num.nullable(),
  mttr_minutes: num.nullable(),
  alert_count: z.number(),
  postmortem_status: z.string().nullable(),
});
export type Incident = z.infer<typeof incidentSchema>;

const actionItemSchema = z.strictObject({ action_item_id: z.string(), title: z.string(), owner: z.string().nullable(), status: z.string(), due_date: z.string().nullable() });

// GET /api/v1/postmortems — Postmortem
export const postmortemSchema = z.strictObject({
  postmortem_id: z.string(),
  incident_id: z.string(),
  incident_title: z.string(),
  severity,
  status: z.enum(['draft', 'in_review', 'published']),
  summary: z.string().nullable(),
  root_cause: z.string().nullable(),
  author: z.string().nullable(),
  created_at: z.string(),
  published_at: z.string().nullable(),
  action_items: z.array(actionItemSchema),
  action_items_open: z.number(),
});
export type Postmortem = z.infer<typeof postmortemSchema>;

// GET /api/v1/incidents/{id} — IncidentDetail
export const incidentDetailSchema = z.strictObject({
  incident: incidentSchema,
  events: z.array(z.strictObject({ event_id: z.string(), event_type: z.string(), message: z.string().nullable(), actor: z.string().nullable(), occurred_at: z.string(), data: z.record(z.string(), z.unknown()) })),
  alerts: z.array(z.strictObject({ alert_id: z.string(), title: z.string(), severity, status: z.string(), fired_at: z.string().nullable(), resolved_at: z.string().nullable() })),
  postmortem: postmortemSchema.nullable(),
});
export type IncidentDetail = z.infer<typeof incidentDetailSchema>;

// GET /api/v1/incidents/kpis — IncidentKpis
export const kpisSchema = z.strictObject({
  open_incidents: z.number(),
  open_by_severity: z.record(z.string(), z.number()),
  incidents_in_range: z.number(),
  mtta_minutes: num.nullable(),
  mttr_minutes: num.nullable(),
  postmortem_completion_pct: num.nullable(),
  error_budget_remaining_pct: num.nullable(),
  slo_compliance_pct: num.nullable(),
  firing_alerts: z.number(),
});
export type IncidentKpis = z.infer<typeof kpisSchema>;

// GET /api/v1/incidents/mttr — MttrView
export const mttrSchema = z.strictObject({
  by_severity: z.array(z.strictObject({ severity, incidents: z.number(), mtta_median_minutes: num.nullable(), mtta_p90_minutes: num.nullable(), mttr_median_minutes: num.nullable(), mttr_p90_minutes: num.nullable() })),
  weekly: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
});
export type MttrView = z.infer<typeof mttrSchema>;

// GET /api/v1/incidents/by-department
export const departmentSeveritySchema = z.strictObject({ department: z.string(), sev1: z.number(), sev2: z.number(), sev3: z.number(), sev4: z.number(), total: z.number() });
// GET /api/v1/incidents/top-causes
export const causeSchema = z.strictObject({ cause: z.string(), incidents: z.number(), total_minutes: num });

// GET /api/v1/slo — SloStatus
export const sloSchema = z.strictObject({
  slo_id: z.string(),
  name: z.string(),
  sli: z.string(),
  objective_pct: num,
  threshold: num.nullable(),
  scope_type: z.string(),
  scope_value: z.string().nullable(),
  window_days: z.number(),
  event_based: z.boolean(),
  compliance_pct: num.nullable(),
  error_budget_remaining_pct: num.nullable(),
  is_met: z.boolean().nullable(),
  note: z.string().nullable(),
});
export type SloStatus = z.infer<typeof sloSchema>;

// GET /api/v1/slo/error-budget and /slo/breach-history: one series per SLO
const seriesSchema = <P extends z.ZodType>(point: P) =>
  z.strictObject({ slo_id: z.string(), name: z.string(), sli: z.string(), objective_pct: num, points: z.array(point) });
export const budgetSeriesSchema = seriesSchema(z.strictObject({ timestamp: z.string(), value: num.nullable() }));
export const breachSeriesSchema = seriesSchema(z.strictObject({ timestamp: z.string(), hours: z.number(), breached_hours: z.number(), compliance_pct: num.nullable() }));
export type BudgetSeries = z.infer<typeof budgetSeriesSchema>;
export type BreachSeries = z.infer<typeof breachSeriesSchema>;

// GET /api/v1/alerts/timeline
export const alertDaySchema = z.strictObject({ timestamp: z.string(), sev1: z.number(), sev2: z.number(), sev3: z.number(), sev4: z.number() });
export type AlertDay = z.infer<typeof alertDaySchema>;

// GET /api/v1/alerts/silences
export const silenceSchema = z.strictObject({
  silence_id: z.string(),
  matchers: z.record(z.string(), z.string()),
  starts_at: z.string(),
  ends_at: z.string(),
  comment: z.string().nullable(),
  created_by: z.string().nullable(),
  active: z.boolean(),
  matching_firing: z.number(),
});
export type Silence = z.infer<typeof silenceSchema>;

// GET /api/v1/alert-rules — AlertRule
export const ruleSchema = z.strictObject({
  rule_id: z.string(),
  name: z.string(),
  kind: z.enum(['threshold', 'burn_rate', 'anomaly']),
  severity,
  measure: z.string().nullable(),
  comparator: z.string().nullable(),
  threshold: num.nullable(),
  resolve_threshold: num.nullable(),
  window_minutes: z.number(),
  for_minutes: z.number(),
  group_by: z.string(),
  filters: z.record(z.string(), z.string()),
  slo_id: z.string().nullable(),
  burn_windows: z.array(z.strictObject({ long_minutes: z.number(), short_minutes: z.number(), factor: z.number(), severity })).nullable(),
  z_threshold: num.nullable(),
  min_volume: z.number().nullable(),
  direction: z.string().nullable(),
  repeat_interval_minutes: z.number(),
  group_wait_seconds: z.number(),
  group_interval_minutes: z.number(),
  channel_ids: z.array(z.string()),
  enabled: z.boolean(),
  created_by: z.string().nullable(),
  created_at: z.string(),
});
export type AlertRule = z.infer<typeof ruleSchema>;

// POST /api/v1/alert-rules/preview — RulePreview.Result (nothing is saved)
export const previewFiringSchema = z.strictObject({
  labels: z.record(z.string(), z.string()),
  severity,
  started_at: z.string(),
  fired_at: z.string(),
  resolved_at: z.string().nullable(),
  peak_value: num.nullable(),
});
export const rulePreviewSchema = z.strictObject({
  days: z.number(),
  step_minutes: z.number(),
  evaluations: z.number(),
  from: z.string(),
  to: z.string(),
  fired_count: z.number(),
  scopes_fired: z.number(),
  firing_minutes: z.number(),
  firings: z.array(previewFiringSchema),
});
export type RulePreview = z.infer<typeof rulePreviewSchema>;

// GET /api/v1/alerts/channels — Channel (the secret is never returned; a Slack URL without its path)
export const channelSchema = z.strictObject({
  channel_id: z.string(),
  name: z.string(),
  kind: z.enum(['webhook', 'slack', 'email', 'in_app']),
  url: z.string().nullable(),
  has_secret: z.boolean(),
  enabled: z.boolean(),
  created_at: z.string(),
});
export type Channel = z.infer<typeof channelSchema>;

// GET /api/v1/alerts/escalation-policies — EscalationPolicy
export const escalationPolicySchema = z.strictObject({
  policy_id: z.string(),
  name: z.string(),
  severity,
  after_minutes: z.number(),
  channel_ids: z.array(z.string()),
  enabled: z.boolean(),
  created_by: z.string().nullable(),
  created_at: z.string(),
});
export type EscalationPolicy = z.infer<typeof escalationPolicySchema>;

// POST /api/v1/alerts/channels/{id}/test — ChannelsController.ChannelTest
export const channelTestSchema = z.strictObject({ channel_id: z.string(), delivered: z.boolean(), error: z.string().nullable() });
export type ChannelTest = z.infer<typeof channelTestSchema>;

const list = <T extends z.ZodType>(item: T) => strictEnvelope(z.array(item), meta);
const one = <T extends z.ZodType>(item: T) => strictEnvelope(item, meta);

export const fetchAlerts = async (params: Params) => (await request('/api/v1/alerts', list(alertItemSchema), { params })).data;
export const fetchIncidents = async (params: Params) => (await request('/api/v1/incidents', list(incidentSchema), { params })).data;
export const fetchIncident = async (id: string) => (await request(`/api/v1/incidents/${encodeURIComponent(id)}`, one(incidentDetailSchema))).data;
export const fetchKpis = async (params: Params) => (await request('/api/v1/incidents/kpis', one(kpisSchema), { params })).data;
export const fetchMttr = async (params: Params) => (await request('/api/v1/incidents/mttr', one(mttrSchema), { params })).data;
export const fetchByDepartment = async (params: Params) => (await request('/api/v1/incidents/by-department', list(departmentSeveritySchema), { params })).data;
export const fetchCauses = async (params: Params) => (await request('/api/v1/incidents/top-causes', list(causeSchema), { params })).data;
export const fetchPostmortems = async (params: Params) => (await request('/api/v1/postmortems', list(postmortemSchema), { params })).data;
export const fetchSlos = async () => (await request('/api/v1/slo', list(sloSchema))).data;
export const fetchErrorBudget = async () => (await request('/api/v1/slo/error-budget', list(budgetSeriesSchema))).data;
export const fetchBreachHistory = async (params: Params) => (await request('/api/v1/slo/breach-history', list(breachSeriesSchema), { params })).data;
export const fetchAlertTimeline = async (params: Params) => (await request('/api/v1/alerts/timeline', list(alertDaySchema), { params })).data;
export const fetchSilences = async () => (await request('/api/v1/alerts/silences', list(silenceSchema))).data;
export const fetchPolicies = async () => (await request('/api/v1/alerts/escalation-policies', list(escalationPolicySchema))).data;
export const fetchChannels = async () => (await request('/api/v1/alerts/channels', list(channelSchema))).data;
export const fetchRules = async () => (await request('/api/v1/alert-rules', list(ruleSchema))).data;

/** The standard filters the incident reads take (range + department + agent). */
function scoped(params: Params): Params {
  const { range, from, to, department, agent_id } = params;
  return { range, from, to, department, agent_id };
}

const HOT = 30_000;
const WARM = 60_000;
export const incidentKeys = { all: ['incidents'] as const };

export const useKpis = (p: Params) => useQuery({ queryKey: ['incidents', 'kpis', scoped(p)], queryFn: () => fetchKpis(scoped(p)), staleTime: HOT, placeholderData: keepPreviousData });
export const useFiringAlerts = (p: Params) => useQuery({ queryKey: ['incidents', 'alerts', 'active', scoped(p)], queryFn: () => fetchAlerts({ ...scoped(p), status: 'active', limit: 100 }), staleTime: HOT, refetchInterval: HOT });
export const useIncidents = (p: Params) => useQuery({ queryKey: ['incidents', 'list', scoped(p)], queryFn: () => fetchIncidents({ ...scoped(p), limit: 200 }), staleTime: HOT, placeholderData: keepPreviousData });
export const useIncident = (id: string | null) => useQuery({ queryKey: ['incidents', 'detail', id], queryFn: () => fetchIncident(id!), enabled: id !== null, staleTime: HOT });
export const useMttr = (p: Params) => useQuery({ queryKey: ['incidents', 'mttr', scoped(p)], queryFn: () => fetchMttr(scoped(p)), staleTime: WARM, placeholderData: keepPreviousData });
export const useByDepartment = (p: Params) => useQuery({ queryKey: ['incidents', 'by-department', scoped(p)], queryFn: () => fetchByDepartment(scoped(p)), staleTime: WARM, placeholderData: keepPreviousData });
export const useCauses = (p: Params) => useQuery({ queryKey: ['incidents', 'causes', scoped(p)], queryFn: () => fetchCauses(scoped(p)), staleTime: WARM, placeholderData: keepPreviousData });
export const usePostmortems = (p: Params) => useQuery({ queryKey: ['incidents', 'postmortems', scoped(p)], queryFn: () => fetchPostmortems(scoped(p)), staleTime: WARM, placeholderData: keepPreviousData });
export const useSlos = () => useQuery({ queryKey: ['incidents', 'slos'], queryFn: fetchSlos, staleTime: WARM });
export const useErrorBudget = () => useQuery({ queryKey: ['incidents', 'error-budget'], queryFn: fetchErrorBudget, staleTime: WARM });
export const useBreachHistory = (p: Params) => useQuery({ queryKey: ['incidents', 'breach-history', scoped(p)], queryFn: () => fetchBreachHistory(scoped(p)), staleTime: WARM, placeholderData: keepPreviousData });
export const useAlertTimeline = (p: Params) => useQuery({ queryKey: ['incidents', 'alert-timeline', scoped(p)], queryFn: () => fetchAlertTimeline(scoped(p)), staleTime: HOT, placeholderData: keepPreviousData });
export const useSilences = () => useQuery({ queryKey: ['incidents', 'silences'], queryFn: fetchSilences, staleTime: HOT });
export const usePolicies = () => useQuery({ queryKey: ['incidents', 'escalation-policies'], queryFn: fetchPolicies, staleTime: WARM });
export const useChannels = () => useQuery({ queryKey: ['incidents', 'channels'], queryFn: fetchChannels, staleTime: WARM });
export const useRules = () => useQuery({ queryKey: ['incidents', 'rules'], queryFn: fetchRules, staleTime: WARM });

// ---------------------------------------------------------------- actions (201 + the audit row)

const actionEnvelope = strictEnvelope(actionRecordSchema);

async function act(path: string, body: unknown, idempotencyKey: string): Promise<ActionRecord> {
  const response = await request(path, actionEnvelope, {
    method: 'POST',
    headers: { 'Idempotency-Key': idempotencyKey },
    body,
  });
  return response.data;
}

export type IncidentVerb = 'acknowledge' | 'mitigate' | 'resolve' | 'close';

export const transitionIncident = (id: string, verb: IncidentVerb, key = newIdempotencyKey()) => act(`/api/v1/incidents/${encodeURIComponent(id)}/${verb}`, {}, key);
export const acknowledgeAlert = (id: string, key = newIdempotencyKey()) => act(`/api/v1/alerts/${encodeURIComponent(id)}/acknowledge`, undefined, key);
export const createSilence = (body: { matchers: Record<string, string>; duration_minutes: number; comment?: string }, key = newIdempotencyKey()) => act('/api/v1/alerts/silences', body, key);
export const expireSilence = (id: string, key = newIdempotencyKey()) => act(`/api/v1/alerts/silences/${encodeURIComponent(id)}/expire`, undefined, key);
export const createRule = (body: Record<string, unknown>, key = newIdempotencyKey()) => act('/api/v1/alert-rules', body, key);
export const deleteRule = async (id: string, key = newIdempotencyKey()) =>
  (await request(`/api/v1/alert-rules/${encodeURIComponent(id)}`, actionEnvelope, { method: 'DELETE', headers: { 'Idempotency-Key': key } })).data;
export interface ChannelBody { name?: string; kind?: Channel['kind']; url?: string; secret?: string; clear_secret?: boolean; enabled?: boolean }
export const createChannel = (body: ChannelBody, key = newIdempotencyKey()) => act('/api/v1/alerts/channels', body, key);
export const updateChannel = async (id: string, body: ChannelBody, key = newIdempotencyKey()) =>
  (await request(`/api/v1/alerts/channels/${encodeURIComponent(id)}`, actionEnvelope, { method: 'PUT', headers: { 'Idempotency-Key': key }, body })).data;
export const deleteChannel = async (id: string, key = newIdempotencyKey()) =>
  (await request(`/api/v1/alerts/channels/${encodeURIComponent(id)}`, actionEnvelope, { method: 'DELETE', headers: { 'Idempotency-Key': key } })).data;
/** Sends a test record to the channel now (not an action: nothing changes, nothing is stored). */
export const testChannel = async (id: string) =>
  (await request(`/api/v1/alerts/channels/${encodeURIComponent(id)}/test`, one(channelTestSchema), { method: 'POST' })).data;
export const createPolicy = (body: { name: string; severity: string; after_minutes: number; channel_ids: string[] }, key = newIdempotencyKey()) =>
  act('/api/v1/alerts/escalation-policies', body, key);
export const deletePolicy = async (id: string, key = newIdempotencyKey()) =>
  (await request(`/api/v1/alerts/escalation-policies/${encodeURIComponent(id)}`, actionEnvelope, { method: 'DELETE', headers: { 'Idempotency-Key': key } })).data;
export const createSlo = (body: Record<string, unknown>, key = newIdempotencyKey()) => act('/api/v1/slo', body, key);
export const escalateIncident = (id: string, key = newIdempotencyKey()) => act(`/api/v1/incidents/${encodeURIComponent(id)}/escalate`, {}, key);
export interface PostmortemBody {
  summary: string | null;
  root_cause: string | null;
  status: 'draft' | 'in_review' | 'published';
  action_items: { title: string; owner: string | null; status: 'open' | 'done'; due_date: string | null }[];
}
export const savePostmortem = (incidentId: string, body: PostmortemBody, key = newIdempotencyKey()) => act(`/api/v1/incidents/${encodeURIComponent(incidentId)}/postmortem`, body, key);
export const declareIncident = (body: { title: string; severity: string; department?: string }, key = newIdempotencyKey()) => act('/api/v1/incidents', body, key);
/** Replays a rule that is not saved over the past `days` (a read: no Idempotency-Key, no audit row). */
export const previewRule = async (body: Record<string, unknown>, days: number) =>
  (await request('/api/v1/alert-rules/preview', one(rulePreviewSchema), { method: 'POST', body, params: { days } })).data;
/** Undo of an alert-service action (the gateway sends /actions/** to guardrail-service, so alert-service serves its own). */
export const rollbackAlertAction = (actionId: string, key = newIdempotencyKey()) => act(`/api/v1/alerts/actions/${encodeURIComponent(actionId)}/rollback`, undefined, key);

export function invalidateIncidents(client: QueryClient): Promise<void> {
  return Promise.all([
    client.invalidateQueries({ queryKey: incidentKeys.all }),
    client.invalidateQueries({ queryKey: ['alerts'] }),
  ]).then(() => undefined);
}
