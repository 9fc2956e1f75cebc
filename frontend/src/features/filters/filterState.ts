/** FilterBar state and its URL / localStorage forms. Pure functions, no React. */

export const TIME_RANGES = ['1h', '24h', '7d', '30d', '90d', 'custom'] as const;
export type TimeRange = (typeof TIME_RANGES)[number];

export interface FilterState {
  timeRange: TimeRange;
  /** ISO-8601, only with timeRange 'custom'. */
  from?: string;
  to?: string;
  department?: string;
  environment?: string;
  version?: string;
  agentId?: string;
}

/** URL parameter names: the API's standard filter names, so a dashboard URL reads like the API call. */
export const URL_KEYS = ['range', 'from', 'to', 'department', 'environment', 'version', 'agent_id'] as const;

const STORAGE_PREFIX = 'agentobs.filters.';

export function defaultFilters(timeRange: TimeRange): FilterState {
  return { timeRange };
}

function isTimeRange(value: string | null): value is TimeRange {
  return value !== null && (TIME_RANGES as readonly string[]).includes(value);
}

function validInstant(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

function clean(value: string | null | undefined): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}

/** Normalises a candidate state: unknown range → default, custom without a valid from < to → default. */
export function normalize(candidate: Partial<Record<string, string | undefined>>, fallbackRange: TimeRange): FilterState {
  const rawRange = candidate.timeRange ?? null;
  let timeRange: TimeRange = isTimeRange(rawRange) ? rawRange : fallbackRange;
  let from: string | undefined;
  let to: string | undefined;
  if (timeRange === 'custom') {
    from = validInstant(candidate.from);
    to = validInstant(candidate.to);
    if (!from || !to || Date.parse(from) >= Date.parse(to)) {
      timeRange = fallbackRange === 'custom' ? '24h' : fallbackRange;
      from = undefined;
      to = undefined;
    }
  }
  const state: FilterState = { timeRange };
  if (from && to) {
    state.from = from;
    state.to = to;
  }
  const department = clean(candidate.department);
  const environment = clean(candidate.environment);
  const version = clean(candidate.version);
  const agentId = clean(candidate.agentId);
  if (department) state.department = department;
  if (environment) state.environment = environment;
  if (version) state.version = version;
  if (agentId) state.agentId = agentId;
  return state;
}

/** True when the URL carries any filter: then it is a shared link and wins as a whole. */
export function hasUrlFilters(search: URLSearchParams): boolean {
  return URL_KEYS.some((key) => search.has(key));
}

export function fromSearchParams(search: URLSearchParams, fallbackRange: TimeRange): FilterState {
  return normalize(
    {
      timeRange: search.get('range') ?? undefined,
      from: search.get('from') ?? undefined,
      to: search.get('to') ?? undefined,
      department: search.get('department') ?? undefined,
      environment: search.get('environment') ?? undefined,
      version: search.get('version') ?? undefined,
      agentId: search.get('agent_id') ?? undefined,
    },
    fallbackRange,
  );
}

/** Writes the filters into a copy of `base`, keeping the page's other parameters (e.g. an open trace). */
export function toSearchParams(state: FilterState, base: URLSearchParams = new URLSearchParams()): URLSearchParams {
  const next = new URLSearchParams(base);
  URL_KEYS.forEach((key) => next.delete(key));
  next.set('range', state.timeRange);
  if (state.timeRange === 'custom' && state.from && state.to) {
    next.set('from', state.from);
    next.set('to', state.to);
  }
  if (state.department) next.set('department', state.department);
  if (state.environment) next.set('environment', state.environment);
  if (state.version) next.set('version', state.version);
  if (state.agentId) next.set('agent_id', state.agentId);
  return next;
}

export function storageKey(page: string): string {
  return `${STORAGE_PREFIX}${page}`;
}

export function loadStored(page: string, fallbackRange: TimeRange): FilterState | null {
  try {
    const raw = localStorage.getItem(storageKey(page));
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    if (!parsed || typeof parsed !== 'object') return null;
    return normalize(parsed as Record<string, string>, fallbackRange);
  } catch {
    return null;
  }
}

export function saveStored(page: string, state: FilterState): void {
  try {
    localStorage.setItem(storageKey(page), JSON.stringify(state));
  } catch {
    // storage full or disabled: the URL still carries the state
  }
}

/** Precedence: URL > localStorage (per page) > defaults. */
export function resolveFilters(search: URLSearchParams, page: string, fallbackRange: TimeRange): { state: FilterState; source: 'url' | 'storage' | 'default' } {
  if (hasUrlFilters(search)) return { state: fromSearchParams(search, fallbackRange), source: 'url' };
  const stored = loadStored(page, fallbackRange);
  if (stored) return { state: stored, source: 'storage' };
  return { state: defaultFilters(fallbackRange), source: 'default' };
}

export function sameFilters(a: FilterState, b: FilterState): boolean {
  return toSearchParams(a).toString() === toSearchParams(b).toString();
}

/** The API's standard filter parameters. */
export function toApiParams(state: FilterState): Record<string, string | undefined> {
  return {
    range: state.timeRange,
    from: state.timeRange === 'custom' ? state.from : undefined,
    to: state.timeRange === 'custom' ? state.to : undefined,
    department: state.department,
    environment: state.environment,
    version: state.version,
    agent_id: state.agentId,
  };
}

const RANGE_MS: Record<Exclude<TimeRange, 'custom'>, number> = {
  '1h': 3600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
  '90d': 90 * 86_400_000,
};

/** Length of the selected window in ms (for axis formatting and bucket widths). */
export function rangeSpanMs(state: FilterState): number {
  if (state.timeRange === 'custom' && state.from && state.to) return Date.parse(state.to) - Date.parse(state.from);
  return RANGE_MS[state.timeRange === 'custom' ? '24h' : state.timeRange];
}

export const RANGE_LABELS: Record<TimeRange, string> = {
  '1h': 'Last hour',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  custom: 'Custom range',
};
