import type { KPICardProps } from '../../../components';
import { formatCompact, formatDuration, formatPct, formatScore, formatUsd, humanize } from '../../../lib/format';
import type { HomeKpis } from '../api';

export type HomeKpiKey = 'requests' | 'latency' | 'errors' | 'cost' | 'quality';

/** Maps `metrics/home-kpis` onto the five Home cards 1.1–1.5 (clicks are added by the page). */
export function toHomeKpiCards(k: HomeKpis): { key: HomeKpiKey; card: KPICardProps }[] {
  const dept = (list: { department: string; value: number }[] | null | undefined, fmt: (v: number) => string) =>
    list?.map((d) => ({ dept: humanize(d.department), value: fmt(d.value) }));
  const spark = (s: { timestamp: string; value: number | null }[] | null | undefined) => s ?? undefined;
  const lat = k.avg_latency;
  const err = k.error_rate;
  const cost = k.total_cost;
  const q = k.avg_quality_score;
  const eb = err.error_breakdown;
  const cards: { key: HomeKpiKey; card: KPICardProps }[] = [
    {
      key: 'requests',
      card: {
        title: 'Total Requests',
        value: formatCompact(k.total_requests.value),
        change: k.total_requests.change,
        changeLabel: k.total_requests.change_label,
        sparklineData: spark(k.total_requests.sparkline),
        departmentBreakdown: dept(k.total_requests.by_department, formatCompact),
      },
    },
    {
      key: 'latency',
      card: {
        title: 'Avg Latency',
        value: formatDuration(lat.value),
        change: lat.change,
        changeLabel: lat.change_label,
        trend: 'inverse',
        detail: `P50 ${formatDuration(lat.p50)} · P90 ${formatDuration(lat.p90)} · P95 ${formatDuration(lat.p95)} · P99 ${formatDuration(lat.p99)}`,
        sparklineData: spark(lat.sparkline),
        departmentBreakdown: dept(lat.by_department, formatDuration),
      },
    },
    {
      key: 'errors',
      card: {
        title: 'Error Rate',
        value: formatPct(err.value),
        change: err.change,
        changeLabel: err.change_label,
        trend: 'inverse',
        detail: eb ? `Timeout ${formatCompact(eb.timeout)} · Rate limit ${formatCompact(eb.rate_limit)} · Server ${formatCompact(eb.server_error)}` : undefined,
        sparklineData: spark(err.sparkline),
        departmentBreakdown: dept(err.by_department, (v) => formatPct(v)),
      },
    },
    {
      key: 'cost',
      card: {
        title: 'Total Cost',
        value: formatUsd(cost.value),
        change: cost.change,
        changeLabel: cost.change_label,
        trend: 'inverse',
        detail: cost.by_provider?.length ? cost.by_provider.slice(0, 3).map((p) => `${humanize(p.provider)} ${formatUsd(p.cost)}`).join(' · ') : undefined,
        sparklineData: spark(cost.sparkline),
        departmentBreakdown: dept(cost.by_department, formatUsd),
      },
    },
    {
      key: 'quality',
      card: {
        title: 'Avg Quality Score',
        value: q?.value == null ? 'Not scored yet' : formatScore(q.value),
        change: q?.change,
        changeLabel: q?.change_label,
        detail: q?.distribution
          ? `Excellent ${formatCompact(q.distribution.excellent)} · Good ${formatCompact(q.distribution.good)} · Fair ${formatCompact(q.distribution.fair)} · Poor ${formatCompact(q.distribution.poor)}`
          : (q?.note ?? undefined),
        sparklineData: spark(q?.sparkline),
        departmentBreakdown: dept(q?.by_department, formatScore),
      },
    },
  ];
  return cards;
}
