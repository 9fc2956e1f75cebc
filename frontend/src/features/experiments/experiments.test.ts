import { describe, expect, it } from 'vitest';
import { portfolioSchema, resultsSchema } from './api';
import { formatLift, formatMetric, formatP } from './components/ExperimentCharts';
import { sampleSizeInput, wizardProblem, type WizardDraft } from './components/CreateWizard';

const draft: WizardDraft = {
  name: 'Shorter prompt', agentId: 'support-bot-1', metric: 'success_rate', treatmentName: 'Short', promptVersion: 'p2', model: '',
  split: '50', baseline: '0.95', mde: '2', sd: '', alpha: '0.05', power: '0.8',
};

describe('experiments wizard', () => {
  it('asks for what each step needs', () => {
    expect(wizardProblem(0, { ...draft, name: ' ' })).toMatch(/Name/);
    expect(wizardProblem(0, { ...draft, agentId: '' })).toMatch(/agent/);
    expect(wizardProblem(1, { ...draft, split: '100' })).toMatch(/share/);
    expect(wizardProblem(1, { ...draft, promptVersion: '', model: '' })).toMatch(/override/);
    expect(wizardProblem(2, { ...draft, mde: '0' })).toMatch(/detectable/);
    expect(wizardProblem(2, draft)).toBeNull();
  });

  it('builds the calculator input with a relative effect, and none for impossible rates', () => {
    expect(sampleSizeInput(draft)).toEqual({ metric: 'proportion', baseline: 0.95, minimum_detectable_effect: 0.02, relative: true, sd: undefined, alpha: 0.05, power: 0.8 });
    expect(sampleSizeInput({ ...draft, mde: '10' })).toBeNull(); // 0.95 × 1.1 > 1
    expect(sampleSizeInput({ ...draft, metric: 'latency_ms', baseline: '1200', sd: '' })).toBeNull();
    expect(sampleSizeInput({ ...draft, metric: 'latency_ms', baseline: '1200', sd: '400' })?.metric).toBe('mean');
  });

  it('formats metrics, p-values and lifts', () => {
    expect(formatMetric('success_rate', 0.9412)).toBe('94.12%');
    expect(formatMetric('latency_ms', 1234.4)).toBe('1234 ms');
    expect(formatP(0.0070112)).toBe('0.0070');
    expect(formatP(1.97e-9)).toBe('2.0e-9');
    expect(formatLift(-0.25)).toBe('-25.0 %');
    expect(formatLift(null)).toBe('—');
  });

  it('parses the server shapes strictly', () => {
    const row = {
      variant_id: 'v2', metric: 'success_rate', role: 'primary', computed_at: '2026-12-07T10:00:00Z', control_n: 2000, treatment_n: 2000,
      control_value: 0.9, treatment_value: 0.94, statistic: 4.7, p_value: 0.00001, p_adjusted: 0.00001, ci_low: 0.02, ci_high: 0.06,
      lift: 0.044, significant: true, harm: false, srm_p_value: 0.8, sequential: true,
    };
    const variants = [
      { variant_id: 'v1', key: 'control', name: 'Control', is_control: true, traffic_pct: 50, overrides: {} },
      { variant_id: 'v2', key: 'treatment', name: 'Short', is_control: false, traffic_pct: 50, overrides: { prompt_version: 'p2' } },
    ];
    const summary = {
      experiment_id: 'e1', name: 'Shorter prompt', agent_id: 'support-bot-1', status: 'running', primary_metric: 'success_rate', min_sample_size: 1000,
      decision: null, winner_variant_id: null, created_at: '2026-12-01T00:00:00Z', started_at: '2026-12-01T00:00:00Z', stopped_at: null,
      winner_declared_at: null, promoted_at: null, variants,
    };
    expect(() => portfolioSchema.parse({
      kpis: { running: 1, significant_this_period: 1, average_winner_lift: null, active_canaries: 0, projected_monthly_savings_usd: null },
      experiments: [{ ...summary, latest: row, srm_mismatch: false, sample_progress: [{ variant_key: 'control', n: 2000, target: 1000, pct: 100 }] }],
    })).not.toThrow();
    expect(() => resultsSchema.parse({
      experiment: summary, computed_at: '2026-12-07T10:00:00Z',
      primary: [{ ...row, variant_key: 'treatment', variant_name: 'Short', control_key: 'control' }], guardrails: [],
      srm: { p_value: 0.8, mismatch: false, threshold: 0.001 }, sample_progress: [],
      cumulative: [{ day: '2026-12-01T00:00:00Z', control: 0.9, control_n: 100, treatment: null, treatment_n: 0 }],
      readiness: { min_sample_reached: true, srm_ok: true, significant: true, guardrails_ok: true, can_declare: true },
    })).not.toThrow();
    expect(() => resultsSchema.parse({})).toThrow();
  });
});
