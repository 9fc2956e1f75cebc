import { QueryErrorResetBoundary, type UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError, ContractError } from '../lib/http';
import { ErrorBoundary } from './ErrorBoundary';

interface ChartCardProps<T> {
  title: string;
  /** The plan's chart number, e.g. "1.8". */
  number?: string;
  subtitle?: ReactNode;
  query: UseQueryResult<T>;
  /** Height of the chart area: the skeleton takes exactly this size. */
  height: number;
  /** Why the chart is empty, or null when there is something to draw. */
  emptyReason?: (data: T) => string | null;
  actions?: ReactNode;
  className?: string;
  children: (data: T) => ReactNode;
}

export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.isUnavailable) return `The server does not provide this view yet (${error.status} ${error.code}).`;
    if (error.status === 403) return 'Your role does not allow this view.';
    return `${error.message}${error.requestId ? ` (request ${error.requestId})` : ''}`;
  }
  if (error instanceof ContractError) return error.message;
  return error instanceof Error ? error.message : 'Something went wrong.';
}

export function Skeleton({ height, label = 'Loading' }: { height: number; label?: string }) {
  return <div className="skeleton" style={{ height }} role="status" aria-label={label} />;
}

export function EmptyState({ height, children }: { height?: number; children: ReactNode }) {
  return (
    <div className="state state--empty" style={height ? { minHeight: height } : undefined}>
      <p>{children}</p>
    </div>
  );
}

/** A titled panel that shows a skeleton of the chart's size while loading, an empty state that says why,
 *  and an error with Retry (query errors and render errors alike). */
export function ChartCard<T>({ title, number, subtitle, query, height, emptyReason, actions, className, children }: ChartCardProps<T>) {
  const headingId = `chart-${title.replace(/\W+/g, '-').toLowerCase()}`;
  let content: ReactNode;
  if (query.isPending) {
    content = <Skeleton height={height} label={`Loading ${title}`} />;
  } else if (query.isError) {
    const unavailable = query.error instanceof ApiError && query.error.isUnavailable;
    content = (
      <div className={`state ${unavailable ? 'state--empty' : 'state--error'}`} style={{ minHeight: height }} role={unavailable ? undefined : 'alert'}>
        <p>{describeError(query.error)}</p>
        <button type="button" className="btn" onClick={() => void query.refetch()}>Retry</button>
      </div>
    );
  } else {
    const reason = emptyReason?.(query.data) ?? null;
    content = reason ? <EmptyState height={height}>{reason}</EmptyState> : (
      <QueryErrorResetBoundary>
        {({ reset }) => <ErrorBoundary label={title} onReset={reset}><div style={{ minHeight: height }}>{children(query.data)}</div></ErrorBoundary>}
      </QueryErrorResetBoundary>
    );
  }
  return (
    <section className={`card ${className ?? ''}`} aria-labelledby={headingId} aria-busy={query.isFetching}>
      <header className="card__header">
        <div>
          <h2 id={headingId} className="card__title">
            {number && <span className="card__number">{number}</span>} {title}
          </h2>
          {subtitle && <p className="card__subtitle">{subtitle}</p>}
        </div>
        {actions && <div className="card__actions">{actions}</div>}
      </header>
      {content}
    </section>
  );
}
