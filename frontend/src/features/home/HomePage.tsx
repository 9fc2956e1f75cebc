import { useNavigate } from 'react-router-dom';
import { KpiRow } from '../../components';
import { toSearchParams, useFilters } from '../filters';
import { InsightsPanel } from '../insights';
import { useHomeKpis } from './api';
import { ActiveAlerts, RecentActivity } from './components/Feeds';
import { FleetHealthHeatmap } from './components/FleetHealthHeatmap';
import { CostByProvider, RequestCostTrend, RequestsByDepartment } from './components/HomeCharts';
import { SloCompliance } from './components/SloCompliance';
import { toHomeKpiCards, type HomeKpiKey } from './lib/kpis';

const DRILL: Record<HomeKpiKey, (search: URLSearchParams) => string> = {
  requests: (s) => `/traces?${s.toString()}`,
  latency: (s) => `/performance?${s.toString()}`,
  errors: (s) => {
    s.set('status', 'error');
    return `/traces?${s.toString()}`;
  },
  cost: (s) => `/cost?${s.toString()}`,
  quality: (s) => `/traces?${s.toString()}`,
};

export default function HomePage() {
  const { filters, apiParams } = useFilters();
  const kpis = useHomeKpis(apiParams);
  const navigate = useNavigate();
  return (
    <>
      <KpiRow
        label="Fleet KPIs"
        query={kpis}
        count={5}
        cards={(data) =>
          toHomeKpiCards(data).map(({ key, card }) => ({
            key,
            ...card,
            onClick: () => navigate(DRILL[key](toSearchParams(filters))),
          }))
        }
      />
      <div className="grid">
        <InsightsPanel tab="home" />
        <FleetHealthHeatmap />
        <SloCompliance />
        <RequestCostTrend query={kpis} />
        <RequestsByDepartment query={kpis} />
        <CostByProvider query={kpis} />
        <ActiveAlerts />
        <RecentActivity />
      </div>
    </>
  );
}
