import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { resolveFilters, saveStored, toApiParams, toSearchParams, type FilterState, type TimeRange } from './filterState';

export interface FilterContextValue {
  page: string;
  filters: FilterState;
  defaultRange: TimeRange;
  /** Replaces the filters (URL push + localStorage for this page). */
  setFilters(next: FilterState): void;
  /** The standard API parameters for the current filters. */
  apiParams: Record<string, string | undefined>;
}

const FilterContext = createContext<FilterContextValue | null>(null);

/** One per page: the URL wins, else what this page last used (localStorage), else the page's defaults. */
export function FilterProvider({ page, defaultRange, children }: { page: string; defaultRange: TimeRange; children: ReactNode }) {
  const [search, setSearch] = useSearchParams();
  const { state, source } = useMemo(() => resolveFilters(search, page, defaultRange), [search, page, defaultRange]);

  useEffect(() => {
    if (source === 'url') saveStored(page, state);
    else setSearch((prev) => toSearchParams(state, prev), { replace: true });
  }, [source, state, page, setSearch]);

  const setFilters = useCallback(
    (next: FilterState) => {
      saveStored(page, next);
      setSearch((prev) => toSearchParams(next, prev));
    },
    [page, setSearch],
  );

  const value = useMemo<FilterContextValue>(
    () => ({ page, filters: state, defaultRange, setFilters, apiParams: toApiParams(state) }),
    [page, state, defaultRange, setFilters],
  );
  return <FilterContext.Provider value={value}>{children}</FilterContext.Provider>;
}

export function useFilters(): FilterContextValue {
  const value = useContext(FilterContext);
  if (!value) throw new Error('useFilters outside FilterProvider');
  return value;
}
