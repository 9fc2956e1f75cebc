import { describeError } from './ChartCard';
import { KPICard, type KPICardProps } from './KPICard';

/** What the row needs from a query (a TanStack result, or several combined with `combineLoadables`). */
export interface Loadable<T> {
  isPending: boolean;
  isError: boolean;
  isFetching: boolean;
  error: unknown;
  data: T | undefined;
  refetch: () => unknown;
}

/** Combines several queries into one Loadable: pending until all have data, failed when any failed. */
export function combineLoadables<T>(parts: Loadable<unknown>[], combine: () => T): Loadable<T> {
  const failed = parts.find((p) => p.isError);
  const pending = !failed && parts.some((p) => p.data === undefined);
  return {
    isPending: pending,
    isError: Boolean(failed),
    isFetching: parts.some((p) => p.isFetching),
    error: failed?.error ?? null,
    data: failed || pending ? undefined : combine(),
    refetch: () => Promise.all(parts.filter((p) => p.isError || !failed).map((p) => p.refetch())),
  };
}

interface KpiRowProps<T> {
  label: string;
  query: Loadable<T>;
  count: number;
  cards: (data: T) => (KPICardProps & { key: string })[];
}

/** A row of KPI cards fed by one query: skeleton cards while loading, one error with Retry on failure. */
export function KpiRow<T>({ label, query, count, cards }: KpiRowProps<T>) {
  if (query.isPending) {
    return (
      <div className="kpi-row" role="status" aria-label={`Loading ${label}`}>
        {Array.from({ length: count }, (_, i) => <div key={i} className="skeleton kpi-skeleton" />)}
      </div>
    );
  }
  if (query.isError) {
    return (
      <div className="state state--error kpi-row-error" role="alert">
        <p>{label} could not be loaded: {describeError(query.error)}</p>
        <button type="button" className="btn" onClick={() => void query.refetch()}>Retry</button>
      </div>
    );
  }
  return (
    <section className="kpi-row" aria-label={label} aria-busy={query.isFetching}>
      {cards(query.data as T).map(({ key, ...card }) => <KPICard key={key} {...card} />)}
    </section>
  );
}
