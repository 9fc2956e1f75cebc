import { useState } from 'react';
import { ConfirmDialog, Modal } from '../../../components';
import { formatInteger, humanize } from '../../../lib/format';
import { useFilterOptions } from '../../filters';
import { useSampleSize, type NewExperiment, type SampleSizeInput } from '../api';
import { useExperimentAction } from '../useExperimentAction';

const METRICS = [
  { value: 'success_rate', label: 'Success rate', kind: 'proportion', baseline: '0.95' },
  { value: 'error_rate', label: 'Error rate', kind: 'proportion', baseline: '0.05' },
  { value: 'quality_score', label: 'Quality score', kind: 'mean', baseline: '80' },
  { value: 'latency_ms', label: 'Mean latency (ms)', kind: 'mean', baseline: '1200' },
  { value: 'cost_usd', label: 'Cost per request (USD)', kind: 'mean', baseline: '0.01' },
] as const;

export interface WizardDraft {
  name: string;
  agentId: string;
  metric: string;
  treatmentName: string;
  promptVersion: string;
  model: string;
  split: string;
  baseline: string;
  mde: string;
  sd: string;
  alpha: string;
  power: string;
}

/** Why a wizard step cannot go on yet, or null (the server checks the same). */
export function wizardProblem(step: number, d: WizardDraft): string | null {
  if (step === 0) {
    if (!d.name.trim()) return 'Name the experiment.';
    if (!d.agentId) return 'Choose the agent whose traffic is split.';
  }
  if (step === 1) {
    const split = Number(d.split);
    if (!(split > 0 && split < 100)) return 'The treatment share is between 0 and 100 %.';
    if (!d.promptVersion.trim() && !d.model.trim()) return 'Give the treatment at least one override (prompt version or model).';
  }
  if (step === 2) {
    if (!(Number(d.mde) !== 0 && Number.isFinite(Number(d.mde)))) return 'The minimum detectable effect is a non-zero relative change, e.g. 5 for +5 %.';
    if (!(Number(d.alpha) > 0 && Number(d.alpha) < 0.5)) return 'Alpha is between 0 and 0.5.';
    if (!(Number(d.power) > 0 && Number(d.power) < 1)) return 'Power is between 0 and 1.';
  }
  return null;
}

/** The calculator's input for a draft (relative MDE in percent), or null while it is incomplete. */
export function sampleSizeInput(d: WizardDraft): SampleSizeInput | null {
  const metric = METRICS.find((m) => m.value === d.metric)!;
  const baseline = Number(d.baseline);
  const mde = Number(d.mde) / 100;
  if (!Number.isFinite(baseline) || !Number.isFinite(mde) || mde === 0) return null;
  if (metric.kind === 'proportion' && !(baseline > 0 && baseline < 1 && baseline * (1 + mde) > 0 && baseline * (1 + mde) < 1)) return null;
  if (metric.kind === 'mean' && !(Number(d.sd) > 0)) return null;
  return {
    metric: metric.kind, baseline, minimum_detectable_effect: mde, relative: true,
    sd: metric.kind === 'mean' ? Number(d.sd) : undefined, alpha: Number(d.alpha), power: Number(d.power),
  };
}

/** The create wizard: what and where, the variants and split, then the sample size from the calculator. */
export function CreateWizard({ onClose }: { onClose: () => void }) {
  const action = useExperimentAction();
  const { agents } = useFilterOptions();
  const [step, setStep] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [d, setD] = useState<WizardDraft>({
    name: '', agentId: '', metric: 'success_rate', treatmentName: 'Treatment', promptVersion: '', model: '', split: '50',
    baseline: '0.95', mde: '2', sd: '', alpha: '0.05', power: '0.8',
  });
  const set = (patch: Partial<WizardDraft>) => setD({ ...d, ...patch });
  const problem = wizardProblem(step, d);
  const input = step === 2 ? sampleSizeInput(d) : null;
  const size = useSampleSize(input);
  const metric = METRICS.find((m) => m.value === d.metric)!;
  const overrides: Record<string, string> = {};
  if (d.promptVersion.trim()) overrides.prompt_version = d.promptVersion.trim();
  if (d.model.trim()) overrides.model = d.model.trim();
  const experiment: NewExperiment = {
    name: d.name.trim(), hypothesis: '', agent_id: d.agentId, primary_metric: d.metric,
    min_sample_size: size.data ? Number(size.data.per_arm) : 1000, mde: size.data ? Number(size.data.absolute_effect) : null, sequential: true,
    variants: [
      { key: 'control', name: 'Control', is_control: true, traffic_pct: 100 - Number(d.split), overrides: {} },
      { key: 'treatment', name: d.treatmentName.trim() || 'Treatment', is_control: false, traffic_pct: Number(d.split), overrides },
    ],
  };
  return (
    <Modal title="New experiment" onClose={onClose} wide>
      <div className="exp-steps" aria-label="Wizard steps">
        {['Experiment', 'Variants', 'Sample size'].map((s, i) => <span key={s} aria-current={i === step ? 'step' : undefined}>{i + 1}. {s}</span>)}
      </div>
      <form className="exp-form" onSubmit={(e) => { e.preventDefault(); if (problem) return; if (step < 2) setStep(step + 1); else setConfirming(true); }}>
        {step === 0 && (
          <>
            <label>Name <input className="input" name="name" value={d.name} onChange={(e) => set({ name: e.target.value })} /></label>
            <label>Agent
              <select className="input" name="agent" value={d.agentId} onChange={(e) => set({ agentId: e.target.value })}>
                <option value="">Choose…</option>
                {(agents.data ?? []).map((a) => <option key={a.value} value={a.value}>{a.label}</option>)}
              </select>
            </label>
            <label>Primary metric
              <select className="input" name="metric" value={d.metric}
                onChange={(e) => set({ metric: e.target.value, baseline: METRICS.find((m) => m.value === e.target.value)!.baseline })}>
                {METRICS.map((m) => <option key={m.value} value={m.value}>{m.label}</option>)}
              </select>
            </label>
          </>
        )}
        {step === 1 && (
          <>
            <p className="muted">The control keeps the agent's configuration; the treatment applies these overrides.</p>
            <label>Treatment name <input className="input" name="treatment" value={d.treatmentName} onChange={(e) => set({ treatmentName: e.target.value })} /></label>
            <label>Prompt version <input className="input" name="prompt_version" value={d.promptVersion} onChange={(e) => set({ promptVersion: e.target.value })} /></label>
            <label>Model <input className="input" name="model" value={d.model} onChange={(e) => set({ model: e.target.value })} /></label>
            <label>Treatment share % <input className="input" name="split" type="number" min={1} max={99} value={d.split} onChange={(e) => set({ split: e.target.value })} /></label>
          </>
        )}
        {step === 2 && (
          <>
            <div className="exp-form__row">
              <label>Baseline {metric.kind === 'proportion' ? '(rate 0–1)' : '(mean)'} <input className="input" name="baseline" value={d.baseline} onChange={(e) => set({ baseline: e.target.value })} /></label>
              <label>Minimum detectable effect (relative %) <input className="input" name="mde" value={d.mde} onChange={(e) => set({ mde: e.target.value })} /></label>
              {metric.kind === 'mean' && <label>Standard deviation <input className="input" name="sd" value={d.sd} onChange={(e) => set({ sd: e.target.value })} /></label>}
              <label>Alpha <input className="input" name="alpha" value={d.alpha} onChange={(e) => set({ alpha: e.target.value })} /></label>
              <label>Power <input className="input" name="power" value={d.power} onChange={(e) => set({ power: e.target.value })} /></label>
            </div>
            <p role="status" data-testid="sample-size">
              {input === null ? 'Fill in the baseline, effect and (for means) the standard deviation.'
                : size.isLoading ? 'Computing…'
                  : size.data ? `${formatInteger(Number(size.data.per_arm))} units per arm (${formatInteger(Number(size.data.total))} in total) to detect ${humanize(d.metric)} ${Number(d.mde) > 0 ? '+' : ''}${d.mde} % with power ${d.power} at α ${d.alpha}. This becomes the minimum sample: no winner before it.`
                    : size.error ? String(size.error.message) : ''}
            </p>
          </>
        )}
        {problem && <p className="exp-form__problem" role="status">{problem}</p>}
        <div className="confirm__actions">
          <button type="button" className="btn" onClick={step === 0 ? onClose : () => setStep(step - 1)}>{step === 0 ? 'Cancel' : 'Back'}</button>
          <button type="submit" className="btn btn--primary" disabled={problem !== null || (step === 2 && !size.data)}>{step < 2 ? 'Next' : 'Create…'}</button>
        </div>
      </form>
      <ConfirmDialog open={confirming} title={`Create experiment "${experiment.name}"?`} confirmLabel="Create experiment" pendingLabel="Creating…"
        pending={action.pending === 'create'} onCancel={() => setConfirming(false)}
        onConfirm={async () => {
          const ok = await action.run({ kind: 'create', experiment });
          setConfirming(false);
          if (ok) onClose();
        }}>
        A draft on {experiment.agent_id}: {100 - Number(d.split)} % control, {d.split} % {experiment.variants[1]!.name}, minimum {formatInteger(experiment.min_sample_size)} per arm,
        always-valid (sequential) p-values. Start it from the portfolio. Recorded in the audit trail; undo deletes it.
      </ConfirmDialog>
    </Modal>
  );
}
