import { KpiRow } from '../../components';
import { InsightsPanel } from '../insights';
import { formatInteger, formatPct, formatScore } from '../../lib/format';
import { useFilters } from '../filters';
import { useQualityOverview, useQualityTrend } from './api';
import { DistributionByDepartment, LowestAgents, LowScoreTraces, QualityTrend, VersionComparison } from './components/QualityCharts';
import { EvaluatorAgreementChart } from './components/Agreement';
import { LowestIntents, QualityVersusCost, ScoresByCriterion } from './components/Breakdowns';
import { ReviewQueuePanel } from './components/ReviewQueue';
import { RubricsPanel } from './components/Rubrics';
import { RulesPanel } from './components/Rules';
import './quality.css';

export default function QualityPage() {
  const { apiParams } = useFilters();
  const overview = useQualityOverview(apiParams);
  const trend = useQualityTrend(apiParams);
  const spark = (key: 'avg_score' | 'pass_rate_pct') => (trend.data ?? []).map((p) => ({ timestamp: p.bucket, value: p[key] }));
  return (
    <>
      <KpiRow
        label="Quality KPIs"
        query={overview}
        count={5}
        cards={(o) => [
          { key: 'avg', title: 'Avg Quality Score', value: formatScore(o.avg_score), change: o.avg_score_change, changeLabel: 'points vs previous period', sparklineData: spark('avg_score'), detail: o.avg_score === null ? 'Not scored yet in this range' : 'Automated evaluators, 0–100' },
          { key: 'pass', title: 'Pass Rate', value: formatPct(o.pass_rate_pct), sparklineData: spark('pass_rate_pct'), detail: `${formatPct(o.below_threshold_pct)} below threshold` },
          { key: 'coverage', title: 'Scored Share', value: formatPct(o.scored_share_pct), detail: `${formatInteger(o.scored_count)} traces scored; share of ${formatInteger(o.trace_count)} requests` },
          { key: 'slo', title: 'Quality SLO (avg > 80)', value: o.avg_score === null ? '—' : o.avg_score > 80 ? 'Met' : 'Missed', detail: `Excellent ${formatInteger(o.distribution.excellent)} · poor ${formatInteger(o.distribution.poor)}` },
          { key: 'backlog', title: 'Review Backlog', value: formatInteger(o.review_backlog), detail: `${formatInteger(o.reviews_completed)} reviewed in range`, trend: 'inverse' as const },
        ]}
      />
      <div className="grid">
        <InsightsPanel tab="quality" />
        <QualityTrend />
        <DistributionByDepartment />
        <VersionComparison />
        <ScoresByCriterion />
        <QualityVersusCost />
        <LowestIntents />
        <LowestAgents />
        <EvaluatorAgreementChart />
        <LowScoreTraces />
        <ReviewQueuePanel />
        <RubricsPanel />
        <RulesPanel />
      </div>
    </>
  );
}
