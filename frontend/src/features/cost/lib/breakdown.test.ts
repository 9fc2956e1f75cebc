import { describe, expect, it } from 'vitest';
import type { IntentCost, TokenUsage } from '../api';
import { toIntentBars, toTokenSeries } from './breakdown';

describe('cost breakdown mapping', () => {
  it('ordersIntentsByCost_andKeepsShareAndChange', () => {
    const row = (intent: string, total_cost: number, cost_change: number | null): IntentCost => ({
      intent, total_cost, request_count: 100, cost_per_request: total_cost / 100, pct_of_cost: total_cost, cost_change, tokens: 1000,
    });
    const bars = toIntentBars([row('data_analysis', 20, null), row('code_generation', 70, 12.5), row('automation', 10, -3)]);
    expect(bars.map((b) => b.intent)).toEqual(['code_generation', 'data_analysis', 'automation']);
    expect(bars[0]).toEqual({ intent: 'code_generation', label: 'Code generation', cost: 70, share: 70, requests: 100, perRequest: 0.7, change: 12.5 });
    expect(bars[1]!.change).toBeNull();
  });

  it('mapsTokenBuckets_inTimeOrder_withTheOutputShare', () => {
    const metric = (value: number | null) => ({ value, change: null, change_label: 'vs previous 30d' });
    const u: TokenUsage = {
      tokens_input: metric(3000), tokens_output: metric(1000), tokens_total: metric(4000), output_input_ratio: 0.333,
      over_time: [
        { timestamp: '2025-10-02T00:00:00Z', tokens_input: 1000, tokens_output: 600 },
        { timestamp: '2025-10-01T00:00:00Z', tokens_input: 2000, tokens_output: 400 },
      ],
    };
    const s = toTokenSeries(u);
    expect(s.rows).toEqual([
      { t: Date.parse('2025-10-01T00:00:00Z'), input: 2000, output: 400 },
      { t: Date.parse('2025-10-02T00:00:00Z'), input: 1000, output: 600 },
    ]);
    expect(s.outputPct).toBe(25);
    expect(s.hasTokens).toBe(true);
  });

  it('reportsNoTokens_whenTheRangeHasNone', () => {
    const metric = { value: 0, change: null, change_label: null };
    const s = toTokenSeries({ tokens_input: metric, tokens_output: metric, tokens_total: metric, output_input_ratio: null, over_time: [{ timestamp: '2025-10-01T00:00:00Z', tokens_input: 0, tokens_output: 0 }] });
    expect(s.hasTokens).toBe(false);
    expect(s.outputPct).toBeNull();
  });
});
