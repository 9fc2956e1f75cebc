import { ChartCard } from '../../../components';
import { formatDuration, formatPct, formatScore, humanize } from '../../../lib/format';
import { useFilters } from '../../filters';
import { useSloCompliance, type Slo } from '../api';

function formatSli(slo: Slo, value: number | null): string {
  const sli = slo.sli ?? slo.name;
  if (/latency|_ms/.test(sli)) return formatDuration(value);
  if (/error|pct|rate/.test(sli)) return formatPct(value);
  return formatScore(value);
}

function comparatorText(c: string | null | undefined): string {
  switch (c) {
    case 'lt': case '<': return '<';
    case 'lte': case '<=': return '≤';
    case 'gt': case '>': return '>';
    case 'gte': case '>=': return '≥';
    default: return c ?? '';
  }
}

/** Chart 1.9: the three plan SLOs with their status, compliance and error budget. */
export function SloCompliance() {
  const { apiParams } = useFilters();
  const { range: _range, from: _from, to: _to, ...rest } = apiParams;
  const query = useSloCompliance(rest);
  return (
    <ChartCard
      title="SLO Compliance"
      number="1.9"
      subtitle="SLO window: the last 30 days (the SLO's own window), department and other filters applied."
      query={query}
      height={180}
      emptyReason={(slos) => (slos.length === 0 ? 'No SLOs are configured for this workspace.' : null)}
    >
      {(slos) => (
        <ul className="slo-list">
          {slos.map((slo) => {
            const status = slo.is_met === null ? 'unknown' : slo.is_met ? 'met' : 'breached';
            return (
              <li key={slo.slo_id ?? slo.name} className={`slo slo--${status}`}>
                <div className="slo__head">
                  <span className="slo__name">{slo.name}</span>
                  <span className={`badge badge--${status}`}>{status === 'unknown' ? 'No data' : status === 'met' ? 'Met' : 'Breached'}</span>
                </div>
                <div className="slo__numbers">
                  <span>Current <strong>{formatSli(slo, slo.current_value)}</strong></span>
                  <span>Target {comparatorText(slo.comparator)} {formatSli(slo, slo.target)}</span>
                  {slo.compliance_pct != null && <span>Compliance {formatPct(slo.compliance_pct, 1)}</span>}
                  {slo.error_budget_remaining_pct != null && <span>Error budget left {formatPct(slo.error_budget_remaining_pct, 1)}</span>}
                </div>
                {slo.compliance_pct != null && (
                  <div className="meter" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={slo.compliance_pct} aria-label={`${slo.name} compliance`}>
                    <div className="meter__fill" style={{ width: `${Math.max(0, Math.min(100, slo.compliance_pct))}%` }} />
                  </div>
                )}
                {slo.by_department && slo.by_department.some((d) => d.is_met === false) && (
                  <p className="slo__depts">
                    Breached in: {slo.by_department.filter((d) => d.is_met === false).map((d) => humanize(d.department)).join(', ')}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </ChartCard>
  );
}
