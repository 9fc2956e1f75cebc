import { useState, type FormEvent } from 'react';
import { savePostmortem, type PostmortemBody, type Postmortem } from '../api';
import { useIncidentAction } from '../useIncidentAction';
import { draftPostmortem, postmortemFields } from '../../insights';

type Item = PostmortemBody['action_items'][number];

/** The postmortem of an incident: summary, root cause, status and action items, saved as one audited action (Undo restores the previous version). */
export function PostmortemEditor({ incidentId, current, onDone }: { incidentId: string; current: Postmortem | null; onDone: () => void }) {
  const action = useIncidentAction();
  const [summary, setSummary] = useState(current?.summary ?? '');
  const [rootCause, setRootCause] = useState(current?.root_cause ?? '');
  const [status, setStatus] = useState<PostmortemBody['status']>(current?.status ?? 'draft');
  const [items, setItems] = useState<Item[]>(current?.action_items.map((it) => ({
    title: it.title, owner: it.owner, status: it.status === 'done' ? 'done' : 'open', due_date: it.due_date,
  })) ?? []);
  const [drafting, setDrafting] = useState(false);
  const [draftNote, setDraftNote] = useState<string | null>(null);
  /** Fills the fields from gemini-service's draft; nothing is saved until the user saves. Existing action items stay, the draft's are added. */
  const fillFromInsights = () => {
    setDrafting(true);
    setDraftNote(null);
    draftPostmortem(incidentId)
      .then((draft) => {
        const fields = postmortemFields(draft);
        setSummary(fields.summary);
        setRootCause(fields.rootCause);
        setItems((all) => [...all.filter((it) => it.title.trim() !== ''), ...fields.actionItems.map((title) => ({ title: title.slice(0, 300), owner: null, status: 'open' as const, due_date: null }))].slice(0, 50));
        setDraftNote(`Drafted by ${draft.provider === 'gemini' ? 'Gemini' : 'the offline writer'}${draft.fallback_reason ? ` (model not used: ${draft.fallback_reason})` : ''}. Review and edit it, then save.`);
      })
      .catch((e: unknown) => setDraftNote(`No draft: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => setDrafting(false));
  };
  const update = (i: number, patch: Partial<Item>) => setItems((all) => all.map((it, j) => (j === i ? { ...it, ...patch } : it)));
  const publishing = status === 'published';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: PostmortemBody = {
      summary: summary.trim() || null, root_cause: rootCause.trim() || null, status,
      action_items: items.filter((it) => it.title.trim() !== '').map((it) => ({ ...it, title: it.title.trim(), owner: it.owner?.trim() || null, due_date: it.due_date || null })),
    };
    void action.run({ done: publishing ? 'Postmortem published' : 'Postmortem saved', verb: 'save the postmortem', call: (key) => savePostmortem(incidentId, body, key) })
      .then((ok) => ok && onDone());
  };
  return (
    <form className="form" onSubmit={submit} aria-label="Postmortem editor">
      <h3>Postmortem</h3>
      <div className="toolbar">
        <button type="button" className="btn btn--small" disabled={drafting} onClick={fillFromInsights}>{drafting ? 'Drafting…' : 'Draft from insights'}</button>
        {draftNote && <span role="status" aria-label="Draft note" className="muted">{draftNote}</span>}
      </div>
      <label>Summary <textarea rows={3} value={summary} maxLength={20000} required={publishing} onChange={(e) => setSummary(e.target.value)} /></label>
      <label>Root cause <textarea rows={3} value={rootCause} maxLength={20000} required={publishing} onChange={(e) => setRootCause(e.target.value)} /></label>
      <label>Status <select value={status} onChange={(e) => setStatus(e.target.value as PostmortemBody['status'])}>
        <option value="draft">Draft</option><option value="in_review">In review</option><option value="published">Published</option></select></label>
      <fieldset>
        <legend>Action items</legend>
        {items.map((it, i) => (
          <div className="toolbar" key={i}>
            <input aria-label={`Action item ${i + 1}`} value={it.title} maxLength={300} placeholder="what will be done" onChange={(e) => update(i, { title: e.target.value })} />
            <input aria-label={`Owner of item ${i + 1}`} value={it.owner ?? ''} maxLength={255} placeholder="owner" onChange={(e) => update(i, { owner: e.target.value })} />
            <input aria-label={`Due date of item ${i + 1}`} type="date" value={it.due_date ?? ''} onChange={(e) => update(i, { due_date: e.target.value || null })} />
            <label><input type="checkbox" checked={it.status === 'done'} onChange={(e) => update(i, { status: e.target.checked ? 'done' : 'open' })} /> done</label>
            <button type="button" className="btn btn--small" onClick={() => setItems((all) => all.filter((_, j) => j !== i))}>Remove</button>
          </div>
        ))}
        {items.length < 50 && <button type="button" className="btn btn--small" onClick={() => setItems((all) => [...all, { title: '', owner: null, status: 'open', due_date: null }])}>Add action item</button>}
      </fieldset>
      <div className="toolbar">
        <button type="submit" className="btn btn--primary" disabled={action.pending}>{action.pending ? 'Saving…' : publishing ? 'Publish' : 'Save'}</button>
        <button type="button" className="btn" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}
