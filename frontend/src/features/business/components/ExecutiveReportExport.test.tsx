import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ToastProvider } from '../../../components';
import { AuthProvider, SessionManager } from '../../auth';
import { ExecutiveReportExport } from './ExecutiveReportExport';

function server(role: string) {
  const exports: { url: URL; accept: string }[] = [];
  const tokens = { access_token: 'a', refresh_token: 'r', expires_in: 900, token_type: 'Bearer', refresh_expires_in: 3600,
    user: { id: 'u1', email: 'ana@x.dev', display_name: 'Ana' }, workspaces: [{ workspace_id: 'w1', slug: 'acme', name: 'Acme', role }] };
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    if (url.pathname.startsWith('/api/v1/auth/')) {
      return new Response(JSON.stringify({ data: tokens, meta: { generated_at: 'x', query_duration_ms: 0, cached: false }, filters_applied: {} }), { status: 200 });
    }
    exports.push({ url, accept: (init?.headers as Record<string, string> | undefined)?.Accept ?? '' });
    return url.searchParams.get('format') === 'pdf'
      ? new Response(new Uint8Array([0x25, 0x50, 0x44, 0x46]), { status: 200, headers: { 'Content-Type': 'application/pdf' } })
      : new Response('department,value_usd\r\nsupport,12.50\r\n', { status: 200, headers: { 'Content-Type': 'text/csv' } });
  }));
  return exports;
}

async function mount() {
  const manager = new SessionManager();
  await manager.login('ana@x.dev', 'pw');
  render(
    <QueryClientProvider client={new QueryClient()}>
      <ToastProvider><MemoryRouter><AuthProvider manager={manager}><ExecutiveReportExport params={{ range: '30d', department: 'support' }} /></AuthProvider></MemoryRouter></ToastProvider>
    </QueryClientProvider>,
  );
  await act(async () => undefined); // let the provider's session restore settle
}

afterEach(() => vi.restoreAllMocks());

describe('Executive report export', { timeout: 30_000 }, () => {
  it('offersPdfNextToCsv_andDownloadsEachWithTheFilters', async () => {
    const exports = server('analyst');
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => { blobs.push(blob); return 'blob:report'; });
    URL.revokeObjectURL = vi.fn();
    const clicks: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { clicks.push(this.download); });
    await mount();

    const group = screen.getByRole('group', { name: 'Export executive report' });
    expect([...group.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['CSV', 'PDF']);
    await userEvent.click(screen.getByRole('button', { name: 'Export executive report as PDF' }));
    await waitFor(() => expect(clicks).toEqual(['executive-report.pdf']));
    expect(exports[0]?.url.pathname).toBe('/api/v1/business/executive-report');
    expect(Object.fromEntries(exports[0]?.url.searchParams ?? [])).toEqual({ range: '30d', department: 'support', format: 'pdf' });
    expect(exports[0]?.accept).toContain('application/pdf');
    expect(blobs[0]?.type).toBe('application/pdf');

    await userEvent.click(screen.getByRole('button', { name: 'Export executive report as CSV' }));
    await waitFor(() => expect(clicks).toEqual(['executive-report.pdf', 'executive-report.csv']));
    expect(exports[1]?.url.searchParams.get('format')).toBe('csv');
    expect(await blobs[1]?.text()).toContain('support,12.50');
  });

  it('disablesBothFormats_belowTheAnalystRole', async () => {
    server('viewer');
    await mount();
    for (const name of ['Export executive report as CSV', 'Export executive report as PDF']) {
      const button = screen.getByRole('button', { name });
      expect(button).toHaveProperty('disabled', true);
      expect(button.getAttribute('title')).toBe('Exports need the analyst role or higher.');
    }
  });
});
