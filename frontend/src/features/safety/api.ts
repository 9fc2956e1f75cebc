import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { envelope, num } from '../../lib/envelope';
import { request } from '../../lib/http';
import { newIdempotencyKey } from '../../lib/ids';
import { actionRecordSchema, type ActionRecord } from '../agents';

type Params = Record<string, string | number | undefined>;

// Responses are parsed .strict(): a field the server adds or renames fails loudly here.

// GET /api/v1/safety/overview
export const overviewSchema = z.strictObject({
  total_violations: num,
  violations_per1k_requests: num,
  blocked: num,
  redacted: num,
  pii_detections: num,
  policy_compliance_pct: num,
  false_positive_rate: num,
  requests: num,
  checks: num,
  checks_blocked: num,
  check_p50_ms: num.nullable(),
  check_p99_ms: num.nullable(),
});
export type SafetyOverview = z.infer<typeof overviewSchema>;

// GET /api/v1/safety/violation-trends
export const trendPointSchema = z.strictObject({ bucket: z.string(), by_category: z.record(z.string(), num), total: num });
export type TrendPoint = z.infer<typeof trendPointSchema>;

// GET /api/v1/safety/compliance-by-department
export const departmentComplianceSchema = z.strictObject({
  department: z.string(),
  requests: num,
  violations: num,
  blocked: num,
  compliance_pct: num,
});
export type DepartmentCompliance = z.infer<typeof departmentComplianceSchema>;

// GET /api/v1/safety/guardrail-effectiveness
export const effectivenessSchema = z.strictObject({
  policy_id: z.string(),
  name: z.string(),
  policy_type: z.string(),
  enforcement_mode: z.string(),
  is_active: z.boolean(),
  detected: num,
  blocked: num,
  redacted: num,
  flagged: num,
  false_positives: num,
  false_positive_rate: num,
});
export type Effectiveness = z.infer<typeof effectivenessSchema>;

// GET /api/v1/safety/heatmap
export const heatCellSchema = z.strictObject({ department: z.string(), violation_type: z.string(), n: num });
export type HeatCell = z.infer<typeof heatCellSchema>;

// GET /api/v1/safety/top-agents
export const topAgentSchema = z.strictObject({
  agent_id: z.string(),
  department: z.string().nullable(),
  violations: num,
  critical: num,
  blocked: num,
  top_type: z.string().nullable(),
  quarantined: z.boolean().nullable(),
});
export type TopAgent = z.infer<typeof topAgentSchema>;

// GET /api/v1/safety/violations
export const violationSchema = z.strictObject({
  id: z.string(),
  detected_at: z.string(),
  trace_id: z.string().nullable(),
  agent_id: z.string(),
  department_code: z.string().nullable(),
  environment: z.string().nullable(),
  policy_id: z.string().nullable(),
  policy_name: z.string().nullable(),
  violation_type: z.string(),
  category: z.string(),
  severity: z.string(),
  action_taken: z.string(),
  confidence: num,
  source: z.string(),
  direction: z.string(),
  is_false_positive: z.boolean(),
  reviewed_by: z.string().nullable(),
  excerpt: z.string().nullable(),
});
export type Violation = z.infer<typeof violationSchema>;

// GET /api/v1/safety/policy-coverage
export const coverageSchema = z.strictObject({
  department: z.string(),
  agents: num,
  covered_agents: z.record(z.string(), num),
  coverage_pct: num,
});
export type Coverage = z.infer<typeof coverageSchema>;

// GET /api/v1/safety/audit-trail
export const auditRowSchema = z.strictObject({
  action_id: z.string(),
  action_type: z.string(),
  status: z.string(),
  actor_subject: z.string().nullable(),
  target_type: z.string().nullable(),
  target_id: z.string().nullable(),
  reason: z.string().nullable(),
  created_at: z.string(),
});
export type AuditRow = z.infer<typeof auditRowSchema>;

// GET /api/v1/guardrails/policies
export const policySchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  policy_type: z.string(),
  enforcement_mode: z.enum(['monitor', 'redact', 'block']),
  fail_mode: z.string(),
  config: z.strictObject({
    entities: z.array(z.string()),
    allow_list: z.array(z.string()),
    patterns: z.array(z.strictObject({ name: z.string(), pattern: z.string() })),
  }),
  scope: z.strictObject({ departments: z.array(z.string()), agents: z.array(z.string()), environments: z.array(z.string()) }),
  is_active: z.boolean(),
  version: z.number(),
  created_by_subject: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Policy = z.infer<typeof policySchema>;
export type Mode = Policy['enforcement_mode'];

// POST /api/v1/guardrails/check
export const checkSchema = z.strictObject({
  decision: z.enum(['allow', 'redact', 'block']),
  redacted_text: z.string().nullable(),
  findings: z.array(z.strictObject({
    type: z.string(),
    entity: z.string(),
    start: z.number(),
    end: z.number(),
    score: z.number(),
    policy_id: z.string(),
    action: z.string(),
  })),
  quarantined: z.boolean(),
  scan_complete: z.boolean(),
  latency_ms: z.number(),
});
export type CheckResult = z.infer<typeof checkSchema>;

function get<T>(path: string, schema: z.ZodType<T>) {
  return async (params: Params): Promise<T> => {
    const body = await request(path, envelope(schema), { params });
    return body.data as T;
  };
}

export const fetchOverview = get('/api/v1/safety/overview', overviewSchema);
export const fetchTrends = get('/api/v1/safety/violation-trends', z.array(trendPointSchema));
export const fetchByDepartment = get('/api/v1/safety/compliance-by-department', z.array(departmentComplianceSchema));
export const fetchEffectiveness = get('/api/v1/safety/guardrail-effectiveness', z.array(effectivenessSchema));
export const fetchHeatmap = get('/api/v1/safety/heatmap', z.array(heatCellSchema));
export const fetchTopAgents = get('/api/v1/safety/top-agents', z.array(topAgentSchema));
export const fetchViolations = get('/api/v1/safety/violations', z.array(violationSchema));
export const fetchCoverage = get('/api/v1/safety/policy-coverage', z.array(coverageSchema));
export const fetchAudit = get('/api/v1/safety/audit-trail', z.array(auditRowSchema));
export const fetchPolicies = get('/api/v1/guardrails/policies', z.array(policySchema));

const opts = { staleTime: 30_000, placeholderData: keepPreviousData } as const;

/** Every Safety query key starts with this, so an action refreshes the whole tab. */
export const SAFETY_KEY = 'safety';

function useSafetyQuery<T>(name: string, fetcher: (p: Params) => Promise<T>, params: Params) {
  return useQuery({ queryKey: [SAFETY_KEY, name, params], queryFn: () => fetcher(params), ...opts });
}

export const useOverview = (p: Params) => useSafetyQuery('overview', fetchOverview, p);
export const useTrends = (p: Params) => useSafetyQuery('trends', fetchTrends, p);
export const useByDepartment = (p: Params) => useSafetyQuery('by-department', fetchByDepartment, p);
export const useEffectiveness = (p: Params) => useSafetyQuery('effectiveness', fetchEffectiveness, p);
export const useHeatmap = (p: Params) => useSafetyQuery('heatmap', fetchHeatmap, p);
export const useTopAgents = (p: Params) => useSafetyQuery('top-agents', fetchTopAgents, p);
export const useViolations = (p: Params) => useSafetyQuery('violations', fetchViolations, p);
export const useCoverage = (p: Params) => useSafetyQuery('coverage', fetchCoverage, p);
export const useAudit = (p: Params) => useSafetyQuery('audit', fetchAudit, p);
export const usePolicies = () => useSafetyQuery('policies', fetchPolicies, {});

export function invalidateSafety(client: QueryClient) {
  return client.invalidateQueries({ queryKey: [SAFETY_KEY] });
}

const actionEnvelope = envelope(actionRecordSchema);

async function action(path: string, body: unknown, idempotencyKey: string): Promise<ActionRecord> {
  return (await request(path, actionEnvelope, { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } })).data;
}

export function setPolicyMode(policyId: string, mode: Mode, reason: string, key = newIdempotencyKey()) {
  return action(`/api/v1/guardrails/policies/${encodeURIComponent(policyId)}/mode`, { enforcement_mode: mode, reason }, key);
}
export function createPolicy(body: { name: string; policy_type: string; enforcement_mode: Mode; scope?: Policy['scope'] }, key = newIdempotencyKey()) {
  return action('/api/v1/guardrails/policies', body, key);
}
export function markFalsePositive(violationId: string, key = newIdempotencyKey()) {
  return action(`/api/v1/safety/violations/${encodeURIComponent(violationId)}/false-positive`, { reason: 'reviewed in the Safety tab' }, key);
}
export function quarantineAgent(agentId: string, key = newIdempotencyKey()) {
  return action(`/api/v1/agents/${encodeURIComponent(agentId)}/quarantine`, { reason: 'quarantined from the Safety tab' }, key);
}
export async function runCheck(agentId: string, text: string): Promise<CheckResult> {
  return (await request('/api/v1/guardrails/check', envelope(checkSchema), { method: 'POST', body: { agent_id: agentId, direction: 'input', text } })).data;
}

/** The audit trail as CSV (analyst and up), fetched with the session's token and saved by the browser. */
export function auditCsvPath(params: Params): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...params, format: 'csv' })) if (v !== undefined && v !== '') search.set(k, String(v));
  return `/api/v1/safety/audit-trail?${search.toString()}`;
}
