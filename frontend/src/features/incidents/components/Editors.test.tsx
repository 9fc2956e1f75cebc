import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import { ToastProvider } from '../../../components';
import { envelopeOf } from '../../../test/utils';
import { AuthProvider, SessionManager } from '../../auth';
import { FilterProvider } from '../../filters';
import { CreateButtons } from './Editors';
import { PostmortemEditor } from './PostmortemEditor';

const ALERT = {
  rule_id: 'r1', rule_name: 'HR spend', rule_kind: 'threshold', title: 'HR spend · hr-bot', severity: 'sev2', status: 'firing',
  department: 'hr', environment: null, value: 12, threshold: 10, started_at: '2026-12-06T10:00:00Z', fired_at: '2026-12-06T10:00:00Z',
  resolved_at: null, acknowledged_at: null, acknowledged_by: null, silenced: false, inhibited: false, incident_id: null,
};
const PREVIEW = {
  days: 7, step_minutes: 15, evaluations: 673, from: '2026-11-29T10:00:00Z', to: '2026-12-06T10:00:00Z', fired_count: 2, scopes_fired: 1,
  firing_minutes: 90, firings: [
    { labels: { agent_id: 'hr-bot', department: 'hr' }, severity: 'sev3', started_at: '2026-12-01T10:00:00Z', fired_at: '2026-12-01T10:00:00Z', resolved_at: '2026-12-01T11:00:00Z', peak_value: 14.5 },
    { labels: { agent_id: 'hr-bot', department: 'hr' }, severity: 'sev3', started_at: '2026-12-06T09:30:00Z', fired_at: '2026-12-06T09:30:00Z', resolved_at: null, peak_value: 9 },
  ],
};
const ACTION = {
  action_id: 'act-1', action_type: 'alert_silence.create', action_scope: 'agent', status: 'completed', actor_type: 'user', actor_user_id: 'u1', actor_subject: 'u1',
  target_type: 'alert_silence', target_id: 'x', action_params: {}, result: {}, rollback_action_id: null, rollback_available: true,
  created_at: '2026-12-06T10:00:00Z', updated_at: '2026-12-06T10:00:00Z', completed_at: '2026-12-06T10:00:00Z',
};

const DRAFT = {
  incident_id: 'i1', status: 'draft', provider: 'offline', fallback_reason: null,
  summary: 'SEV2 incident "Checkout errors" on agent checkout-bot.', impact: 'agent checkout-bot served 300 requests and 60 failed (20.0%).',
  timeline: [{ at: '2026-12-06T10:10:00Z', event_type: 'opened', text: 'Checkout errors' }, { at: '2026-12-06T10:30:30Z', event_type: 'acknowledged', text: 'On it' }],
  root_cause_hypothesis: 'Hypothesis (to be confirmed by the responders): the failed share rose from 1.0% to 20.0%.',
  action_items: ['Confirm or correct the root cause hypothesis.', 'Add a canary on agent checkout-bot.'],
  facts: [{ key: 'requests_during', label: 'Requests', value: 300, unit: 'count', display: '300' }],
  evidence: [{ id: 'chart:incidents', kind: 'chart', label: 'Incident timeline', href: '/incidents' }],
  usage: { input_tokens: 0, output_tokens: 0, cost_usd: 0 },
};

function server() {
  const posts: { path: string; query: string; body: unknown }[] = [];
  const tokens = { access_token: 'a', refresh_token: 'r', expires_in: 900, token_type: 'Bearer', refresh_expires_in: 3600,
    user: { id: 'u1', email: 'op@x.dev', display_name: 'Op' }, workspaces: [{ workspace_id: 'w1', slug: 'acme', name: 'Acme', role: 'operator' }] };
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    if (url.pathname.startsWith('/api/v1/auth/')) return json({ data: tokens, meta: { generated_at: 'x', query_duration_ms: 0, cached: false }, filters_applied: {} });
    if (init?.method === 'POST') posts.push({ path: url.pathname, query: url.search, body: JSON.parse(String(init.body ?? 'null')) });
    if (url.pathname === '/api/v1/alerts') {
      return json(envelopeOf([{ ...ALERT, alert_id: 'a1', agent_id: 'hr-bot' }, { ...ALERT, alert_id: 'a2', agent_id: 'sales-bot', department: 'sales' }], { total: 2, page: 1, limit: 100, has_more: false }));
    }
    if (url.pathname === '/api/v1/alert-rules') return json(envelopeOf([], { total: 0, page: 1, limit: 1, has_more: false }));
    if (url.pathname === '/api/v1/slo') return json(envelopeOf([], { total: 0, page: 1, limit: 1, has_more: false }));
    if (url.pathname === '/api/v1/alert-rules/preview') return json(envelopeOf(PREVIEW));
    if (url.pathname === '/api/v1/insights/postmortem-draft') return json(envelopeOf(DRAFT));
    if (url.pathname === '/api/v1/alerts/silences' || url.pathname.endsWith('/postmortem')) return json(envelopeOf(ACTION), 201);
    return json({ error: { code: 'RESOURCE_NOT_FOUND', message: 'not found' } }, 404);
  }));
  return posts;
}

async function mount(children = <CreateButtons />) {
  const manager = new SessionManager();
  await manager.login('op@x.dev', 'pw');
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <ToastProvider><MemoryRouter><AuthProvider manager={manager}><FilterProvider page="incidents" defaultRange="7d">
        {children}
      </FilterProvider></AuthProvider></MemoryRouter></ToastProvider>
    </QueryClientProvider>,
  );
}

describe('Incidents editors', { timeout: 30_000 }, () => {
  it('ruleEditor_previewsTheUnsavedRule_andListsWhenItWouldHaveFired', async () => {
    const posts = server();
    await mount();
    await userEvent.click(await screen.findByRole('button', { name: 'New alert rule' }));
    await userEvent.type(screen.getByRole('textbox', { name: /Name/ }), 'HR errors');
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const preview = await screen.findByTestId('rule-preview');
    expect(preview.textContent).toContain('Would have fired 2 times');
    expect(within(preview).getAllByRole('row')).toHaveLength(3);
    expect(within(preview).getByText('still firing')).toBeTruthy();
    expect(posts).toEqual([{ path: '/api/v1/alert-rules/preview', query: '?days=7', body: {
      name: 'HR errors', kind: 'threshold', severity: 'sev3', measure: 'error_rate', comparator: '>', threshold: 5, window_minutes: 15, group_by: 'agent',
      group_wait_seconds: 30, group_interval_minutes: 5,
    } }]);
  });

  it('silenceEditor_countsTheActiveAlertsItMatches_andCreatesTheSilence', async () => {
    const posts = server();
    await mount();
    await userEvent.click(await screen.findByRole('button', { name: 'New silence' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Matcher 1 value' }), 'hr-bot');
    await waitFor(() => expect(screen.getByTestId('silence-matches').textContent).toContain('Silences 1 of the 2 active alerts'));
    await userEvent.type(screen.getByRole('textbox', { name: /Comment/ }), 'deploy');
    await userEvent.click(screen.getByRole('button', { name: 'Create silence' }));
    await waitFor(() => expect(posts.some((p) => p.path === '/api/v1/alerts/silences')).toBe(true));
    expect(posts.find((p) => p.path === '/api/v1/alerts/silences')!.body).toEqual({ matchers: { agent_id: 'hr-bot' }, duration_minutes: 60, comment: 'deploy' });
  });

  it('postmortemEditor_savesSummaryRootCauseAndActionItems_asOneAction', async () => {
    const posts = server();
    const done = vi.fn();
    await mount(<PostmortemEditor incidentId="i1" current={null} onDone={done} />);
    await userEvent.type(await screen.findByRole('textbox', { name: 'Summary' }), 'Checkout failed');
    await userEvent.type(screen.getByRole('textbox', { name: 'Root cause' }), 'No fallback');
    await userEvent.click(screen.getByRole('button', { name: 'Add action item' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Action item 1' }), 'Add a fallback model');
    await userEvent.type(screen.getByRole('textbox', { name: 'Owner of item 1' }), 'sre@acme.dev');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'published');
    await userEvent.click(screen.getByRole('button', { name: 'Publish' }));
    await waitFor(() => expect(done).toHaveBeenCalled());
    expect(posts).toEqual([{ path: '/api/v1/incidents/i1/postmortem', query: '', body: {
      summary: 'Checkout failed', root_cause: 'No fallback', status: 'published',
      action_items: [{ title: 'Add a fallback model', owner: 'sre@acme.dev', status: 'open', due_date: null }],
    } }]);
  });

  it('postmortemEditor_fillsItsFieldsFromTheInsightsDraft_andSavesOnlyWhenTheUserDoes', async () => {
    const posts = server();
    const done = vi.fn();
    await mount(<PostmortemEditor incidentId="i1" current={null} onDone={done} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Draft from insights' }));
    await waitFor(() => expect(screen.getByRole('status', { name: 'Draft note' }).textContent).toContain('Drafted by the offline writer'));
    const summary = (screen.getByRole('textbox', { name: 'Summary' }) as HTMLTextAreaElement).value;
    expect(summary).toContain('SEV2 incident "Checkout errors"');
    expect(summary).toContain('Impact: agent checkout-bot served 300 requests and 60 failed (20.0%).');
    expect(summary).toContain('Timeline:\n- 2026-12-06 10:10 UTC opened: Checkout errors\n- 2026-12-06 10:30 UTC acknowledged: On it');
    expect((screen.getByRole('textbox', { name: 'Root cause' }) as HTMLTextAreaElement).value).toMatch(/^Hypothesis \(to be confirmed/);
    expect((screen.getByRole('textbox', { name: 'Action item 2' }) as HTMLInputElement).value).toBe('Add a canary on agent checkout-bot.');
    expect(posts.map((p) => p.path)).toEqual(['/api/v1/insights/postmortem-draft']);
    expect(posts[0]?.body).toEqual({ incident_id: 'i1' });

    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(done).toHaveBeenCalled());
    const saved = posts.find((p) => p.path === '/api/v1/incidents/i1/postmortem')!.body as { status: string; root_cause: string; action_items: unknown[] };
    expect(saved.status).toBe('draft');
    expect(saved.root_cause).toBe(DRAFT.root_cause_hypothesis);
    expect(saved.action_items).toHaveLength(2);
  });
});
