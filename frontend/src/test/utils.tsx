import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { vi } from 'vitest';

/** Answers fetch calls by path (without the query string); unknown paths get 404 in the error envelope. */
export function stubFetch(routes: Record<string, (url: URL) => unknown>) {
  const calls: URL[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input), 'http://localhost');
    calls.push(url);
    const handler = routes[url.pathname];
    if (!handler) {
      return new Response(JSON.stringify({ error: { code: 'RESOURCE_NOT_FOUND', message: 'not found' } }), { status: 404 });
    }
    return new Response(JSON.stringify(handler(url)), { status: 200, headers: { 'Content-Type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { fetchMock, calls };
}

export function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{location.pathname + location.search}</output>;
}

export function renderWithProviders(ui: ReactNode, { route = '/' }: { route?: string } = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return (
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[route]}>
        {ui}
        <LocationProbe />
      </MemoryRouter>
    </QueryClientProvider>
  );
}

export const envelopeOf = (data: unknown, meta: Record<string, unknown> = {}) => ({
  data,
  meta: { generated_at: '2025-10-27T10:00:00Z', query_duration_ms: 3, cached: false, ...meta },
  filters_applied: {},
});
