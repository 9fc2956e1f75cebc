import { useState, type FormEvent } from 'react';
import { Modal } from '../../../components';
import { PRICE_KINDS, useCatalog, type PriceDraft, type PriceKind, type WorkspacePrice } from './api';

const KIND_LABELS: Record<PriceKind, string> = {
  negotiated: 'Negotiated rate (overrides the catalog)',
  fine_tuned: 'Fine-tuned model',
  self_hosted: 'Self-hosted model',
  deployment: 'Azure deployment name (priced as a catalog model)',
};

const PRICE_FIELDS = [
  ['input_per_mtok', 'Input'],
  ['output_per_mtok', 'Output'],
  ['cached_input_per_mtok', 'Cached input (read)'],
  ['cache_write_per_mtok', 'Cache write'],
  ['reasoning_per_mtok', 'Reasoning output'],
] as const;
type PriceField = (typeof PRICE_FIELDS)[number][0];

/** The editor's fields as typed (prices as text until saved). */
export type PriceForm = Record<PriceField | 'model' | 'provider' | 'kind' | 'catalog_model' | 'note', string>;

function initial(price: WorkspacePrice | null, model: string): PriceForm {
  const v = (n: number | null | undefined) => (n == null ? '' : String(n));
  return {
    model: price?.model ?? model,
    provider: price?.provider ?? '',
    kind: price?.kind ?? 'negotiated',
    catalog_model: price?.catalog_model ?? '',
    input_per_mtok: v(price?.input_per_mtok),
    output_per_mtok: v(price?.output_per_mtok),
    cached_input_per_mtok: v(price?.cached_input_per_mtok),
    cache_write_per_mtok: v(price?.cache_write_per_mtok),
    reasoning_per_mtok: v(price?.reasoning_per_mtok),
    note: price?.note ?? '',
  };
}

/** What is wrong with the form, in words, or null. */
export function draftProblem(f: PriceForm): string | null {
  if (!f.model.trim()) return 'Give the model id as your agents send it.';
  if (f.kind === 'deployment') return f.catalog_model ? null : 'Pick the catalog model this deployment runs.';
  for (const [key, label] of PRICE_FIELDS) {
    const raw = f[key].trim();
    if (raw && (!/^\d+(\.\d+)?$/.test(raw) || Number(raw) >= 1_000_000)) return `${label}: a price in USD per 1M tokens, e.g. 2.5.`;
  }
  if (!f.input_per_mtok.trim() || !f.output_per_mtok.trim()) return 'Input and output prices are required.';
  return null;
}

export function toDraft(f: PriceForm): PriceDraft {
  const price = (key: PriceField) => (f.kind === 'deployment' || !f[key].trim() ? null : Number(f[key]));
  return {
    model: f.model.trim(),
    provider: f.provider.trim() || null,
    kind: f.kind as PriceKind,
    catalog_model: f.kind === 'deployment' ? f.catalog_model : null,
    input_per_mtok: price('input_per_mtok'),
    output_per_mtok: price('output_per_mtok'),
    cached_input_per_mtok: price('cached_input_per_mtok'),
    cache_write_per_mtok: price('cache_write_per_mtok'),
    reasoning_per_mtok: price('reasoning_per_mtok'),
    note: f.note.trim() || null,
  };
}

/** The price editor: add a price for a model (prefilled from the unpriced panel) or change one. */
export function PriceEditor({ price, model = '', pending, onSave, onClose }: {
  price: WorkspacePrice | null;
  model?: string;
  pending: boolean;
  onSave: (draft: PriceDraft) => void;
  onClose: () => void;
}) {
  const [form, setForm] = useState(() => initial(price, model));
  const catalog = useCatalog(form.kind === 'deployment');
  const problem = draftProblem(form);
  const set = (key: keyof PriceForm) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!problem) onSave(toDraft(form));
  };
  const catalogModels = [...new Set((catalog.data ?? []).map((c) => c.model))];
  return (
    <Modal title={price ? `Edit the price of ${price.model}` : 'Add a price'} onClose={onClose}>
      <form className="quality-form" onSubmit={submit} aria-label="Price editor">
        <label>Model id <input className="input" value={form.model} onChange={set('model')} placeholder="e.g. ft:gpt-4o-mini:acme" /></label>
        <label>Kind
          <select className="input" value={form.kind} onChange={set('kind')}>
            {PRICE_KINDS.map((k) => <option key={k} value={k}>{KIND_LABELS[k]}</option>)}
          </select>
        </label>
        <label>Provider (optional) <input className="input" value={form.provider} onChange={set('provider')} placeholder="e.g. azure" /></label>
        {form.kind === 'deployment' ? (
          <label>Catalog model
            <select className="input" value={form.catalog_model} onChange={set('catalog_model')}>
              <option value="">{catalog.isPending ? 'Loading the catalog…' : 'Choose…'}</option>
              {catalogModels.map((m) => <option key={m} value={m}>{m}</option>)}
            </select>
          </label>
        ) : (
          <fieldset>
            <legend>USD per 1M tokens (empty: the input or output price)</legend>
            {PRICE_FIELDS.map(([key, label]) => (
              <label key={key}>{label} <input className="input" inputMode="decimal" value={form[key]} onChange={set(key)} /></label>
            ))}
          </fieldset>
        )}
        <label>Note (optional) <input className="input" value={form.note} onChange={set('note')} placeholder="e.g. contract 2026-Q4" /></label>
        {problem && <p className="quality-form__problem" role="status">{problem}</p>}
        <div className="confirm__actions">
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn--primary" disabled={pending || problem != null}>{pending ? 'Saving…' : 'Save price'}</button>
        </div>
      </form>
    </Modal>
  );
}
