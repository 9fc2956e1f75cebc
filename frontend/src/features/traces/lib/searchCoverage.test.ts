import { describe, expect, it } from 'vitest';
import { searchCoverageText } from './searchCoverage';

describe('searchCoverageText', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');

  it('counts the lag from indexed_through, not from a possibly cached lag', () => {
    expect(searchCoverageText({ search_indexed_through: '2026-01-01T11:59:57Z', search_lag_seconds: 40 }, now))
      .toBe('Search covers traces up to 3 s ago.');
  });

  it('falls back to the lag, rounds long lags to minutes and hours, and says when nothing is indexed', () => {
    expect(searchCoverageText({ search_lag_seconds: 1.4 }, now)).toBe('Search covers traces up to 1 s ago.');
    expect(searchCoverageText({ search_indexed_through: '2026-01-01T11:50:00Z' }, now)).toBe('Search covers traces up to 10 min ago.');
    expect(searchCoverageText({ search_indexed_through: '2026-01-01T07:00:00Z' }, now)).toBe('Search covers traces up to 5 h ago.');
    expect(searchCoverageText({ search_note: 'full-text search has not indexed this workspace yet' }, now))
      .toBe('Search: full-text search has not indexed this workspace yet.');
  });

  it('says nothing without a search', () => {
    expect(searchCoverageText(undefined, now)).toBeNull();
    expect(searchCoverageText({}, now)).toBeNull();
  });
});
