import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { envelope } from '../../lib/envelope';
import { request } from '../../lib/http';

export interface Option {
  value: string;
  label: string;
  /** For agents: the department code, so the agent list can follow the department filter. */
  department?: string | null;
}

// GET /api/v1/departments — codes are the filter values, names the labels.
const departmentSchema = z
  .object({
    department_code: z.string().optional(),
    code: z.string().optional(),
    department_name: z.string().nullish(),
    name: z.string().nullish(),
  })
  .transform((d): Option => {
    const value = d.department_code ?? d.code ?? '';
    return { value, label: d.department_name ?? d.name ?? value };
  });

// GET /api/v1/environments
const environmentSchema = z.union([
  z.string().transform((s): Option => ({ value: s, label: s })),
  z
    .object({ environment_name: z.string().optional(), name: z.string().optional(), environment: z.string().optional() })
    .transform((e): Option => {
      const value = e.environment_name ?? e.name ?? e.environment ?? '';
      return { value, label: value };
    }),
]);

// GET /api/v1/versions
const versionSchema = z.union([
  z.string().transform((s): Option => ({ value: s, label: s })),
  z.object({ version: z.string() }).transform((v): Option => ({ value: v.version, label: v.version })),
]);

// GET /api/v1/agents
const agentOptionSchema = z
  .object({
    agent_id: z.string(),
    name: z.string().nullish(),
    department: z.string().nullish(),
    department_code: z.string().nullish(),
  })
  .transform((a): Option => ({ value: a.agent_id, label: a.name ?? a.agent_id, department: a.department_code ?? a.department ?? null }));

const listOf = <T extends z.ZodType>(item: T) => envelope(z.array(item));

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
export async function fetchAgentOptions(): Promise<Option[]> {
  const body = await request('/api/v1/agents', listOf(agentOptionSchema), { params: { limit: 1000 } });
  return body.data.sort(byLabel);
}

const OPTIONS_STALE_MS = 10 * 60_000;

export function useFilterOptions() {
  const departments = useQuery({ queryKey: ['filter-options', 'departments'], queryFn: fetchDepartments, staleTime: OPTIONS_STALE_MS });
  const environments = useQuery({ queryKey: ['filter-options', 'environments'], queryFn: fetchEnvironments, staleTime: OPTIONS_STALE_MS });
  const versions = useQuery({ queryKey: ['filter-options', 'versions'], queryFn: fetchVersions, staleTime: OPTIONS_STALE_MS });
  const agents = useQuery({ queryKey: ['filter-options', 'agents'], queryFn: fetchAgentOptions, staleTime: OPTIONS_STALE_MS });
  return { departments, environments, versions, agents };
}
