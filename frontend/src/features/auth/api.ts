import { z } from 'zod';
import { request } from '../../lib/http';

// The gateway's identity endpoints (API.md §3.3 Identity). Field names are provisional until the
// gateway issue lands: they are isolated here so a rename touches this file only.

export const roleSchema = z.enum(['viewer', 'analyst', 'operator', 'admin']);
export type Role = z.infer<typeof roleSchema>;

const ROLE_RANK: Record<Role, number> = { viewer: 0, analyst: 1, operator: 2, admin: 3 };
export function roleAtLeast(role: Role | null | undefined, minimum: Role): boolean {
  return role != null && ROLE_RANK[role] >= ROLE_RANK[minimum];
}

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  display_name: z.string().nullish(),
});
export type User = z.infer<typeof userSchema>;

export const workspaceSchema = z.object({
  workspace_id: z.string(),
  slug: z.string().nullish(),
  name: z.string(),
  role: roleSchema,
});
export type Workspace = z.infer<typeof workspaceSchema>;

const tokensSchema = z.object({
  access_token: z.string(),
  refresh_token: z.string().nullish(),
  expires_in: z.number().nullish(),
  token_type: z.string().nullish(),
  user: userSchema.nullish(),
  workspaces: z.array(workspaceSchema).nullish(),
});
export type Tokens = z.infer<typeof tokensSchema>;

const tokensEnvelope = z.object({ data: tokensSchema });

// POST /api/v1/auth/login
export async function login(email: string, password: string): Promise<Tokens> {
  const body = await request('/api/v1/auth/login', tokensEnvelope, { method: 'POST', body: { email, password }, anonymous: true });
  return body.data;
}

// POST /api/v1/auth/refresh
export async function refresh(refreshToken: string): Promise<Tokens> {
  const body = await request('/api/v1/auth/refresh', tokensEnvelope, { method: 'POST', body: { refresh_token: refreshToken }, anonymous: true });
  return body.data;
}

// POST /api/v1/auth/logout — best effort: the local session ends whatever the server answers.
export async function logout(refreshToken: string | null): Promise<void> {
  await request('/api/v1/auth/logout', z.unknown(), { method: 'POST', body: { refresh_token: refreshToken } }).catch(() => undefined);
}
