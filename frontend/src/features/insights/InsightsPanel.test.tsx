import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { envelopeOf, renderWithProviders, stubFetch } from '../../test/utils';
import { FilterProvider } from '../filters';
import { InsightsPanel } from './InsightsPanel';

const insights = (cards: unknown[]) => ({
  tab: 'home',
  provider: 'offline',
  fallback_reason: null,
  data_version: 3,
  cards,
  facts: [{ key: 'requests', label: 'Requests', value: 1000, unit: 'count', display: '1,000' }],
  evidence: [{ id: 'chart:home', kind: 'chart', label: 'Fleet overview', href: '/home' }],
  usage: { input_tokens: 0, output_tokens: 0, cost_usd: 0 },
});

describe('InsightsPanel', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows each card with its severity, provider and evidence link', async () => {
    const { calls } = stubFetch({
      '/api/v1/insights': () => envelopeOf(insights([{ title: 'Traffic', body: '1,000 requests in the last 24h.', severity: 'info', evidence: ['chart:home'] }])),
    });
    render(renderWithProviders(<FilterProvider page="home" defaultRange="24h"><InsightsPanel tab="home" /></FilterProvider>));
    expect(await screen.findByText('1,000 requests in the last 24h.')).toBeTruthy();
    expect(screen.getByText('Offline')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Fleet overview' }).getAttribute('href')).toBe('/home');
    expect(calls[0]?.searchParams.get('tab')).toBe('home');
  });

  it('says why it is empty when there are no cards', async () => {
    stubFetch({ '/api/v1/insights': () => envelopeOf(insights([])) });
    render(renderWithProviders(<FilterProvider page="home" defaultRange="24h"><InsightsPanel tab="cost" /></FilterProvider>));
    expect(await screen.findByText(/No insights for these filters yet/)).toBeTruthy();
  });
});
