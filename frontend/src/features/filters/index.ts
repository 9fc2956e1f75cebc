export { FilterBar } from './FilterBar';
export { FilterProvider, useFilters } from './FilterContext';
export type { FilterContextValue } from './FilterContext';
export { rangeSpanMs, toApiParams, toSearchParams, RANGE_LABELS } from './filterState';
export type { FilterState, TimeRange } from './filterState';
export { useFilterOptions } from './api';
export type { Option } from './api';
