import { useState } from 'react';
import { ChartCard, ConfirmDialog } from '../../../components';
import { formatDateTime, formatScore } from '../../../lib/format';
import { useReviewQueue, type QueueItem } from '../api';
import { useQualityAction, useQualityRoles } from '../useQualityAction';
import { TraceScoresModal } from './QualityCharts';

const LABELS = ['correct', 'partially_correct', 'incorrect', 'harmful', 'off_topic'] as const;

interface Draft {
  item: QueueItem;
  score: number;
  label: string;
}

/**
 * The human review queue, keyboard first: Tab to a row's score, type 0–100, Enter opens the
 * confirmation (Tab to its confirm button, Enter). Progress per reviewer above the list.
 */
export function ReviewQueuePanel() {
  const query = useReviewQueue();
  const { canReview } = useQualityRoles();
  const action = useQualityAction();
  const [scores, setScores] = useState<Record<string, string>>({});
  const [labels, setLabels] = useState<Record<string, string>>({});
  const [confirm, setConfirm] = useState<Draft | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  function ask(item: QueueItem) {
    const value = Number(scores[item.id]);
    if (scores[item.id] === undefined || scores[item.id] === '' || !(value >= 0 && value <= 100)) return;
    setConfirm({ item, score: value, label: labels[item.id] ?? '' });
  }

  return (
    <>
      <ChartCard title="Review Queue" className="card--wide" query={query} height={200}
        subtitle={query.data ? `${query.data.backlog} open · ${query.data.progress.map((p) => `${p.assignee}: ${p.done} done, ${p.open} open`).join(' · ')}` : 'Traces waiting for a human score.'}
        emptyReason={(d) => (d.items.length === 0 ? 'Nothing to review: low-scoring traces are queued here for a human score.' : null)}>
        {(d) => (
          <table className="table table--compact" aria-label="Review queue">
            <thead><tr><th scope="col">Trace</th><th scope="col">Agent</th><th scope="col">Rubric</th><th scope="col">Auto score</th><th scope="col">Output</th><th scope="col">Assignee</th><th scope="col">Your score</th><th scope="col">Label</th><th scope="col" /></tr></thead>
            <tbody>
              {d.items.map((item) => (
                <tr key={item.id} data-testid="review-row">
                  <td><button type="button" className="btn btn--link" onClick={() => setOpen(item.trace_id)}>{item.trace_id}</button><br /><small>{formatDateTime(item.trace_timestamp)}</small></td>
                  <td>{item.agent_id}</td>
                  <td>{item.rubric_name}</td>
                  <td className="num">{formatScore(item.automated_score)}</td>
                  <td className="quality-preview">{item.output_preview ?? '—'}</td>
                  <td>{item.assignee ?? 'unassigned'}</td>
                  <td>
                    <input type="number" min={0} max={100} className="input quality-score" aria-label={`Score for ${item.trace_id}`}
                      disabled={!canReview} value={scores[item.id] ?? ''}
                      onChange={(e) => setScores({ ...scores, [item.id]: e.target.value })}
                      onKeyDown={(e) => {
                        if (e.key !== 'Enter') return;
                        // the dialog moves focus to its Cancel button at once: without this the same key
                        // press would go on to activate it
                        e.preventDefault();
                        ask(item);
                      }} />
                  </td>
                  <td>
                    <select className="input" aria-label={`Label for ${item.trace_id}`} disabled={!canReview} value={labels[item.id] ?? ''}
                      onChange={(e) => setLabels({ ...labels, [item.id]: e.target.value })}>
                      <option value="">—</option>
                      {LABELS.map((l) => <option key={l} value={l}>{l.replace('_', ' ')}</option>)}
                    </select>
                  </td>
                  <td><button type="button" className="btn btn--small" disabled={!canReview || !scores[item.id]} onClick={() => ask(item)}
                    title={canReview ? undefined : 'Reviewing needs the analyst role or higher.'}>Submit</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ChartCard>
      <ConfirmDialog open={confirm !== null} title={confirm ? `Score ${confirm.item.trace_id} ${confirm.score}?` : ''}
        confirmLabel="Submit review" pendingLabel="Submitting…" pending={action.pending === 'submit_review'}
        onCancel={() => setConfirm(null)}
        onConfirm={async () => {
          if (!confirm) return;
          const ok = await action.run({ kind: 'submit_review', traceId: confirm.item.trace_id, rubricId: confirm.item.rubric_id, score: confirm.score, label: confirm.label || undefined });
          if (ok) setScores(({ [confirm.item.id]: _done, ...rest }) => rest);
          setConfirm(null);
        }}>
        A human score of {confirm?.score} {confirm?.label ? `(${confirm.label.replace('_', ' ')}) ` : ''}is recorded against {confirm?.item.rubric_name} and the item leaves the queue.
        It is kept out of the automated average and shown beside it; an operator can undo it.
      </ConfirmDialog>
      {open && <TraceScoresModal traceId={open} onClose={() => setOpen(null)} />}
    </>
  );
}
