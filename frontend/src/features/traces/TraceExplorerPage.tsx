import { useCallback, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { EmptyState, Skeleton, describeError } from '../../components';
import { formatDuration, formatFullDateTime, formatInteger, formatScore, formatUsd, humanize } from '../../lib/format';
import { useFilters } from '../filters';
import { useTraceSearch } from './api';
import { searchCoverageText } from './lib/searchCoverage';
import { DrilldownModal } from './components/DrilldownModal';

const STATUSES = ['success', 'error', 'timeout'] as const;
const SORTS = [
  { value: '-timestamp', label: 'Newest first' },
  { value: 'timestamp', label: 'Oldest first' },
  { value: '-latency_ms', label: 'Slowest first' },
  { value: '-cost_usd', label: 'Most expensive first' },
] as const;

/** Searchable, filterable trace table with cursor paging; `?trace=` opens the DrilldownModal. */
export default function TraceExplorerPage() {
  const { apiParams } = useFilters();
  const [search, setSearch] = useSearchParams();
  const q = search.get('q') ?? '';
  const status = search.get('status') ?? '';
  const sort = search.get('sort') ?? '-timestamp';
  const openTrace = search.get('trace');
  const [draft, setDraft] = useState(q);
  const [seenQ, setSeenQ] = useState(q);
  if (seenQ !== q) {
    // The URL's query changed (back/forward, a shared link): show it in the box.
    setSeenQ(q);
    setDraft(q);
  }

  const setParam = useCallback(
    (key: string, value: string | null, replace = false) =>
      setSearch((prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      }, { replace }),
    [setSearch],
  );

  const query = useTraceSearch({ ...apiParams, q: q || undefined, status: status || undefined, sort });
  const rows = query.data?.pages.flatMap((p) => p.data) ?? [];
  const total = query.data?.pages[0]?.meta?.total ?? null;
  const coverage = q ? searchCoverageText(query.data?.pages[0]?.meta, query.dataUpdatedAt) : null;

  function onSearch(e: FormEvent) {
    e.preventDefault();
    setParam('q', draft.trim() || null);
  }

  return (
    <section className="card card--wide" aria-labelledby="traces-title">
      <header className="card__header">
        <div>
          <h2 id="traces-title" className="card__title">Traces</h2>
          <p className="card__subtitle">
            {total !== null ? `${formatInteger(total)} traces match. ` : ''}Select a row (or press Enter on it) to open the drill-down.
          </p>
          {coverage ? <p className="card__subtitle" data-testid="search-coverage">{coverage}</p> : null}
        </div>
      </header>
      <form className="trace-tools" onSubmit={onSearch} role="search">
        <label htmlFor="trace-q" className="sr-only">Search input and output text</label>
        <input id="trace-q" type="search" placeholder="Search input/output text…" value={draft} onChange={(e) => setDraft(e.target.value)} />
        <button type="submit" className="btn">Search</button>
        <label htmlFor="trace-status">Status</label>
        <select id="trace-status" value={status} onChange={(e) => setParam('status', e.target.value || null)}>
          <option value="">Any status</option>
          {STATUSES.map((s) => <option key={s} value={s}>{humanize(s)}</option>)}
        </select>
        <label htmlFor="trace-sort">Sort</label>
        <select id="trace-sort" value={sort} onChange={(e) => setParam('sort', e.target.value)}>
          {SORTS.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
        </select>
      </form>
      {query.isPending ? (
        <Skeleton height={480} label="Loading traces" />
      ) : query.isError ? (
        <div className="state state--error" role="alert">
          <p>{describeError(query.error)}</p>
          <button type="button" className="btn" onClick={() => void query.refetch()}>Retry</button>
        </div>
      ) : rows.length === 0 ? (
        <EmptyState height={200}>No trace matches these filters{q ? ` and the search “${q}”` : ''}. Widen the time range or clear a filter.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label="Traces">
            <thead>
              <tr>
                <th scope="col">Time</th><th scope="col">Agent</th><th scope="col">Status</th><th scope="col">Latency</th>
                <th scope="col">Model</th><th scope="col">Tokens</th><th scope="col">Cost</th><th scope="col">Intent</th><th scope="col">Quality</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((t) => (
                <tr
                  key={t.trace_id}
                  className="table__row--link"
                  tabIndex={0}
                  data-testid="trace-row"
                  aria-label={`Open trace ${t.trace_id}`}
                  onClick={() => setParam('trace', t.trace_id)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      setParam('trace', t.trace_id);
                    }
                  }}
                >
                  <td><time dateTime={t.timestamp}>{formatFullDateTime(t.timestamp)}</time></td>
                  <td>{t.agent_name ?? t.agent_id}</td>
                  <td><span className={`badge badge--${t.status === 'success' ? 'met' : 'breached'}`}>{t.status}</span></td>
                  <td className="num">{formatDuration(t.latency_ms)}</td>
                  <td>{t.model ?? '—'}</td>
                  <td className="num">{formatInteger(t.tokens_total)}</td>
                  <td className="num">{formatUsd(t.cost_usd)}</td>
                  <td>{humanize(t.intent_category)}</td>
                  <td className="num">{formatScore(t.quality_score)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {query.hasNextPage && (
            <button type="button" className="btn" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
              {query.isFetchingNextPage ? 'Loading…' : 'Load more'}
            </button>
          )}
        </div>
      )}
      {openTrace && <DrilldownModal traceId={openTrace} onClose={() => setParam('trace', null)} />}
    </section>
  );
}
