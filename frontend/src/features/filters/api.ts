import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { num, strictEnvelope } from '../../lib/envelope';
import { request } from '../../lib/http';
import { agentSummariesQuery, type AgentSummary } from '../agents';

export interface Option {
  value: string;
  label: string;
  /** For agents: the department code, so the agent list can follow the department filter. */
  department?: string | null;
}

// Strict schemas (issue #8): query-service AgentResponses' option records.
// GET /api/v1/departments — codes are the filter values, names the labels.
export const departmentSchema = z
  .strictObject({ code: z.string(), name: z.string().nullable(), budget_monthly_usd: num.nullish(), agent_count: z.number().nullish() })
  .transform((d): Option => ({ value: d.code, label: d.name ?? d.code }));

// GET /api/v1/environments
export const environmentSchema = z
  .strictObject({ name: z.string(), type: z.string().nullish(), agent_count: z.number().nullish() })
  .transform((e): Option => ({ value: e.name, label: e.name }));

// GET /api/v1/versions
export const versionSchema = z
  .strictObject({ version: z.string(), agent_count: z.number().nullish() })
  .transform((v): Option => ({ value: v.version, label: v.version }));

// GET /api/v1/agents: the agents feature owns the row schema (one request serves both).
function toAgentOptions(rows: AgentSummary[]): Option[] {
  return rows.map((a) => ({ value: a.agent_id, label: a.name ?? a.agent_id, department: a.department })).sort(byLabel);
}

const listOf = <T extends z.ZodType>(item: T) => strictEnvelope(z.array(item));

function byLabel(a: Option, b: Option): number {
  return a.label.localeCompare(b.label);
}

export async function fetchDepartments(): Promise<Option[]> {
  const body = await request('/api/v1/departments', listOf(departmentSchema), { params: { limit: 1000 } });
  return body.data.filter((o) => o.value).sort(byLabel);
}
export async function fetchEnvironments(): Promise<Option[]> {
  const body = await request('/api/v1/environments', listOf(environmentSchema), { params: { limit: 1000 } });
  return body.data.filter((o) => o.value);
}
export async function fetchVersions(): Promise<Option[]> {
  const body = await request('/api/v1/versions', listOf(versionSchema), { params: { limit: 1000 } });
  return body.data.filter((o) => o.value).sort((a, b) => a.value.localeCompare(b.value, 'en', { numeric: true }));
}
const OPTIONS_STALE_MS = 10 * 60_000;

export function useFilterOptions() {
  const departments = useQuery({ queryKey: ['filter-options', 'departments'], queryFn: fetchDepartments, staleTime: OPTIONS_STALE_MS });
  const environments = useQuery({ queryKey: ['filter-options', 'environments'], queryFn: fetchEnvironments, staleTime: OPTIONS_STALE_MS });
  const versions = useQuery({ queryKey: ['filter-options', 'versions'], queryFn: fetchVersions, staleTime: OPTIONS_STALE_MS });
  const agents = useQuery({ ...agentSummariesQuery, select: toAgentOptions });
  return { departments, environments, versions, agents };
}
