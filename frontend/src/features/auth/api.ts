import { z } from 'zod';
import { strictEnvelope } from '../../lib/envelope';
import { request } from '../../lib/http';

// The gateway's identity endpoints: gateway AuthService.TokenResponse. Strict
// (issue #8): a renamed or added field fails the parse instead of being dropped.

export const roleSchema = z.enum(['viewer', 'analyst', 'operator', 'admin']);
export type Role = z.infer<typeof roleSchema>;

const ROLE_RANK: Record<Role, number> = { viewer: 0, analyst: 1, operator: 2, admin: 3 };
export function roleAtLeast(role: Role | null | undefined, minimum: Role): boolean {
  return role != null && ROLE_RANK[role] >= ROLE_RANK[minimum];
}

export const userSchema = z.strictObject({
  id: z.string(),
  email: z.string(),
  display_name: z.string().nullish(),
});
export type User = z.infer<typeof userSchema>;

export const workspaceSchema = z.strictObject({
  workspace_id: z.string(),
  slug: z.string().nullish(),
  name: z.string(),
  role: roleSchema,
});
export type Workspace = z.infer<typeof workspaceSchema>;

export const tokensSchema = z.strictObject({
  access_token: z.string(),
  refresh_token: z.string().nullish(),
  expires_in: z.number().nullish(),
  refresh_expires_in: z.number().nullish(),
  token_type: z.string().nullish(),
  user: userSchema.nullish(),
  workspaces: z.array(workspaceSchema).nullish(),
});
export type Tokens = z.infer<typeof tokensSchema>;

const tokensEnvelope = strictEnvelope(tokensSchema);

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
