/** What a trace search's meta says about how recent a trace it can find. */
export interface SearchCoverage {
  search_indexed_through?: string;
  search_lag_seconds?: number;
  search_note?: string;
}

/**
 * The sentence under a search: "Search covers traces up to N s ago." Computed from
 * `search_indexed_through` against `nowMs` (a cached answer's lag would be stale), else from
 * `search_lag_seconds`; null when the answer says nothing about coverage (no search).
 */
export function searchCoverageText(meta: SearchCoverage | undefined, nowMs: number): string | null {
  if (!meta) return null;
  if (meta.search_note) return `Search: ${meta.search_note}.`;
  let lag: number | null = null;
  if (meta.search_indexed_through) {
    const through = Date.parse(meta.search_indexed_through);
    if (!Number.isNaN(through)) lag = Math.max(0, (nowMs - through) / 1000);
  }
  if (lag === null && meta.search_lag_seconds !== undefined) lag = Math.max(0, meta.search_lag_seconds);
  if (lag === null) return null;
  return `Search covers traces up to ${formatLag(lag)} ago.`;
}

function formatLag(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}
