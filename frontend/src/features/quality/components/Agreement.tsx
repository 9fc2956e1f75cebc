import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCard, ChartFrame, useAxisProps } from '../../../components';
import { formatInteger, formatPct, humanize } from '../../../lib/format';
import { useFilters } from '../../filters';
import { useAgreement, type EvaluatorAgreement } from '../api';

const H = 240;

/** Landis & Koch's words for a kappa: what a reader needs next to the number. */
export function kappaWords(kappa: number | null): string {
  if (kappa === null) return 'undefined';
  if (kappa < 0) return 'worse than chance';
  if (kappa <= 0.2) return 'slight';
  if (kappa <= 0.4) return 'fair';
  if (kappa <= 0.6) return 'moderate';
  if (kappa <= 0.8) return 'substantial';
  return 'almost perfect';
}

const fmt3 = (v: number | null) => (v === null ? '—' : v.toFixed(3));
const label = (r: EvaluatorAgreement) => `${r.rubric_name} · ${humanize(r.evaluator)}`;

/** 5.7: human reviews vs the automated evaluator on the same traces: Cohen's κ (pass/fail) and Pearson r (scores). */
export function EvaluatorAgreementChart() {
  const { apiParams } = useFilters();
  const query = useAgreement(apiParams);
  const ax = useAxisProps();
  return (
    <ChartCard title="Evaluator Agreement" number="5.7" className="card--wide" query={query} height={H}
      subtitle="Reviewed traces: Cohen's κ of pass/fail verdicts and Pearson r of scores, human vs automated evaluator."
      emptyReason={(d) => (d.length === 0 ? 'No reviewed trace in this range also has an automated score.' : null)}>
      {(d) => (
        <div className="quality-agreement">
          <ChartFrame height={H - 90}>
            <BarChart data={d.map((r) => ({ name: label(r), kappa: r.kappa, pearson: r.pearson }))}>
              <CartesianGrid {...ax.grid} />
              <XAxis dataKey="name" {...ax.axis} />
              <YAxis domain={[-1, 1]} {...ax.axis} />
              <Tooltip {...ax.tooltip} />
              <Legend />
              <Bar dataKey="kappa" name="Cohen's κ" fill={ax.series[0]} />
              <Bar dataKey="pearson" name="Pearson r" fill={ax.series[1]} />
            </BarChart>
          </ChartFrame>
          <table className="table table--compact" data-testid="agreement-table">
            <thead><tr><th scope="col">Rubric · evaluator</th><th scope="col">Pairs</th><th scope="col">κ</th><th scope="col">r</th><th scope="col">Same verdict</th><th scope="col">Mean |Δ|</th></tr></thead>
            <tbody>
              {d.map((r) => (
                <tr key={`${r.rubric_id}-${r.evaluator}`}>
                  <th scope="row">{label(r)}</th>
                  <td className="num">{formatInteger(r.pairs)}</td>
                  <td className="num" title={kappaWords(r.kappa)}>{fmt3(r.kappa)} ({kappaWords(r.kappa)})</td>
                  <td className="num">{fmt3(r.pearson)}</td>
                  <td className="num">{formatPct(r.agreement_pct)}</td>
                  <td className="num">{r.mean_abs_diff === null ? '—' : r.mean_abs_diff.toFixed(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ChartCard>
  );
}
