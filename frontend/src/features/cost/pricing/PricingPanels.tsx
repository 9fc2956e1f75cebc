import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ChartCard, ConfirmDialog } from '../../../components';
import { formatCompact, formatDateTime, formatUsd } from '../../../lib/format';
import { rangeSpanMs, useFilters } from '../../filters';
import { invalidatePricing, usePrices, useRecompute, useUnpricedModels, type PriceDraft, type Recompute, type WorkspacePrice } from './api';
import { PriceEditor } from './PriceEditor';
import { usePricingAction, usePricingRoles } from './usePricingAction';

/** The window a recompute covers: the filter bar's range, ending now. */
export function recomputeWindow(filters: { timeRange: string; from?: string; to?: string }, span: number, now = Date.now()) {
  if (filters.timeRange === 'custom' && filters.from && filters.to) return { from: filters.from, to: filters.to };
  const to = Math.ceil(now / 60_000) * 60_000;
  return { from: new Date(to - span).toISOString(), to: new Date(to).toISOString() };
}

/** Editor state: closed, a new price (optionally for a model), or an existing one. */
type Editing = { price: WorkspacePrice | null; model: string } | null;

function usePriceEditor() {
  const action = usePricingAction();
  const [editing, setEditing] = useState<Editing>(null);
  const save = async (draft: PriceDraft) => {
    const record = await action.run(editing?.price
      ? { kind: 'update_price', priceId: editing.price.price_id, price: draft }
      : { kind: 'create_price', price: draft });
    if (record) setEditing(null);
  };
  const editor = editing && (
    <PriceEditor price={editing.price} model={editing.model}
      pending={action.pending === 'create_price' || action.pending === 'update_price'}
      onSave={(d) => void save(d)} onClose={() => setEditing(null)} />
  );
  return { action, editor, open: (price: WorkspacePrice | null, model = '') => setEditing({ price, model }) };
}

/** Progress of a recompute: a bar with processed of total, then its outcome. */
export function RecomputeProgress({ run }: { run: Recompute }) {
  const pct = Math.round(run.progress * 100);
  const label = run.status === 'done'
    ? `Recomputed ${run.model}: ${run.changed_traces} traces re-priced, ${formatUsd(run.cost_before_usd)} → ${formatUsd(run.cost_after_usd)}`
    : run.status === 'failed' ? `Recompute of ${run.model} failed: ${run.error ?? 'unknown error'}`
      : run.status === 'rolled_back' ? `Recompute of ${run.model} was undone`
        : `Recomputing ${run.model}: ${run.processed_traces} of ${run.total_traces} traces`;
  return (
    <div className="pricing-progress" data-status={run.status}>
      <progress max={100} value={pct} aria-label={`Recompute progress of ${run.model}`}>{pct}%</progress>
      <span role="status">{label}</span>
    </div>
  );
}

/** Cost tab: traffic whose cost is unknown (no price matched its model), with "add a price" and "recompute". */
export function UnpricedTraffic() {
  const { apiParams, filters } = useFilters();
  const query = useUnpricedModels(apiParams);
  const { canManage } = usePricingRoles();
  const { action, editor, open } = usePriceEditor();
  const [confirm, setConfirm] = useState<string | null>(null);
  const [runId, setRunId] = useState<string | null>(null);
  const run = useRecompute(runId);
  const client = useQueryClient();
  const finished = run.data && !['queued', 'running'].includes(run.data.status) ? run.data.status : null;
  // a recompute ends after its action returned: refresh the tab's costs when it does
  useEffect(() => {
    if (finished) void invalidatePricing(client);
  }, [finished, client]);
  const window = recomputeWindow(filters, rangeSpanMs(filters));
  const recompute = async (model: string) => {
    const record = await action.run({ kind: 'recompute', model, from: window.from, to: window.to, scope: 'unknown' });
    setConfirm(null);
    const id = (record?.result as { recompute_id?: string } | null | undefined)?.recompute_id;
    if (id) setRunId(id);
  };
  return (
    <>
    <ChartCard title="Unpriced Traffic" query={query} height={160} className="card--wide"
      subtitle={<>Requests whose model has no price: their cost is unknown and left out of every total until a price exists.
        {run.data && <RecomputeProgress run={run.data} />}</>}
      emptyReason={(rows) => (rows.length === 0 ? 'Every request in this range has a cost.' : null)}>
      {(rows) => (
        <>
          <div className="table-wrap">
            <table className="table table--compact" aria-label="Unpriced traffic by model">
              <thead>
                <tr><th scope="col">Model</th><th scope="col">Provider</th><th scope="col" className="num">Requests</th><th scope="col" className="num">Input tokens</th><th scope="col" className="num">Output tokens</th><th scope="col">Last seen</th><th scope="col"><span className="sr-only">Actions</span></th></tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.model ?? '(none)'} data-model={r.model ?? ''}>
                    <td>{r.model ?? <span className="muted">no model named</span>}</td>
                    <td>{r.provider ?? '—'}</td>
                    <td className="num">{formatCompact(r.requests)}</td>
                    <td className="num">{formatCompact(r.tokens_input)}</td>
                    <td className="num">{formatCompact(r.tokens_output)}</td>
                    <td>{formatDateTime(r.last_seen)}</td>
                    <td>
                      {r.model && canManage && (
                        <>
                          <button type="button" className="btn btn--link" onClick={() => open(null, r.model!)}>Add a price</button>{' '}
                          <button type="button" className="btn btn--small" disabled={action.pending === 'recompute'} onClick={() => setConfirm(r.model)}>Recompute</button>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {!canManage && <p className="muted">An admin can add a price for these models.</p>}
        </>
      )}
    </ChartCard>
    {editor}
    <ConfirmDialog open={confirm != null} title={`Recompute the cost of ${confirm ?? ''}?`} confirmLabel="Recompute" pendingLabel="Queuing…"
      pending={action.pending === 'recompute'} onConfirm={() => void recompute(confirm!)} onCancel={() => setConfirm(null)}>
      Re-prices this model's requests without a cost from {formatDateTime(window.from)} to {formatDateTime(window.to)} with the
      current prices, then rebuilds the hourly and daily totals. Undo restores the previous costs.
    </ConfirmDialog>
    </>
  );
}

function price(v: number | null) {
  return v == null ? '—' : `$${v}`;
}

/** Cost tab: the workspace's own prices (list, add, edit, delete with confirm and undo). */
export function WorkspacePrices() {
  const query = usePrices();
  const { canManage } = usePricingRoles();
  const { action, editor, open } = usePriceEditor();
  const [deleting, setDeleting] = useState<WorkspacePrice | null>(null);
  const remove = async (p: WorkspacePrice) => {
    await action.run({ kind: 'delete_price', priceId: p.price_id });
    setDeleting(null);
  };
  return (
    <>
    <ChartCard title="Workspace Prices" query={query} height={120} className="card--wide"
      subtitle="Your own prices (USD per 1M tokens) win over the platform catalog: negotiated rates, fine-tuned and self-hosted models, Azure deployment names."
      actions={canManage ? <button type="button" className="btn btn--small btn--primary" onClick={() => open(null)}>Add a price</button> : undefined}
      emptyReason={(rows) => (rows.length === 0 ? 'No workspace prices: every model is priced from the platform catalog.' : null)}>
      {(rows) => (
          <div className="table-wrap">
            <table className="table table--compact" aria-label="Workspace prices">
              <thead>
                <tr><th scope="col">Model</th><th scope="col">Kind</th><th scope="col">Provider</th><th scope="col" className="num">Input</th><th scope="col" className="num">Output</th><th scope="col" className="num">Cached input</th><th scope="col" className="num">Cache write</th><th scope="col" className="num">Reasoning</th><th scope="col">From</th><th scope="col"><span className="sr-only">Actions</span></th></tr>
              </thead>
              <tbody>
                {rows.map((p) => (
                  <tr key={p.price_id}>
                    <td>{p.model}{p.note && <div className="muted">{p.note}</div>}</td>
                    <td>{p.kind === 'deployment' ? `deployment of ${p.catalog_model}` : p.kind.replace('_', '-')}</td>
                    <td>{p.provider ?? '—'}</td>
                    <td className="num">{price(p.input_per_mtok)}</td>
                    <td className="num">{price(p.output_per_mtok)}</td>
                    <td className="num">{price(p.cached_input_per_mtok)}</td>
                    <td className="num">{price(p.cache_write_per_mtok)}</td>
                    <td className="num">{price(p.reasoning_per_mtok)}</td>
                    <td>{formatDateTime(p.effective_from)}</td>
                    <td>
                      {canManage && (
                        <>
                          <button type="button" className="btn btn--small" onClick={() => open(p)}>Edit</button>{' '}
                          <button type="button" className="btn btn--small btn--danger" onClick={() => setDeleting(p)}>Delete</button>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
      )}
    </ChartCard>
    {editor}
    <ConfirmDialog open={deleting != null} title={`Delete the price of ${deleting?.model ?? ''}?`} confirmLabel="Delete" pendingLabel="Deleting…"
      tone="danger" pending={action.pending === 'delete_price'} onConfirm={() => void remove(deleting!)} onCancel={() => setDeleting(null)}>
      New requests for this model are priced from the catalog again (or stay unknown). Costs already stored keep their price until a
      recompute. Undo brings the price back.
    </ConfirmDialog>
    </>
  );
}
