import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import { ToastProvider } from '../../components';
import { envelopeOf } from '../../test/utils';
import { AuthProvider, SessionManager, type Role } from '../auth';
import { AgentActions } from './components/AgentActions';
import { useAgentSummaries } from './api';

const AGENT = 'support-agent-3';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function actionRecord(id: string, type: string, result: unknown, rollbackAvailable: boolean) {
  return {
    action_id: id, action_type: type, action_scope: 'agent', status: 'completed', actor_type: 'user', actor_user_id: 'u1', actor_subject: 'u1',
    target_type: 'agent', target_id: AGENT, action_params: { agent_id: AGENT, reason: null }, result, rollback_action_id: null,
    rollback_available: rollbackAvailable, created_at: '2026-11-26T00:00:00Z', updated_at: '2026-11-26T00:00:00Z', completed_at: '2026-11-26T00:00:00Z',
  };
}

function summary(paused: boolean) {
  return {
    agent_id: AGENT, name: 'Support Agent 3', department: 'support', environment: 'production', version: 'v2.1', agent_status: 'active', is_paused: paused,
    model: 'gpt-4o', model_provider: 'openai', request_count: 10, error_rate: 1, latency_p90: 900, cost_usd: 0.5,
  };
}

interface Sent { method: string; path: string; key: string | null }

/** A control plane in memory: answers login/refresh, the agent list, pause and rollback; records each POST. */
function fakeServer(role: Role, { failPause = false, holdPause = false } = {}) {
  let paused = false;
  const sent: Sent[] = [];
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => { release = resolve; });
  const tokens = { access_token: 'a', refresh_token: 'r', expires_in: 900, token_type: 'Bearer', refresh_expires_in: 3600,
    user: { id: 'u1', email: 'op@x.dev', display_name: 'Op' }, workspaces: [{ workspace_id: 'w1', slug: 'acme', name: 'Acme', role }] };
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const key = (init?.headers as Record<string, string> | undefined)?.['Idempotency-Key'] ?? null;
    if (method === 'POST' && !url.pathname.startsWith('/api/v1/auth/')) sent.push({ method, path: url.pathname, key });
    if (url.pathname === '/api/v1/auth/login' || url.pathname === '/api/v1/auth/refresh') return json({ data: tokens, meta: { generated_at: 'x', query_duration_ms: 0, cached: false }, filters_applied: {} });
    if (url.pathname === '/api/v1/agents') return json(envelopeOf([summary(paused)]));
    if (url.pathname === '/api/v1/actions') return json(envelopeOf([]));
    if (url.pathname === `/api/v1/agents/${AGENT}/pause`) {
      if (holdPause) await held;
      if (failPause) return json({ error: { code: 'ACTION_FAILED', message: 'The action failed and changed nothing: lock timeout', details: { action_id: 'act-9' }, request_id: 'req-1' } }, 422);
      paused = true;
      return json(envelopeOf(actionRecord('act-1', 'agent.pause', { agent_id: AGENT, is_paused: true, was_paused: false }, true)), 201);
    }
    if (url.pathname === '/api/v1/actions/act-1/rollback') {
      paused = false;
      return json(envelopeOf(actionRecord('act-2', 'action.rollback', { rolled_back_action_id: 'act-1', rolled_back_action_type: 'agent.pause', result: { agent_id: AGENT, is_paused: false, was_paused: true } }, false)), 201);
    }
    return json({ error: { code: 'RESOURCE_NOT_FOUND', message: 'not found' } }, 404);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { sent, release: () => release(), isPaused: () => paused };
}

/** The heatmap's use: the paused flag comes from the agent list, the buttons from AgentActions. */
function Row() {
  const summaries = useAgentSummaries();
  const paused = summaries.data?.find((a) => a.agent_id === AGENT)?.is_paused ?? null;
  return <AgentActions compact agent={{ agentId: AGENT, name: 'Support Agent 3' }} paused={paused} />;
}

async function renderAs(ui: ReactNode) {
  const manager = new SessionManager();
  await manager.login('op@x.dev', 'pw');
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <ToastProvider>
        <MemoryRouter>
          <AuthProvider manager={manager}>{ui}</AuthProvider>
        </MemoryRouter>
      </ToastProvider>
    </QueryClientProvider>,
  );
  await screen.findByTestId('agent-actions');
  await waitFor(() => expect(screen.getByTestId('agent-actions').getAttribute('data-paused')).not.toBe(''));
}

// whole user flows through several renders: generous limit for a loaded 2-core CI machine (not a timing assertion)
describe('agent actions (useAgentAction + AgentActions)', { timeout: 30_000 }, () => {
  it('pausesAfterConfirmation_withPendingState_thenUndoCallsRollback', async () => {
    const server = fakeServer('operator', { holdPause: true });
    await renderAs(<Row />);

    await userEvent.click(screen.getByRole('button', { name: 'Pause Support Agent 3' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Pause Support Agent 3?' });
    expect(dialog.textContent).toContain('stop taking requests');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Pause' }));

    // pending: the request is in flight, the confirm and the row button say so
    await within(dialog).findByRole('button', { name: 'Pausing…' });
    expect(screen.getByRole('button', { name: 'Pause Support Agent 3' }).getAttribute('aria-busy')).toBe('true');
    act(() => server.release());

    const toast = await within(screen.getByRole('status')).findByText('Support Agent 3 is paused');
    expect(toast).toBeTruthy();
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(await screen.findByTestId('agent-paused')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Resume Support Agent 3' })).toBeTruthy();
    expect(server.sent).toHaveLength(1);
    expect(server.sent[0]!.path).toBe(`/api/v1/agents/${AGENT}/pause`);
    expect(server.sent[0]!.key).toMatch(UUID);

    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await within(screen.getByRole('status')).findByText('Undone: Support Agent 3 is active again');
    expect(server.sent.map((s) => s.path)).toEqual([`/api/v1/agents/${AGENT}/pause`, '/api/v1/actions/act-1/rollback']);
    expect(server.sent[1]!.key).toMatch(UUID);
    expect(server.sent[1]!.key).not.toBe(server.sent[0]!.key);
    await waitFor(() => expect(screen.queryByTestId('agent-paused')).toBeNull());
    expect(server.isPaused()).toBe(false);
  });

  it('showsAFailureToast_andLeavesTheAgentActive', async () => {
    const server = fakeServer('admin', { failPause: true });
    await renderAs(<Row />);
    await userEvent.click(screen.getByRole('button', { name: 'Pause Support Agent 3' }));
    await userEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Pause' }));
    const alert = screen.getByRole('alert');
    await within(alert).findByText('Could not pause Support Agent 3');
    expect(alert.textContent).toContain('lock timeout');
    expect(alert.textContent).toContain('act-9');
    expect(within(screen.getByRole('status')).queryByText(/is paused/)).toBeNull();
    expect(screen.queryByTestId('agent-paused')).toBeNull();
    expect(server.sent).toHaveLength(1);
  });

  it.each(['viewer', 'analyst'] as const)('keepsTheButtonsInertForA_%s_withTheReason', async (role) => {
    const server = fakeServer(role);
    await renderAs(<Row />);
    const pause = screen.getByRole('button', { name: 'Pause Support Agent 3' });
    expect(pause.getAttribute('aria-disabled')).toBe('true');
    expect(pause.getAttribute('title')).toContain('operator');
    expect(document.getElementById(pause.getAttribute('aria-describedby')!)?.textContent).toContain('operator');
    await userEvent.click(pause);
    await userEvent.click(screen.getByRole('button', { name: 'Roll back Support Agent 3' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(server.sent).toHaveLength(0);
  });
});
