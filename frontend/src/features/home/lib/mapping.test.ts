import { describe, expect, it } from 'vitest';
import { homeKpisSchema } from '../api';
import { toDepartmentBars, toProviderSlices, toTrendRows } from './charts';
import { bucketBounds, bucketWidthMs, cellTracesUrl, healthBand, healthColor } from './health';
import { toHomeKpiCards } from './kpis';

// An example answer, as the query service sends it (quality not scored yet).
const sample = homeKpisSchema.parse({
  total_requests: {
    value: 487234, change: 12.5, change_label: 'vs previous 24h',
    by_department: [{ department: 'sales', value: 98000, pct: 20.1 }, { department: 'engineering', value: 145000, pct: 29.7 }],
    sparkline: [{ timestamp: '2025-10-27T01:00:00Z', value: 16789 }, { timestamp: '2025-10-27T00:00:00Z', value: 18234 }],
  },
  avg_latency: { value: 1234, p50: 987, p90: 1892, p95: 2345, p99: 3456, change: -8.3, change_label: 'vs previous 24h' },
  error_rate: { value: 2.34, change: -0.5, change_label: null, error_breakdown: { timeout: 45, rate_limit: 23, server_error: 12 } },
  total_cost: { value: 1234.56, change: 15.2, change_label: 'vs previous 24h',
    by_provider: [{ provider: 'openai', cost: 567.89, pct: 46 }, { provider: 'anthropic', cost: 432.1, pct: 35 }, { provider: 'google', cost: 0, pct: 0 }] },
  avg_quality_score: { value: null, change: null, change_label: null, distribution: null, note: 'Quality scores appear once evaluations exist' },
});

describe('home KPI mapping', () => {
  it('mapsTheFiveCards_withPeopleFormats', () => {
    const cards = toHomeKpiCards(sample);
    expect(cards.map((c) => c.key)).toEqual(['requests', 'latency', 'errors', 'cost', 'quality']);
    const [req, lat, err, cost, quality] = cards.map((c) => c.card);
    expect(req).toMatchObject({ title: 'Total Requests', value: '487.2K', change: 12.5 });
    expect(req!.departmentBreakdown).toEqual([{ dept: 'Sales', value: '98K' }, { dept: 'Engineering', value: '145K' }]);
    expect(lat).toMatchObject({ value: '1.2 s', trend: 'inverse' });
    expect(lat!.detail).toBe('P50 987 ms · P90 1.9 s · P95 2.3 s · P99 3.5 s');
    expect(err).toMatchObject({ value: '2.34%', trend: 'inverse', detail: 'Timeout 45 · Rate limit 23 · Server 12' });
    expect(cost).toMatchObject({ value: '$1,234.56', trend: 'inverse' });
    expect(quality).toMatchObject({ value: 'Not scored yet', detail: 'Quality scores appear once evaluations exist' });
  });

  it('ordersTrendRows_byTime_andSkipsEmptySlices', () => {
    expect(toTrendRows(sample).map((r) => r.requests)).toEqual([18234, 16789]);
    expect(toDepartmentBars(sample).map((d) => d.label)).toEqual(['Engineering', 'Sales']);
    expect(toProviderSlices(sample).map((p) => p.label)).toEqual(['openai', 'anthropic']);
  });
});

describe('fleet health heatmap', () => {
  it('colourCodesScores_inTheFourSpecBands', () => {
    expect(healthBand(100)?.key).toBe('healthy');
    expect(healthBand(99)?.key).toBe('degraded');
    expect(healthBand(70)?.key).toBe('degraded');
    expect(healthBand(69)?.key).toBe('unhealthy');
    expect(healthBand(40)?.key).toBe('unhealthy');
    expect(healthBand(39)?.key).toBe('critical');
    expect(healthBand(0)?.key).toBe('critical');
    expect(healthBand(null)).toBeNull();
    expect(healthColor(null)).toBe('var(--no-data)');
  });

  it('linksACell_toThatAgentsTracesInThatBucket', () => {
    const buckets = ['2025-10-27T00:00:00Z', '2025-10-27T06:00:00Z', '2025-10-27T12:00:00Z'];
    const width = bucketWidthMs(buckets, '7d');
    expect(width).toBe(6 * 3600_000);
    const bounds = bucketBounds(buckets, 2, width);
    expect(bounds).toEqual({ from: '2025-10-27T12:00:00.000Z', to: '2025-10-27T18:00:00.000Z' });
    const url = new URL(cellTracesUrl('eng-code-1', bounds), 'http://x');
    expect(url.pathname).toBe('/traces');
    expect(Object.fromEntries(url.searchParams)).toEqual({ range: 'custom', from: bounds.from, to: bounds.to, agent_id: 'eng-code-1' });
  });

  it('usesTheRangesBucketWidth_whenThereIsOneBucket', () => {
    expect(bucketWidthMs(['2025-10-27T00:00:00Z'], '24h')).toBe(3600_000);
    expect(bucketWidthMs(['2025-10-27T00:00:00Z'], '1h')).toBe(300_000);
  });
});
