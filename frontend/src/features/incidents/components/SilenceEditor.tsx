import { useState, type FormEvent } from 'react';
import { Modal } from '../../../components';
import { useFilters } from '../../filters';
import { createSilence, useFiringAlerts, useRules } from '../api';
import { MATCHER_KEYS, silenceCovers, type MatcherKey } from '../lib/mapping';
import { useIncidentAction } from '../useIncidentAction';

const DURATIONS = [{ minutes: 30, label: '30 minutes' }, { minutes: 60, label: '1 hour' }, { minutes: 240, label: '4 hours' },
  { minutes: 1440, label: '1 day' }, { minutes: 10080, label: '1 week' }];

interface Row { key: MatcherKey; value: string }

/**
 * A silence by matchers (every one must equal the alert's label), for a duration, with a comment.
 * Shows how many of the active alerts it would silence now; alerts keep firing and still reach the
 * automation stream, only channel notifications stop.
 */
export function SilenceEditor({ onClose }: { onClose: () => void }) {
  const action = useIncidentAction();
  const { apiParams } = useFilters();
  const active = useFiringAlerts(apiParams);
  const rules = useRules();
  const [rows, setRows] = useState<Row[]>([{ key: 'agent_id', value: '' }]);
  const [minutes, setMinutes] = useState(60);
  const [comment, setComment] = useState('');
  const matchers = Object.fromEntries(rows.filter((r) => r.value.trim() !== '').map((r) => [r.key, r.value.trim()])) as Partial<Record<MatcherKey, string>>;
  const matched = (active.data ?? []).filter((a) => silenceCovers(matchers, a));
  const usedKeys = new Set(rows.map((r) => r.key));
  const update = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch, ...(patch.key ? { value: '' } : {}) } : r)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run({
      done: `Silenced for ${DURATIONS.find((d) => d.minutes === minutes)?.label ?? `${minutes} min`}`, verb: 'create the silence',
      call: (key) => createSilence({ matchers: matchers as Record<string, string>, duration_minutes: minutes, comment: comment || undefined }, key),
    }).then((ok) => ok && onClose());
  };
  return (
    <Modal title="New silence" onClose={onClose}>
      <form className="form" onSubmit={submit} aria-label="Silence editor">
        <fieldset>
          <legend>Matchers (all must hold)</legend>
          {rows.map((r, i) => (
            <div className="toolbar" key={`${r.key}-${i}`}>
              <select aria-label={`Matcher ${i + 1} label`} value={r.key} onChange={(e) => update(i, { key: e.target.value as MatcherKey })}>
                {MATCHER_KEYS.filter((k) => k === r.key || !usedKeys.has(k)).map((k) => <option key={k} value={k}>{k}</option>)}
              </select>
              {r.key === 'rule_id' ? (
                <select aria-label={`Matcher ${i + 1} value`} value={r.value} onChange={(e) => update(i, { value: e.target.value })}>
                  <option value="">choose a rule</option>
                  {(rules.data ?? []).map((rule) => <option key={rule.rule_id} value={rule.rule_id}>{rule.name}</option>)}
                </select>
              ) : r.key === 'severity' ? (
                <select aria-label={`Matcher ${i + 1} value`} value={r.value} onChange={(e) => update(i, { value: e.target.value })}>
                  <option value="">choose</option>{['sev1', 'sev2', 'sev3', 'sev4'].map((s) => <option key={s}>{s}</option>)}
                </select>
              ) : (
                <input aria-label={`Matcher ${i + 1} value`} value={r.value} maxLength={255} placeholder={r.key === 'agent_id' ? 'e.g. hr-assistant' : ''}
                  onChange={(e) => update(i, { value: e.target.value })} />
              )}
              {rows.length > 1 && <button type="button" className="btn btn--small" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}>Remove</button>}
            </div>
          ))}
          {rows.length < MATCHER_KEYS.length && (
            <button type="button" className="btn btn--small" onClick={() => setRows((rs) => [...rs, { key: MATCHER_KEYS.find((k) => !usedKeys.has(k))!, value: '' }])}>Add matcher</button>
          )}
        </fieldset>
        <label>Duration <select value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
          {DURATIONS.map((d) => <option key={d.minutes} value={d.minutes}>{d.label}</option>)}</select></label>
        <label>Comment <input value={comment} maxLength={500} placeholder="why (maintenance, known issue…)" onChange={(e) => setComment(e.target.value)} /></label>
        <p className="card__subtitle" data-testid="silence-matches">
          {Object.keys(matchers).length === 0 ? 'Add at least one matcher.'
            : `Silences ${matched.length} of the ${(active.data ?? []).length} active alerts now, and any later alert it matches until it ends.`}
        </p>
        <div className="toolbar"><button type="submit" className="btn btn--primary" disabled={action.pending || Object.keys(matchers).length === 0}>{action.pending ? 'Silencing…' : 'Create silence'}</button>
          <button type="button" className="btn" onClick={onClose}>Cancel</button></div>
      </form>
    </Modal>
  );
}
