import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCard, ChartFrame, useAxisProps } from '../../../components';
import { formatChange, formatCompact, formatDateTime, formatPct, formatTick, formatUsd } from '../../../lib/format';
import { rangeSpanMs, useFilters } from '../../filters';
import { useCostByIntent, useTokenUsage } from '../api';
import { toIntentBars, toTokenSeries } from '../lib/breakdown';

const H = 260;

/** Chart 3.7: cost per intent, with its share of the total and the change vs the previous period. */
export function CostByIntent() {
  const { apiParams } = useFilters();
  const query = useCostByIntent(apiParams);
  const ax = useAxisProps();
  return (
    <ChartCard title="Cost by Intent" number="3.7" query={query} height={H}
      emptyReason={(rows) => (rows.every((r) => r.total_cost === 0) ? 'No cost with an intent in this range with these filters.' : null)}>
      {(rows) => {
        const bars = toIntentBars(rows);
        return (
          <ChartFrame height={H}>
            <BarChart data={bars} layout="vertical" margin={{ left: 8, right: 16 }} accessibilityLayer aria-label="Cost per intent">
              <CartesianGrid {...ax.grid} horizontal={false} />
              <XAxis type="number" {...ax.axis} tickFormatter={(v: number) => formatUsd(v)} />
              <YAxis type="category" dataKey="label" {...ax.axis} width={130} />
              <Tooltip {...ax.tooltip}
                formatter={(v, _n, item) => {
                  const b = item.payload as (typeof bars)[number];
                  return [`${formatUsd(Number(v))} · ${formatPct(b.share, 1)} of cost · ${formatCompact(b.requests)} calls · ${formatUsd(b.perRequest)} per call · ${formatChange(b.change)}`, 'Cost'];
                }} />
              <Bar dataKey="cost" name="Cost" fill={ax.series[4]} isAnimationActive={false} />
            </BarChart>
          </ChartFrame>
        );
      }}
    </ChartCard>
  );
}

/** Chart 3.8: input and output tokens over time, stacked, with the totals' change. */
export function TokenConsumption() {
  const { apiParams, filters } = useFilters();
  const query = useTokenUsage(apiParams);
  const ax = useAxisProps();
  const span = rangeSpanMs(filters);
  const d = query.data;
  return (
    <ChartCard title="Token Consumption: Input vs Output" number="3.8" query={query} height={H}
      subtitle={d ? `Input ${formatCompact(d.tokens_input.value)} (${formatChange(d.tokens_input.change)}), output ${formatCompact(d.tokens_output.value)} (${formatChange(d.tokens_output.change)}) ${d.tokens_input.change_label ?? ''}` : undefined}
      emptyReason={(u) => (toTokenSeries(u).hasTokens ? null : 'No tokens recorded in this range with these filters.')}>
      {(u) => {
        const s = toTokenSeries(u);
        return (
          <ChartFrame height={H}>
            <AreaChart data={s.rows} margin={{ top: 8, right: 16, bottom: 0, left: 8 }} accessibilityLayer aria-label="Input and output tokens over time">
              <CartesianGrid {...ax.grid} />
              <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} {...ax.axis} tickFormatter={(t: number) => formatTick(t, span)} />
              <YAxis {...ax.axis} tickFormatter={(v: number) => formatCompact(v)} width={52} />
              <Tooltip {...ax.tooltip} labelFormatter={(t) => formatDateTime(Number(t))} formatter={(v, n) => [`${formatCompact(Number(v))} tokens`, n]} />
              <Legend verticalAlign="top" />
              <Area dataKey="input" name="Input" stackId="tokens" stroke={ax.series[0]} fill={ax.series[0]} fillOpacity={0.35} isAnimationActive={false} />
              <Area dataKey="output" name={`Output (${formatPct(s.outputPct, 1)} of tokens)`} stackId="tokens" stroke={ax.series[2]} fill={ax.series[2]} fillOpacity={0.35} isAnimationActive={false} />
            </AreaChart>
          </ChartFrame>
        );
      }}
    </ChartCard>
  );
}
