import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import { ChartCard, ChartFrame, useAxisProps } from '../../../components';
import { formatInteger, formatPct, formatScore, formatUsd, humanize } from '../../../lib/format';
import { useFilters } from '../../filters';
import { useByIntent, useByRubric, useVersusCost, type CriterionScore, type QualityCost } from '../api';

const H = 240;

/** Rows of 5.3: one per rubric, a column per criterion key (criteria differ between rubrics). */
export function criteriaRows(list: CriterionScore[]): { rows: Record<string, string | number | null>[]; keys: { key: string; label: string }[] } {
  const rows = new Map<string, Record<string, string | number | null>>();
  const keys = new Map<string, string>();
  for (const c of list) {
    const row = rows.get(c.rubric_id) ?? { name: c.rubric_name };
    row[c.criterion] = c.avg_score;
    rows.set(c.rubric_id, row);
    keys.set(c.criterion, c.criterion_name ?? humanize(c.criterion));
  }
  return { rows: [...rows.values()], keys: [...keys.entries()].map(([key, label]) => ({ key, label })) };
}

/** 5.3: average automated score of every criterion of every rubric scored in range. */
export function ScoresByCriterion() {
  const { apiParams } = useFilters();
  const query = useByRubric(apiParams);
  const ax = useAxisProps();
  return (
    <ChartCard title="Scores by Rubric Criterion" number="5.3" query={query} height={H}
      subtitle="Average criterion score (0–100) per rubric; the weakest criterion is where to improve."
      emptyReason={(d) => (d.length === 0 ? 'No criterion scores for these filters.' : null)}>
      {(d) => {
        const { rows, keys } = criteriaRows(d);
        return (
          <ChartFrame height={H}>
            <BarChart data={rows} layout="vertical" margin={{ left: 8, right: 16 }}>
              <CartesianGrid {...ax.grid} />
              <XAxis type="number" domain={[0, 100]} {...ax.axis} />
              <YAxis type="category" dataKey="name" width={96} {...ax.axis} />
              <Tooltip {...ax.tooltip} />
              <Legend />
              {keys.map((k, i) => <Bar key={k.key} dataKey={k.key} name={k.label} fill={ax.series[i % ax.series.length]} />)}
            </BarChart>
          </ChartFrame>
        );
      }}
    </ChartCard>
  );
}

/** Points of 5.5: agents with requests (cost per request needs a denominator). */
export function costPoints(list: QualityCost[]) {
  return list
    .filter((a) => a.avg_score !== null && a.cost_per_request_usd !== null)
    .map((a) => ({ x: a.cost_per_request_usd as number, y: a.avg_score as number, agent: a.agent_id, department: a.department ?? '' }));
}

/** 5.5: each agent's average score against its cost per request; top-left is cheap and good. */
export function QualityVersusCost() {
  const { apiParams } = useFilters();
  const query = useVersusCost(apiParams);
  const ax = useAxisProps();
  return (
    <ChartCard title="Quality vs Cost" number="5.5" query={query} height={H}
      subtitle="Per agent: average score against USD per request. The line is the SLO (80)."
      emptyReason={(d) => (costPoints(d).length === 0 ? 'No agent has both scores and requests in this range.' : null)}>
      {(d) => {
        const points = costPoints(d);
        const departments = [...new Set(points.map((p) => p.department))].sort();
        return (
          <ChartFrame height={H}>
            <ScatterChart margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
              <CartesianGrid {...ax.grid} />
              <XAxis dataKey="x" type="number" name="USD / request" {...ax.axis} tickFormatter={(v: number) => formatUsd(v)} />
              <YAxis dataKey="y" type="number" name="Avg score" domain={[50, 100]} {...ax.axis} />
              <ZAxis range={[50, 50]} />
              <ReferenceLine y={80} stroke={ax.series[3]} strokeDasharray="4 4" />
              <Tooltip {...ax.tooltip} cursor={{ strokeDasharray: '3 3' }}
                formatter={(v: unknown, name: unknown) => (name === 'USD / request' ? formatUsd(Number(v)) : formatScore(Number(v)))} />
              <Legend />
              {departments.map((dep, i) => (
                <Scatter key={dep} name={humanize(dep || 'unassigned')} data={points.filter((p) => p.department === dep)} fill={ax.series[i % ax.series.length]} />
              ))}
            </ScatterChart>
          </ChartFrame>
        );
      }}
    </ChartCard>
  );
}

/** 5.6: the ten intents with the lowest average score (at least 5 scores each). */
export function LowestIntents() {
  const { apiParams } = useFilters();
  const query = useByIntent(apiParams);
  return (
    <ChartCard title="Lowest-scoring Intents" number="5.6" query={query} height={H}
      subtitle="Intents by average automated score, lowest first (5 scores or more)."
      emptyReason={(d) => (d.length === 0 ? 'No intent has 5 scores in this range.' : null)}>
      {(d) => (
        <table className="table table--compact" data-testid="intent-table">
          <thead><tr><th scope="col">Intent</th><th scope="col">Avg</th><th scope="col">Pass</th><th scope="col">Scored</th></tr></thead>
          <tbody>
            {d.map((r) => (
              <tr key={r.intent}><th scope="row">{r.intent ? humanize(r.intent) : 'Unclassified'}</th><td className="num">{formatScore(r.avg_score)}</td><td className="num">{formatPct(r.pass_rate_pct)}</td><td className="num">{formatInteger(r.count)}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </ChartCard>
  );
}
