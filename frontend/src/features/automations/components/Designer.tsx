import { useState, type FormEvent } from 'react';
import { Modal } from '../../../components';
import { ON_FAILURE, TRIGGERS, createPlaybook, updatePlaybook, useActionTypes, type PlaybookDefinition, type PlaybookStep } from '../api';
import { emptyDefinition, moveStep, newStep, parseParams } from '../lib/mapping';
import { useAutomationAction } from '../useAutomationAction';

interface StepDraft extends PlaybookStep {
  paramsText: string;
}

const toDraft = (s: PlaybookStep): StepDraft => ({ ...s, paramsText: JSON.stringify(s.params, null, 0) });

/**
 * The form-based playbook designer: trigger, CEL condition, limits, and the ordered step list
 * (reordered with the up/down buttons). Saving is `playbook.create` or `playbook.update` (a new version),
 * both with Undo; the server validates again and names the field it refuses.
 */
export function PlaybookDesigner({ playbookId, initial, onClose }: { playbookId?: string; initial?: PlaybookDefinition; onClose: () => void }) {
  const action = useAutomationAction('admin');
  const types = useActionTypes();
  const start = initial ?? emptyDefinition();
  const [name, setName] = useState(start.name);
  const [description, setDescription] = useState(start.description ?? '');
  const [trigger, setTrigger] = useState<PlaybookDefinition['trigger_type']>(start.trigger_type);
  const [config, setConfig] = useState<Record<string, string>>(Object.fromEntries(Object.entries(start.trigger_config).map(([k, v]) => [k, String(v)])));
  const [condition, setCondition] = useState(start.condition ?? '');
  const [cooldown, setCooldown] = useState(String(start.cooldown_seconds));
  const [maxConcurrent, setMaxConcurrent] = useState(String(start.max_concurrent));
  const [approvalTimeout, setApprovalTimeout] = useState(String(start.approval_timeout_seconds));
  const [steps, setSteps] = useState<StepDraft[]>(start.steps.map(toDraft));
  const [problem, setProblem] = useState<string | null>(null);

  const setStep = (i: number, patch: Partial<StepDraft>) => setSteps((list) => list.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const cfg = (key: string) => config[key] ?? '';
  const setCfg = (key: string, value: string) => setConfig((c) => ({ ...c, [key]: value }));

  const triggerConfig = (): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    if (trigger === 'schedule') out.cron = cfg('cron');
    if (trigger === 'alert' || trigger === 'slo_breach') {
      if (cfg('severity')) out.severity = cfg('severity');
      if (cfg('rule_id')) out.rule_id = cfg('rule_id');
      if (cfg('agent_id')) out.agent_id = cfg('agent_id');
    }
    if (trigger === 'metric_threshold') {
      out.metric = cfg('metric') || 'error_rate';
      out.op = cfg('op') || '>';
      out.threshold = Number(cfg('threshold') || 0);
      out.window_minutes = Number(cfg('window_minutes') || 5);
      if (cfg('agent_id')) out.agent_id = cfg('agent_id');
    }
    return out;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = steps.map((s) => parseParams(s.paramsText));
    const bad = parsed.findIndex((p) => p === null);
    if (bad >= 0) {
      setProblem(`Step ${bad + 1}: params must be a JSON object, e.g. {"agent_id": "support-bot"}`);
      return;
    }
    setProblem(null);
    const body: PlaybookDefinition = {
      name, description: description || null, trigger_type: trigger, trigger_config: triggerConfig(), condition: condition || null,
      steps: steps.map(({ paramsText: _, ...s }, i) => ({ ...s, params: parsed[i]! })),
      cooldown_seconds: Number(cooldown), max_concurrent: Number(maxConcurrent), approval_timeout_seconds: Number(approvalTimeout),
    };
    void action.run({
      done: playbookId ? `Playbook "${name}" saved as a new version` : `Playbook "${name}" created`,
      verb: playbookId ? 'save the playbook' : 'create the playbook',
      call: (key) => (playbookId ? updatePlaybook(playbookId, body, key) : createPlaybook(body, key)),
    }).then((ok) => ok && onClose());
  };

  const typeList = types.data?.map((t) => t.action_type) ?? steps.map((s) => s.action_type);
  return (
    <Modal title={playbookId ? `Edit playbook: ${start.name}` : 'New playbook'} onClose={onClose} wide>
      <form className="form automations-designer" onSubmit={submit} aria-label="Playbook designer">
        <label>Name <input required value={name} onChange={(e) => setName(e.target.value)} maxLength={200} /></label>
        <label>Description <input value={description} onChange={(e) => setDescription(e.target.value)} maxLength={2000} /></label>
        <label>Trigger <select value={trigger} onChange={(e) => setTrigger(e.target.value as PlaybookDefinition['trigger_type'])}>
          {TRIGGERS.map((t) => <option key={t} value={t}>{t}</option>)}</select></label>
        {trigger === 'schedule' && <label>Cron (6 fields, UTC) <input required value={cfg('cron')} placeholder="0 0 2 * * *" onChange={(e) => setCfg('cron', e.target.value)} /></label>}
        {(trigger === 'alert' || trigger === 'slo_breach') && (
          <>
            <label>At least severity <select value={cfg('severity')} onChange={(e) => setCfg('severity', e.target.value)}>
              <option value="">any</option>{['sev1', 'sev2', 'sev3', 'sev4'].map((s) => <option key={s}>{s}</option>)}</select></label>
            <label>Only rule id (optional) <input value={cfg('rule_id')} onChange={(e) => setCfg('rule_id', e.target.value)} /></label>
            <label>Only agent (optional) <input value={cfg('agent_id')} onChange={(e) => setCfg('agent_id', e.target.value)} /></label>
          </>
        )}
        {trigger === 'metric_threshold' && (
          <>
            <label>Metric <select value={cfg('metric') || 'error_rate'} onChange={(e) => setCfg('metric', e.target.value)}>
              {['error_rate', 'avg_latency_ms', 'cost_usd', 'request_count'].map((m) => <option key={m}>{m}</option>)}</select></label>
            <label>Comparator <select value={cfg('op') || '>'} onChange={(e) => setCfg('op', e.target.value)}><option>{'>'}</option><option>{'<'}</option></select></label>
            <label>Threshold <input type="number" step="any" required value={cfg('threshold')} onChange={(e) => setCfg('threshold', e.target.value)} /></label>
            <label>Window (minutes) <input type="number" min={1} max={1440} value={cfg('window_minutes') || '5'} onChange={(e) => setCfg('window_minutes', e.target.value)} /></label>
            <label>Agent (optional) <input value={cfg('agent_id')} onChange={(e) => setCfg('agent_id', e.target.value)} /></label>
          </>
        )}
        <label>Condition (CEL over <code>event</code>, optional) <input value={condition} placeholder="event.severity == 'sev1'" onChange={(e) => setCondition(e.target.value)} /></label>
        <label>Cooldown (s) <input type="number" min={0} value={cooldown} onChange={(e) => setCooldown(e.target.value)} /></label>
        <label>Max concurrent runs <input type="number" min={1} max={100} value={maxConcurrent} onChange={(e) => setMaxConcurrent(e.target.value)} /></label>
        <label>Approval timeout (s) <input type="number" min={1} value={approvalTimeout} onChange={(e) => setApprovalTimeout(e.target.value)} /></label>

        <fieldset className="automations-steps">
          <legend>Steps (run in order)</legend>
          <ol>
            {steps.map((s, i) => (
              <li key={i} className="automations-step" data-step-index={i}>
                <label>Action <select aria-label={`Step ${i + 1} action`} value={s.action_type} onChange={(e) => setStep(i, { action_type: e.target.value })}>
                  {[...new Set([...typeList, s.action_type])].map((t) => <option key={t} value={t}>{t}</option>)}</select></label>
                <label>Params (JSON) <input aria-label={`Step ${i + 1} params`} value={s.paramsText} onChange={(e) => setStep(i, { paramsText: e.target.value })} /></label>
                <label>Timeout (s) <input type="number" min={1} max={3600} value={s.timeout_s} onChange={(e) => setStep(i, { timeout_s: Number(e.target.value) })} /></label>
                <label>On failure <select value={s.on_failure} onChange={(e) => setStep(i, { on_failure: e.target.value as PlaybookStep['on_failure'] })}>
                  {ON_FAILURE.map((f) => <option key={f}>{f}</option>)}</select></label>
                <label><input type="checkbox" checked={s.requires_approval} onChange={(e) => setStep(i, { requires_approval: e.target.checked })} /> needs approval</label>
                <label><input type="checkbox" checked={s.enabled} onChange={(e) => setStep(i, { enabled: e.target.checked })} /> enabled</label>
                <span className="toolbar">
                  <button type="button" className="btn btn--small" aria-label={`Move step ${i + 1} up`} disabled={i === 0} onClick={() => setSteps((l) => moveStep(l, i, -1))}>↑</button>
                  <button type="button" className="btn btn--small" aria-label={`Move step ${i + 1} down`} disabled={i === steps.length - 1} onClick={() => setSteps((l) => moveStep(l, i, 1))}>↓</button>
                  <button type="button" className="btn btn--small" aria-label={`Remove step ${i + 1}`} disabled={steps.length === 1} onClick={() => setSteps((l) => l.filter((_, j) => j !== i))}>Remove</button>
                </span>
              </li>
            ))}
          </ol>
          <button type="button" className="btn btn--small" disabled={steps.length >= 20} onClick={() => setSteps((l) => [...l, toDraft(newStep(typeList[0]))])}>Add step</button>
        </fieldset>
        {problem && <p role="alert" className="form__error">{problem}</p>}
        <div className="toolbar">
          <button type="submit" className="btn btn--primary" disabled={action.pending || !action.allowed} title={action.allowed ? undefined : 'Designing playbooks needs the admin role.'}>
            {action.pending ? 'Saving…' : playbookId ? 'Save new version' : 'Create playbook'}</button>
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
        </div>
      </form>
    </Modal>
  );
}
