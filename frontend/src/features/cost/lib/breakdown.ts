import { humanize } from '../../../lib/format';
import type { IntentCost, TokenUsage } from '../api';

export interface IntentBar {
  intent: string;
  label: string;
  cost: number;
  share: number;
  requests: number;
  perRequest: number | null;
  change: number | null;
}

/** Chart 3.7: intents by cost, largest first (the API sorts too; the chart must not depend on it). */
export function toIntentBars(rows: IntentCost[]): IntentBar[] {
  return [...rows]
    .sort((a, b) => b.total_cost - a.total_cost || a.intent.localeCompare(b.intent))
    .map((r) => ({
      intent: r.intent,
      label: humanize(r.intent),
      cost: r.total_cost,
      share: r.pct_of_cost,
      requests: r.request_count,
      perRequest: r.cost_per_request,
      change: r.cost_change,
    }));
}

export interface TokenSeries {
  rows: { t: number; input: number; output: number }[];
  /** Output share of all tokens in the range (0–100), null without tokens. */
  outputPct: number | null;
  hasTokens: boolean;
}

/** Chart 3.8: input and output tokens per time bucket, stacked. */
export function toTokenSeries(u: TokenUsage): TokenSeries {
  const rows = u.over_time.map((p) => ({ t: Date.parse(p.timestamp), input: p.tokens_input, output: p.tokens_output })).sort((a, b) => a.t - b.t);
  const input = u.tokens_input.value ?? 0;
  const output = u.tokens_output.value ?? 0;
  return {
    rows,
    outputPct: input + output > 0 ? Math.round((1000 * output) / (input + output)) / 10 : null,
    hasTokens: input + output > 0 || rows.some((r) => r.input + r.output > 0),
  };
}
