import { describe, it } from 'vitest';
import { QUERY, expectCovers, expectStrict, field } from '../../test/javaRecords';
import { latencyHeatmapSchema, parityRowSchema, perfOverviewSchema, versionRowSchema } from './api';

describe('performance schemas are strict and cover the query-service records', () => {
  it('performance', () => {
    const f = `${QUERY}performance/PerformanceResponses.java`;
    expectCovers(perfOverviewSchema, f, 'Overview');
    expectCovers(field(perfOverviewSchema, 'over_time'), f, 'OverTime');
    expectCovers(field(perfOverviewSchema, 'latency_p50'), `${QUERY}fleetdata/Change.java`, 'Metric');
    expectCovers(latencyHeatmapSchema, f, 'LatencyHeatmap');
    expectCovers(parityRowSchema, f, 'EnvironmentRow');
    expectCovers(versionRowSchema, f, 'VersionRow');
    [perfOverviewSchema, latencyHeatmapSchema, parityRowSchema, versionRowSchema].forEach(expectStrict);
  });
});
