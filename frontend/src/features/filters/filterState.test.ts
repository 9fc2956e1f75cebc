import { describe, expect, it } from 'vitest';
import { fromSearchParams, loadStored, normalize, resolveFilters, saveStored, toApiParams, toSearchParams } from './filterState';

describe('filterState', () => {
  it('roundTrips_allFilters_throughTheUrl', () => {
    const state = { timeRange: '7d' as const, department: 'engineering', environment: 'staging', version: 'v2.1', agentId: 'eng-code-1' };
    const search = toSearchParams(state);
    expect(search.toString()).toBe('range=7d&department=engineering&environment=staging&version=v2.1&agent_id=eng-code-1');
    expect(fromSearchParams(search, '24h')).toEqual(state);
  });

  it('keepsOtherParameters_whenWritingFilters', () => {
    const next = toSearchParams({ timeRange: '24h', department: 'sales' }, new URLSearchParams('trace=trace_1&department=support'));
    expect(next.get('trace')).toBe('trace_1');
    expect(next.get('department')).toBe('sales');
  });

  it('fallsBackToDefaultRange_whenRangeUnknown', () => {
    expect(fromSearchParams(new URLSearchParams('range=5y&department=sales'), '30d')).toEqual({ timeRange: '30d', department: 'sales' });
  });

  it('dropsCustomRange_whenFromIsNotBeforeTo', () => {
    const s = normalize({ timeRange: 'custom', from: '2025-10-27T10:00:00Z', to: '2025-10-27T09:00:00Z' }, '24h');
    expect(s).toEqual({ timeRange: '24h' });
  });

  it('keepsCustomRange_asIsoInstants', () => {
    const s = normalize({ timeRange: 'custom', from: '2025-10-27T09:00:00Z', to: '2025-10-27T10:00:00Z' }, '24h');
    expect(s).toEqual({ timeRange: 'custom', from: '2025-10-27T09:00:00.000Z', to: '2025-10-27T10:00:00.000Z' });
    expect(toApiParams(s)).toMatchObject({ range: 'custom', from: '2025-10-27T09:00:00.000Z', to: '2025-10-27T10:00:00.000Z' });
  });

  it('prefersUrl_thenStorage_thenDefaults', () => {
    saveStored('home', { timeRange: '7d', department: 'support' });
    expect(resolveFilters(new URLSearchParams('range=1h'), 'home', '24h')).toEqual({ state: { timeRange: '1h' }, source: 'url' });
    expect(resolveFilters(new URLSearchParams('trace=x'), 'home', '24h')).toEqual({ state: { timeRange: '7d', department: 'support' }, source: 'storage' });
    expect(resolveFilters(new URLSearchParams(), 'usage', '30d')).toEqual({ state: { timeRange: '30d' }, source: 'default' });
  });

  it('remembersFilters_perPage', () => {
    saveStored('home', { timeRange: '7d' });
    saveStored('cost', { timeRange: '90d', department: 'sales' });
    expect(loadStored('home', '24h')).toEqual({ timeRange: '7d' });
    expect(loadStored('cost', '30d')).toEqual({ timeRange: '90d', department: 'sales' });
  });

  it('ignoresCorruptStorage', () => {
    localStorage.setItem('agentobs.filters.home', '{not json');
    expect(loadStored('home', '24h')).toBeNull();
  });
});
