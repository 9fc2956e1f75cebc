import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError, ContractError, configureHttpSession, request } from './http';

afterEach(() => configureHttpSession(null));

describe('request', () => {
  it('sendsBearerAndWorkspace_andDropsEmptyParams', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ ok: true }), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    configureHttpSession({ getAccessToken: () => 'tok', getWorkspaceId: () => 'ws-1', refresh: async () => false, onUnauthenticated: () => undefined });
    await request('/api/v1/x', z.object({ ok: z.boolean() }), { params: { range: '24h', department: undefined, version: '' } });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/x?range=24h');
    expect(init.headers).toMatchObject({ Authorization: 'Bearer tok', 'X-Workspace-ID': 'ws-1' });
  });

  it('refreshesOnce_andRetries_on401', async () => {
    let token = 'old';
    const fetchMock = vi.fn(async (_url: string, init: RequestInit) =>
      (init.headers as Record<string, string>).Authorization === 'Bearer new'
        ? new Response(JSON.stringify({ ok: true }), { status: 200 })
        : new Response(JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: 'expired' } }), { status: 401 }));
    vi.stubGlobal('fetch', fetchMock);
    const refresh = vi.fn(async () => { token = 'new'; return true; });
    configureHttpSession({ getAccessToken: () => token, getWorkspaceId: () => null, refresh, onUnauthenticated: () => undefined });
    await expect(request('/api/v1/x', z.object({ ok: z.boolean() }))).resolves.toEqual({ ok: true });
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('endsTheSession_whenRefreshFails', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: 'expired', request_id: 'req_1' } }), { status: 401 })));
    const onUnauthenticated = vi.fn();
    configureHttpSession({ getAccessToken: () => 't', getWorkspaceId: () => null, refresh: async () => false, onUnauthenticated });
    const error = await request('/api/v1/x', z.unknown()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', requestId: 'req_1' });
    expect(onUnauthenticated).toHaveBeenCalled();
  });

  it('rejectsResponses_thatBreakTheContract', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ data: { value: 'x' } }), { status: 200 })));
    await expect(request('/api/v1/x', z.object({ data: z.object({ value: z.number() }) }))).rejects.toBeInstanceOf(ContractError);
  });
});
