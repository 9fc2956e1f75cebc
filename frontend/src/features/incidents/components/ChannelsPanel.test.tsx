import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import { ToastProvider } from '../../../components';
import { envelopeOf } from '../../../test/utils';
import { AuthProvider, SessionManager } from '../../auth';
import { ChannelsPanel } from './ChannelsPanel';
import { EscalationPanel } from './EscalationPanel';

const ACTION = {
  action_id: 'act-1', action_type: 'notification_channel.update', action_scope: 'fleet', status: 'completed', actor_type: 'user', actor_user_id: 'u1',
  actor_subject: 'u1', target_type: 'notification_channel', target_id: 'c2', action_params: {}, result: {}, rollback_action_id: null,
  rollback_available: true, created_at: '2026-12-06T10:00:00Z', updated_at: '2026-12-06T10:00:00Z', completed_at: '2026-12-06T10:00:00Z',
};
const CHANNELS = [
  { channel_id: 'c1', name: 'On-call hook', kind: 'webhook', url: 'https://hooks.example.com/agentobs', has_secret: true, enabled: true, created_at: '2026-12-01T00:00:00Z' },
  { channel_id: 'c2', name: 'Ops Slack', kind: 'slack', url: 'https://hooks.slack.com/…', has_secret: false, enabled: true, created_at: '2026-12-01T00:00:00Z' },
];

function server() {
  const calls: { method: string; path: string; body: unknown }[] = [];
  const tokens = { access_token: 'a', refresh_token: 'r', expires_in: 900, token_type: 'Bearer', refresh_expires_in: 3600,
    user: { id: 'u1', email: 'admin@x.dev', display_name: 'Admin' }, workspaces: [{ workspace_id: 'w1', slug: 'acme', name: 'Acme', role: 'admin' }] };
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    if (url.pathname.startsWith('/api/v1/auth/')) return json({ data: tokens, meta: { generated_at: 'x', query_duration_ms: 0, cached: false }, filters_applied: {} });
    const method = init?.method ?? 'GET';
    if (method !== 'GET') calls.push({ method, path: url.pathname, body: init?.body ? JSON.parse(String(init.body)) : null });
    if (url.pathname === '/api/v1/alerts/channels' && method === 'GET') return json(envelopeOf(CHANNELS, { total: 2, page: 1, limit: 2, has_more: false }));
    if (url.pathname === '/api/v1/alerts/escalation-policies' && method === 'GET') return json(envelopeOf([], { total: 0, page: 1, limit: 1, has_more: false }));
    if (url.pathname.endsWith('/test')) return json(envelopeOf({ channel_id: 'c1', delivered: false, error: 'webhook answered HTTP 500' }));
    if (url.pathname.startsWith('/api/v1/alerts/')) return json(envelopeOf(ACTION), 201);
    return json({ error: { code: 'RESOURCE_NOT_FOUND', message: 'not found' } }, 404);
  }));
  return calls;
}

async function mount(panel = <ChannelsPanel />) {
  const manager = new SessionManager();
  await manager.login('admin@x.dev', 'pw');
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <ToastProvider><MemoryRouter><AuthProvider manager={manager}>{panel}</AuthProvider></MemoryRouter></ToastProvider>
    </QueryClientProvider>,
  );
}

describe('Notification channels', { timeout: 30_000 }, () => {
  it('channelEditor_sendsOnlyWhatChanged_keepsTheSecretWriteOnly_andTheSlackUrlUnlessRetyped', async () => {
    const calls = server();
    await mount();
    const table = await screen.findByRole('table', { name: 'Notification channels' });
    expect(table.textContent).toContain('set');
    await userEvent.click(within(table).getByRole('button', { name: 'Edit Ops Slack' }));
    const editor = screen.getByRole('form', { name: 'Channel editor' });
    // the masked Slack URL is not prefilled: saving without typing one keeps the stored URL
    expect((within(editor).getByRole('textbox', { name: /Webhook URL/ }) as HTMLInputElement).value).toBe('');
    await userEvent.click(within(editor).getByRole('checkbox', { name: /Enabled/ }));
    await userEvent.click(within(editor).getByRole('button', { name: 'Save channel' }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]).toEqual({ method: 'PUT', path: '/api/v1/alerts/channels/c2', body: { name: 'Ops Slack', enabled: false } });

    await userEvent.click(within(table).getByRole('button', { name: 'Edit On-call hook' }));
    const webhook = screen.getByRole('form', { name: 'Channel editor' });
    expect((within(webhook).getByLabelText(/Signing secret/) as HTMLInputElement).value).toBe('');
    await userEvent.type(within(webhook).getByLabelText(/Signing secret/), 'a-new-secret-0123456789');
    await userEvent.click(within(webhook).getByRole('button', { name: 'Save channel' }));
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]).toEqual({ method: 'PUT', path: '/api/v1/alerts/channels/c1', body: { name: 'On-call hook', enabled: true, secret: 'a-new-secret-0123456789' } });
  });

  it('sendTest_showsWhyTheChannelRefused', async () => {
    const calls = server();
    await mount();
    await userEvent.click(await screen.findByRole('button', { name: 'Send a test to On-call hook' }));
    expect(await screen.findByText('webhook answered HTTP 500')).toBeTruthy();
    expect(calls).toEqual([{ method: 'POST', path: '/api/v1/alerts/channels/c1/test', body: null }]);
  });

  it('escalationPolicy_isCreatedForASeverityAfterNMinutesWithTheChosenChannels', async () => {
    const calls = server();
    await mount(<EscalationPanel />);
    await userEvent.click(await screen.findByRole('button', { name: 'New escalation policy' }));
    const editor = screen.getByRole('form', { name: 'Escalation policy editor' });
    await userEvent.type(within(editor).getByRole('textbox', { name: /Name/ }), 'Page the lead');
    await userEvent.clear(within(editor).getByRole('spinbutton'));
    await userEvent.type(within(editor).getByRole('spinbutton'), '20');
    await userEvent.click(await within(editor).findByRole('checkbox', { name: /Ops Slack/ }));
    await userEvent.click(within(editor).getByRole('button', { name: 'Create policy' }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]).toEqual({ method: 'POST', path: '/api/v1/alerts/escalation-policies', body: { name: 'Page the lead', severity: 'sev2', after_minutes: 20, channel_ids: ['c2'] } });
  });
});
