import { Link } from 'react-router-dom';
import { ChartCard } from '../../components';
import { useFilters } from '../filters';
import { useInsights, type Insights, type InsightTab } from './api';
import './insights.css';

/** Why there is nothing to show, or null when there are cards. */
export function insightsEmptyReason(data: Insights): string | null {
  if (data.cards.length > 0) return null;
  return 'No insights for these filters yet: once agents send traces, a summary of their traffic, reliability and cost appears here.';
}

/**
 * Plain-language insight cards for a tab, written by gemini-service from figures it read itself
 * (every number in a card is one of the facts). The badge says who wrote them; a fallback to the
 * offline templates is shown with its reason.
 */
export function InsightsPanel({ tab }: { tab: InsightTab }) {
  const { apiParams } = useFilters();
  const query = useInsights(tab, apiParams);
  const evidence = (data: Insights) => new Map(data.evidence.map((e) => [e.id, e]));
  return (
    <ChartCard
      title="Insights"
      className="card--wide insights"
      query={query}
      height={120}
      emptyReason={insightsEmptyReason}
      actions={query.data ? <span className="badge" title={query.data.fallback_reason ?? undefined}>{query.data.provider === 'gemini' ? 'Gemini' : 'Offline'}</span> : undefined}
    >
      {(data) => {
        const byId = evidence(data);
        return (
          <ul className="insights__list">
            {data.cards.map((card, i) => (
              <li key={`${i}-${card.title}`} data-testid="insight-card" className={`insights__card insights__card--${card.severity}`}>
                <span className={`badge badge--sev-${card.severity}`}>{card.severity}</span>
                <strong className="insights__title">{card.title}</strong>
                <p className="insights__body">{card.body}</p>
                {card.evidence.length > 0 && (
                  <p className="insights__evidence">
                    {card.evidence.map((id) => {
                      const e = byId.get(id);
                      return e ? <Link key={id} className="badge" to={e.href}>{e.label}</Link> : null;
                    })}
                  </p>
                )}
              </li>
            ))}
          </ul>
        );
      }}
    </ChartCard>
  );
}
