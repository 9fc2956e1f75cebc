import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { envelope, num } from '../../lib/envelope';
import { request } from '../../lib/http';
import { newIdempotencyKey } from '../../lib/ids';
import { actionRecordSchema, type ActionRecord } from '../agents';

type Params = Record<string, string | number | undefined>;

// Responses are parsed .strict(): a field the server adds or renames fails loudly here.

// GET /api/v1/config/overview
export const overviewSchema = z.strictObject({
  agents: num,
  agents_in_drift: num,
  desired_vs_observed: num,
  env_vs_production: num,
  pending_approvals: num,
  expiring_within_day: num,
  policy_compliance_pct: num.nullable(),
  changes7d: num,
  changes_previous7d: num,
  median_approval_hours: num.nullable(),
  last_drift_check: z.string().nullable(),
});
export type ConfigOverview = z.infer<typeof overviewSchema>;

// GET /api/v1/config/drift
export const driftRowSchema = z.strictObject({
  agent_key: z.string(),
  logical_key: z.string(),
  environment: z.string(),
  department_code: z.string().nullable(),
  drift_kind: z.enum(['desired_vs_observed', 'env_vs_production']),
  drifted: z.boolean(),
  paths: z.array(z.string()),
  desired_hash: z.string().nullable(),
  observed_hash: z.string().nullable(),
  compared_agent_key: z.string().nullable(),
  first_detected_at: z.string().nullable(),
  resolved_at: z.string().nullable(),
  checked_at: z.string(),
});
export type DriftRow = z.infer<typeof driftRowSchema>;

// GET /api/v1/config/timeline
export const timelineEntrySchema = z.strictObject({
  version_id: z.string(),
  agent_id: z.string(),
  department: z.string().nullable(),
  environment: z.string(),
  version_number: num,
  status: z.string(),
  change_summary: z.string().nullable(),
  created_by_subject: z.string().nullable(),
  action_id: z.string().nullable(),
  created_at: z.string(),
  config_hash: z.string(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

// GET /api/v1/config/velocity
export const velocityCellSchema = z.strictObject({ day: z.string(), department: z.string(), changes: num, approvals_requested: num });
export type VelocityCell = z.infer<typeof velocityCellSchema>;

// GET /api/v1/config/versions/{id}/diff?against=
const patchOpSchema = z.strictObject({ op: z.enum(['add', 'remove', 'replace']), path: z.string(), value: z.unknown().optional() });
export const versionDiffSchema = z.strictObject({
  from_version_id: z.string(),
  to_version_id: z.string(),
  from_hash: z.string(),
  to_hash: z.string(),
  identical: z.boolean(),
  patch: z.array(patchOpSchema),
  text_diffs: z.array(z.strictObject({ path: z.string(), lines: z.array(z.strictObject({ op: z.enum([' ', '-', '+']), text: z.string() })) })),
  from: z.record(z.string(), z.unknown()),
  to: z.record(z.string(), z.unknown()),
});
export type VersionDiff = z.infer<typeof versionDiffSchema>;

// GET /api/v1/policies/compliance
const complianceCellSchema = z.strictObject({
  policy_id: z.string(), policy_name: z.string(), severity: z.string(), effect: z.string(), department: z.string(), evaluated: num, compliant: num,
});
export const complianceSchema = z.strictObject({
  overall_pct: num.nullable(),
  evaluated: num,
  compliant: num,
  by_policy: z.array(z.strictObject({ policy_id: z.string(), name: z.string(), severity: z.string(), effect: z.string(), evaluated: num, compliant: num, pct: num.nullable() })),
  by_department: z.array(z.strictObject({ department: z.string(), evaluated: num, compliant: num, pct: num.nullable() })),
  cells: z.array(complianceCellSchema),
  violations: z.array(z.strictObject({
    policy_id: z.string(), policy_name: z.string(), agent_id: z.string(), department: z.string().nullable(), environment: z.string().nullable(),
    error: z.string().nullable(), evaluated_at: z.string(),
  })),
  evaluated_at: z.string().nullable(),
});
export type Compliance = z.infer<typeof complianceSchema>;

// GET /api/v1/approvals
export const approvalSchema = z.strictObject({
  id: z.string(),
  agent_id: z.string().nullable(),
  environment: z.string().nullable(),
  department: z.string().nullable(),
  action_type: z.string(),
  action_params: z.record(z.string(), z.unknown()),
  change_patch: z.array(z.record(z.string(), z.unknown())),
  matched_policies: z.array(z.record(z.string(), z.unknown())),
  required_approvals: num,
  approvals: num,
  status: z.enum(['pending', 'approved', 'rejected', 'expired']),
  reason: z.string().nullable(),
  requested_by_subject: z.string(),
  requested_by_email: z.string().nullable(),
  expires_at: z.string(),
  decided_at: z.string().nullable(),
  applied_action_id: z.string().nullable(),
  applied_at: z.string().nullable(),
  created_at: z.string(),
  decisions: z.array(z.strictObject({ decision: z.string(), decided_by_subject: z.string(), email: z.string().nullable(), comment: z.string().nullable(), created_at: z.string() })),
});
export type Approval = z.infer<typeof approvalSchema>;

// GET /api/v1/rbac/matrix
const assignmentSchema = z.strictObject({
  id: z.string(), user_id: z.string(), email: z.string(), role: z.string(), department_code: z.string().nullable(), starts_at: z.string(),
  expires_at: z.string().nullable(), reason: z.string().nullable(), granted_by_subject: z.string().nullable(), revoked_at: z.string().nullable(),
  status: z.string(),
});
export const matrixRowSchema = z.strictObject({
  user_id: z.string(), email: z.string(), display_name: z.string().nullable(), base_role: z.string(), effective_role: z.string(),
  grants: z.array(assignmentSchema),
});
export type MatrixRow = z.infer<typeof matrixRowSchema>;

// POST /api/v1/approvals/{id}/approve|reject
export const decisionSchema = z.strictObject({ status: z.string(), decision: actionRecordSchema, applied: actionRecordSchema.nullable(), apply_error: z.string().nullable() });
export type DecisionResult = z.infer<typeof decisionSchema>;

function get<T>(path: string, schema: z.ZodType<T>) {
  return async (params: Params): Promise<T> => (await request(path, envelope(schema), { params })).data as T;
}

export const fetchOverview = get('/api/v1/config/overview', overviewSchema);
export const fetchDrift = get('/api/v1/config/drift', z.array(driftRowSchema));
export const fetchTimeline = get('/api/v1/config/timeline', z.array(timelineEntrySchema));
export const fetchVelocity = get('/api/v1/config/velocity', z.array(velocityCellSchema));
export const fetchCompliance = get('/api/v1/policies/compliance', complianceSchema);
export const fetchApprovals = get('/api/v1/approvals', z.array(approvalSchema));
export const fetchMatrix = get('/api/v1/rbac/matrix', z.array(matrixRowSchema));
export function fetchDiff(versionId: string, against: string) {
  return get(`/api/v1/config/versions/${encodeURIComponent(versionId)}/diff`, versionDiffSchema)({ against });
}

/** Every Configuration query key starts with this, so an action refreshes the whole tab. */
export const CONFIG_KEY = 'configuration';
const opts = { staleTime: 30_000, placeholderData: keepPreviousData } as const;

function useConfigQuery<T>(name: string, fetcher: (p: Params) => Promise<T>, params: Params) {
  return useQuery({ queryKey: [CONFIG_KEY, name, params], queryFn: () => fetcher(params), ...opts });
}

export const useOverview = (p: Params) => useConfigQuery('overview', fetchOverview, p);
export const useDrift = (p: Params) => useConfigQuery('drift', fetchDrift, p);
export const useTimeline = (p: Params) => useConfigQuery('timeline', fetchTimeline, p);
export const useVelocity = (p: Params) => useConfigQuery('velocity', fetchVelocity, p);
export const useCompliance = (p: Params) => useConfigQuery('compliance', fetchCompliance, p);
export const useApprovals = (p: Params) => useConfigQuery('approvals', fetchApprovals, p);
export const useMatrix = () => useConfigQuery('rbac-matrix', fetchMatrix, {});
export function useDiff(versionId: string | null, against: string | null) {
  return useQuery({
    queryKey: [CONFIG_KEY, 'diff', versionId, against],
    queryFn: () => fetchDiff(versionId!, against!),
    enabled: versionId !== null && against !== null,
    staleTime: Infinity,
  });
}

export function invalidateConfiguration(client: QueryClient) {
  return client.invalidateQueries({ queryKey: [CONFIG_KEY] });
}

async function post<T>(path: string, schema: z.ZodType<T>, body: unknown, idempotencyKey: string): Promise<T> {
  return (await request(path, envelope(schema), { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } })).data as T;
}

export function reconcileAgent(agentId: string, driftKind: string | null, key = newIdempotencyKey()): Promise<ActionRecord> {
  return post(`/api/v1/agents/${encodeURIComponent(agentId)}/reconcile`, actionRecordSchema,
    { drift_kind: driftKind, reason: 'reconciled from the Configuration tab' }, key);
}
export function approveChange(approvalId: string, comment: string, key = newIdempotencyKey()): Promise<DecisionResult> {
  return post(`/api/v1/approvals/${encodeURIComponent(approvalId)}/approve`, decisionSchema, { comment }, key);
}
export function rejectChange(approvalId: string, comment: string, key = newIdempotencyKey()): Promise<DecisionResult> {
  return post(`/api/v1/approvals/${encodeURIComponent(approvalId)}/reject`, decisionSchema, { comment }, key);
}
