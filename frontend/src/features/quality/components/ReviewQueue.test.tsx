import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import { ToastProvider } from '../../../components';
import { envelopeOf } from '../../../test/utils';
import { AuthProvider, SessionManager } from '../../auth';
import { ReviewQueuePanel } from './ReviewQueue';

const ITEM = {
  id: 'q1', trace_id: 'tr_1', trace_timestamp: '2026-12-06T10:00:00Z', agent_id: 'support-bot-1', rubric_id: 'r1', rubric_name: 'Helpfulness',
  reason: 'score below 60', assignee: 'operator@agentobs.dev', leased_until: null, created_at: '2026-12-06T10:05:00Z',
  input_preview: 'How do I reset?', output_preview: 'I cannot help.', automated_score: 41.5,
};

function server() {
  const posts: { path: string; body: unknown }[] = [];
  let open = true;
  const tokens = { access_token: 'a', refresh_token: 'r', expires_in: 900, token_type: 'Bearer', refresh_expires_in: 3600,
    user: { id: 'u1', email: 'op@x.dev', display_name: 'Op' }, workspaces: [{ workspace_id: 'w1', slug: 'acme', name: 'Acme', role: 'operator' }] };
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    if (url.pathname.startsWith('/api/v1/auth/')) return json({ data: tokens, meta: { generated_at: 'x', query_duration_ms: 0, cached: false }, filters_applied: {} });
    if (url.pathname === '/api/v1/quality/review-queue') {
      return json(envelopeOf(open ? [ITEM] : [], { total: open ? 1 : 0, page: 1, limit: 50, has_more: false, progress: [{ assignee: 'operator@agentobs.dev', open: open ? 1 : 0, done: open ? 0 : 1 }] }));
    }
    if (url.pathname === '/api/v1/quality/reviews') {
      posts.push({ path: url.pathname, body: JSON.parse(String(init?.body)) });
      open = false;
      return json(envelopeOf({
        action_id: 'act-1', action_type: 'review.submit', action_scope: 'fleet', status: 'completed', actor_type: 'user', actor_user_id: 'u1', actor_subject: 'u1',
        target_type: 'trace', target_id: 'tr_1', action_params: {}, result: {}, rollback_action_id: null, rollback_available: true,
        created_at: '2026-12-06T10:00:00Z', updated_at: '2026-12-06T10:00:00Z', completed_at: '2026-12-06T10:00:00Z',
      }), 201);
    }
    return json({ error: { code: 'RESOURCE_NOT_FOUND', message: 'not found' } }, 404);
  }));
  return posts;
}

describe('ReviewQueuePanel', { timeout: 30_000 }, () => {
  it('scoresAnItemWithTheKeyboard_afterConfirmation_andTheQueueEmpties', async () => {
    const posts = server();
    const manager = new SessionManager();
    await manager.login('op@x.dev', 'pw');
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <ToastProvider><MemoryRouter><AuthProvider manager={manager}><ReviewQueuePanel /></AuthProvider></MemoryRouter></ToastProvider>
      </QueryClientProvider>,
    );
    const input = await screen.findByRole('spinbutton', { name: 'Score for tr_1' });
    await userEvent.type(input, '42{Enter}');
    const dialog = await screen.findByRole('alertdialog', { name: 'Score tr_1 42?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Submit review' }));
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]!.body).toEqual({ trace_id: 'tr_1', rubric_id: 'r1', score: 42 });
    await screen.findByText(/Nothing to review/);
  });
});
