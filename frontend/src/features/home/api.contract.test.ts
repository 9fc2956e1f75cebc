import { describe, it } from 'vitest';
import { QUERY, expectCovers, expectStrict, field } from '../../test/javaRecords';
import { healthHeatmapSchema, homeKpisSchema, sloSchema } from './api';

describe('home schemas are strict and cover the query-service records', () => {
  it('home', () => {
    const f = `${QUERY}home/HomeKpisResponse.java`;
    expectCovers(homeKpisSchema, f, 'HomeKpisResponse');
    expectCovers(field(homeKpisSchema, 'total_requests'), f, 'TotalRequests');
    expectCovers(field(field(homeKpisSchema, 'total_requests'), 'by_department'), f, 'DepartmentShare');
    expectCovers(field(field(homeKpisSchema, 'total_requests'), 'sparkline'), f, 'Point');
    expectCovers(field(homeKpisSchema, 'avg_latency'), f, 'AvgLatency');
    expectCovers(field(homeKpisSchema, 'error_rate'), f, 'ErrorRate');
    expectCovers(field(field(homeKpisSchema, 'error_rate'), 'error_breakdown'), f, 'ErrorBreakdown');
    expectCovers(field(homeKpisSchema, 'total_cost'), f, 'TotalCost');
    expectCovers(field(field(homeKpisSchema, 'total_cost'), 'by_provider'), f, 'ProviderCost');
    expectCovers(field(homeKpisSchema, 'avg_quality_score'), f, 'QualityScore');
    const h = `${QUERY}home/HealthHeatmapResponse.java`;
    expectCovers(healthHeatmapSchema, h, 'HealthHeatmapResponse');
    expectCovers(field(healthHeatmapSchema, 'agents'), h, 'AgentRow');
    const s = `${QUERY}home/SloComplianceResponse.java`;
    expectCovers(sloSchema, s, 'Slo');
    expectCovers(field(sloSchema, 'trend'), s, 'TrendPoint');
    expectCovers(field(sloSchema, 'by_department'), s, 'DepartmentValue');
    [homeKpisSchema, healthHeatmapSchema, sloSchema, field(homeKpisSchema, 'avg_latency')].forEach(expectStrict);
  });
});
