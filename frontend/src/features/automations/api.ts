import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { num, strictEnvelope } from '../../lib/envelope';
import { request } from '../../lib/http';
import { newIdempotencyKey } from '../../lib/ids';
import { actionRecordSchema, type ActionRecord } from '../agents';

type Params = Record<string, string | number | undefined>;

// Every schema mirrors an alert-service record (automation package; Jackson writes null fields too), strictly.
export const TRIGGERS = ['alert', 'slo_breach', 'metric_threshold', 'schedule', 'manual'] as const;
export const ON_FAILURE = ['stop', 'continue', 'rollback'] as const;
const trigger = z.enum(TRIGGERS);
const executionStatus = z.enum(['queued', 'running', 'awaiting_approval', 'succeeded', 'failed', 'cancelled', 'skipped', 'rolled_back']);
const stepStatus = z.enum(['pending', 'planned', 'awaiting_approval', 'running', 'succeeded', 'failed', 'skipped', 'rolled_back']);
const meta = { engineer_hours_note: z.string().optional() };

export const stepSchema = z.strictObject({
  action_type: z.string(),
  params: z.record(z.string(), z.unknown()),
  timeout_s: z.number(),
  on_failure: z.enum(ON_FAILURE),
  requires_approval: z.boolean(),
  enabled: z.boolean(),
});
export type PlaybookStep = z.infer<typeof stepSchema>;

export const definitionSchema = z.strictObject({
  name: z.string(),
  description: z.string().nullable(),
  trigger_type: trigger,
  trigger_config: z.record(z.string(), z.unknown()),
  condition: z.string().nullable(),
  steps: z.array(stepSchema),
  cooldown_seconds: z.number(),
  max_concurrent: z.number(),
  approval_timeout_seconds: z.number(),
});
export type PlaybookDefinition = z.infer<typeof definitionSchema>;

// GET /api/v1/playbooks — PlaybookItem
export const playbookItemSchema = z.strictObject({
  playbook_id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  trigger_type: trigger,
  enabled: z.boolean(),
  version: z.number(),
  step_count: z.number(),
  executions: z.number(),
  succeeded: z.number(),
  failed: z.number(),
  success_rate_pct: num.nullable(),
  last_run_at: z.string().nullable(),
  next_run_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type PlaybookItem = z.infer<typeof playbookItemSchema>;

export const executionStepSchema = z.strictObject({
  step_index: z.number(),
  action_type: z.string(),
  params: z.record(z.string(), z.unknown()),
  status: stepStatus,
  idempotency_key: z.string(),
  action_id: z.string().nullable(),
  rollback_action_id: z.string().nullable(),
  owner_service: z.string(),
  attempts: z.number(),
  log: z.array(z.unknown()),
  error: z.string().nullable(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
});
export type ExecutionStep = z.infer<typeof executionStepSchema>;

// GET /api/v1/playbooks/executions[/{id}] — Execution
export const executionSchema = z.strictObject({
  execution_id: z.string(),
  playbook_id: z.string(),
  playbook_name: z.string(),
  playbook_version: z.number(),
  mode: z.enum(['live', 'dry_run']),
  status: executionStatus,
  reason: z.string().nullable(),
  error: z.string().nullable(),
  trigger_source: trigger,
  trigger_key: z.string().nullable(),
  trigger_payload: z.record(z.string(), z.unknown()),
  triggered_by: z.string().nullable(),
  incident_id: z.string().nullable(),
  approved_through: z.number(),
  approved_by: z.string().nullable(),
  approval_deadline: z.string().nullable(),
  claimed_by: z.string().nullable(),
  scheduled_for: z.string().nullable(),
  queued_at: z.string(),
  started_at: z.string().nullable(),
  first_step_started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
  duration_ms: z.number().nullable(),
  steps: z.array(executionStepSchema).nullable(),
});
export type Execution = z.infer<typeof executionSchema>;

// GET /api/v1/playbooks/{id} — PlaybookDetail
export const playbookDetailSchema = z.strictObject({
  playbook: z.strictObject({
    playbook_id: z.string(),
    definition: definitionSchema,
    enabled: z.boolean(),
    version: z.number(),
    next_run_at: z.string().nullable(),
    last_triggered_at: z.string().nullable(),
    created_by: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  }),
  versions: z.array(z.strictObject({ version: z.number(), created_by: z.string().nullable(), created_at: z.string() })),
  recent_executions: z.array(executionSchema),
});
export type PlaybookDetail = z.infer<typeof playbookDetailSchema>;

// GET /api/v1/automations/overview — Overview (KPIs and charts 11.1, 11.2, 11.4–11.7)
export const overviewSchema = z.strictObject({
  kpis: z.strictObject({
    success_rate_pct: num.nullable(),
    active_playbooks: z.number(),
    executions: z.number(),
    avg_duration_ms: z.number().nullable(),
    engineer_hours_saved: num,
    next_run_at: z.string().nullable(),
    next_run_playbook: z.string().nullable(),
  }),
  history: z.array(z.strictObject({ date: z.string(), succeeded: z.number(), failed: z.number(), cancelled: z.number(), other: z.number() })),
  by_playbook: z.array(z.strictObject({ playbook_id: z.string(), name: z.string(), succeeded: z.number(), failed: z.number(), other: z.number() })),
  trigger_sources: z.array(z.strictObject({ trigger_source: trigger, executions: z.number() })),
  step_failures: z.array(z.strictObject({ playbook_id: z.string(), playbook_name: z.string(), step_index: z.number(), action_type: z.string(), failures: z.number(), runs: z.number() })),
  mttr: z.array(z.strictObject({ resolution: z.enum(['automated', 'manual']), incidents: z.number(), mttr_minutes: num.nullable() })),
  actions_by_type: z.array(z.strictObject({ action_type: z.string(), owner_service: z.string(), succeeded: z.number(), failed: z.number(), rolled_back: z.number() })),
});
export type Overview = z.infer<typeof overviewSchema>;

// GET /api/v1/playbooks/schedule — ScheduledRun (11.3)
export const scheduledRunSchema = z.strictObject({
  playbook_id: z.string(),
  playbook_name: z.string(),
  scheduled_for: z.string(),
  status: z.string(),
  execution_id: z.string().nullable(),
});
export type ScheduledRun = z.infer<typeof scheduledRunSchema>;

// GET /api/v1/playbooks/action-types
export const actionTypeSchema = z.strictObject({ action_type: z.string(), owner_service: z.string(), required_params: z.array(z.string()) });
export type ActionType = z.infer<typeof actionTypeSchema>;

const list = <T extends z.ZodType>(item: T) => strictEnvelope(z.array(item), meta);
const one = <T extends z.ZodType>(item: T) => strictEnvelope(item, meta);

export const fetchPlaybooks = async (params: Params) => (await request('/api/v1/playbooks', list(playbookItemSchema), { params })).data;
export const fetchPlaybook = async (id: string) => (await request(`/api/v1/playbooks/${encodeURIComponent(id)}`, one(playbookDetailSchema))).data;
export const fetchExecutions = async (params: Params) => (await request('/api/v1/playbooks/executions', list(executionSchema), { params })).data;
export const fetchExecution = async (id: string) => (await request(`/api/v1/playbooks/executions/${encodeURIComponent(id)}`, one(executionSchema))).data;
export const fetchOverview = async (params: Params) => (await request('/api/v1/automations/overview', one(overviewSchema), { params })).data;
export const fetchSchedule = async (days: number) => (await request('/api/v1/playbooks/schedule', list(scheduledRunSchema), { params: { days } })).data;
export const fetchActionTypes = async () => (await request('/api/v1/playbooks/action-types', list(actionTypeSchema))).data;

function scoped(params: Params): Params {
  const { range, from, to } = params;
  return { range, from, to };
}

const HOT = 15_000;
const WARM = 60_000;
export const automationKeys = { all: ['automations'] as const };

export const useOverview = (p: Params) => useQuery({ queryKey: ['automations', 'overview', scoped(p)], queryFn: () => fetchOverview(scoped(p)), staleTime: HOT, placeholderData: keepPreviousData });
export const usePlaybooks = (p: Params) => useQuery({ queryKey: ['automations', 'playbooks', scoped(p)], queryFn: () => fetchPlaybooks({ ...scoped(p), limit: 200 }), staleTime: HOT, placeholderData: keepPreviousData });
export const usePlaybook = (id: string | null) => useQuery({ queryKey: ['automations', 'playbook', id], queryFn: () => fetchPlaybook(id!), enabled: id !== null, staleTime: HOT });
export const useExecutions = (p: Params) => useQuery({ queryKey: ['automations', 'executions', scoped(p)], queryFn: () => fetchExecutions({ ...scoped(p), limit: 100 }), staleTime: HOT, refetchInterval: HOT, placeholderData: keepPreviousData });
/** An open execution refreshes every 2 s until it finishes. */
export const useExecution = (id: string | null) => useQuery({
  queryKey: ['automations', 'execution', id], queryFn: () => fetchExecution(id!), enabled: id !== null, staleTime: 1_000,
  refetchInterval: (q) => (q.state.data && ['queued', 'running'].includes(q.state.data.status) ? 2_000 : false),
});
export const useSchedule = (days = 7) => useQuery({ queryKey: ['automations', 'schedule', days], queryFn: () => fetchSchedule(days), staleTime: WARM });
export const useActionTypes = () => useQuery({ queryKey: ['automations', 'action-types'], queryFn: fetchActionTypes, staleTime: 10 * WARM });

// ---------------------------------------------------------------- actions (201 + the audit row)

const actionEnvelope = strictEnvelope(actionRecordSchema);

async function act(method: 'POST' | 'PUT', path: string, body: unknown, idempotencyKey: string): Promise<ActionRecord> {
  return (await request(path, actionEnvelope, { method, headers: { 'Idempotency-Key': idempotencyKey }, body })).data;
}

export type PlaybookVerb = 'enable' | 'disable' | 'run' | 'dry-run';
export type ExecutionVerb = 'approve' | 'cancel';

export const createPlaybook = (body: PlaybookDefinition, key = newIdempotencyKey()) => act('POST', '/api/v1/playbooks', body, key);
export const updatePlaybook = (id: string, body: PlaybookDefinition, key = newIdempotencyKey()) => act('PUT', `/api/v1/playbooks/${encodeURIComponent(id)}`, body, key);
export const changePlaybook = (id: string, verb: PlaybookVerb, key = newIdempotencyKey()) => act('POST', `/api/v1/playbooks/${encodeURIComponent(id)}/${verb}`, undefined, key);
export const changeExecution = (id: string, verb: ExecutionVerb, key = newIdempotencyKey()) => act('POST', `/api/v1/playbooks/executions/${encodeURIComponent(id)}/${verb}`, undefined, key);
/** Undo of an alert-service action: alert-service serves its own rollback (the gateway sends /actions/** to guardrail-service). */
export const rollbackAlertAction = (actionId: string, key = newIdempotencyKey()) => act('POST', `/api/v1/alerts/actions/${encodeURIComponent(actionId)}/rollback`, undefined, key);

export function invalidateAutomations(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ queryKey: automationKeys.all }).then(() => undefined);
}
