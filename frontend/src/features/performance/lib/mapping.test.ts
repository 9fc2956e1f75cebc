import { describe, expect, it } from 'vitest';
import { latencyHeatmapSchema } from '../api';
import { toLatencyHistogram, toSlowestAgents } from './mapping';

describe('performance mapping', () => {
  it('acceptsThePlanHeatmapShape_andRanksSlowestAgents', () => {
    const h = latencyHeatmapSchema.parse({
      agents: ['eng-code-1', 'eng-code-2', 'idle-agent'],
      time_buckets: ['2025-10-27T10:00:00Z', '2025-10-27T11:00:00Z', '2025-10-27T12:00:00Z'],
      heatmap: [[1234, 1456, 1389], [2100, 2200, 2050], [null, null, null]],
    });
    const slow = toSlowestAgents(h);
    expect(slow.map((a) => a.agentId)).toEqual(['eng-code-2', 'eng-code-1']);
    expect(slow[0]).toMatchObject({ worst: 2200, buckets: 3 });
    expect(slow[0]!.mean).toBeCloseTo(2116.67, 1);
  });

  it('binsLatencies_withReadableEdges', () => {
    const bins = toLatencyHistogram([100, 249, 250, 999, 1000, 2500, 12000]);
    expect(bins[0]).toMatchObject({ label: '0–250 ms', count: 2 });
    expect(bins[1]).toMatchObject({ label: '250–500 ms', count: 1 });
    expect(bins.find((b) => b.label === '1–1.5 s')!.count).toBe(1);
    expect(bins.at(-1)).toMatchObject({ label: '≥ 10 s', count: 1 });
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(7);
  });
});

describe('version comparison', () => {
  it('ordersVersionsNaturally', async () => {
    const { toVersionBars } = await import('./mapping');
    const bars = toVersionBars([
      { version: 'v1.10', request_count: 5, p50: 1, p90: 2, p99: 3 },
      { version: 'v1.9', request_count: 0, p50: null, p90: null, p99: null },
      { version: 'v2.0', request_count: 7, p50: 4, p90: 5, p99: 6 },
    ]);
    expect(bars.map((b) => b.version)).toEqual(['v1.9', 'v1.10', 'v2.0']);
    expect(bars[0]).toMatchObject({ p90: null, requests: 0 });
  });
});
