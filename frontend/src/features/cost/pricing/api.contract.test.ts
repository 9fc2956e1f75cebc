import { describe, expect, it } from 'vitest';
import { QUERY, expectCovers, expectStrict } from '../../../test/javaRecords';
import { catalogEntrySchema, recomputeSchema, unpricedModelSchema, workspacePriceSchema } from './api';
import { draftProblem, toDraft, type PriceForm } from './PriceEditor';
import { recomputeWindow } from './PricingPanels';

const PRICING = 'processing-service/src/main/java/com/agentobs/processing/pricing/';

describe('pricing schemas are strict and cover the service records', () => {
  it('covers workspace prices, the catalog, recomputes and unpriced traffic', () => {
    expectCovers(workspacePriceSchema, `${PRICING}WorkspacePrice.java`, 'WorkspacePrice');
    expectCovers(catalogEntrySchema, `${PRICING}PricesController.java`, 'CatalogEntry');
    expectCovers(recomputeSchema, `${PRICING}Recompute.java`, 'Recompute');
    expectCovers(unpricedModelSchema, `${QUERY}cost/UnpricedTrafficController.java`, 'UnpricedModel');
    [workspacePriceSchema, catalogEntrySchema, recomputeSchema, unpricedModelSchema].forEach(expectStrict);
  });
});

const form = (over: Partial<PriceForm>): PriceForm => ({
  model: 'acme-ft', provider: '', kind: 'fine_tuned', catalog_model: '', input_per_mtok: '3', output_per_mtok: '12',
  cached_input_per_mtok: '', cache_write_per_mtok: '', reasoning_per_mtok: '', note: '', ...over,
});

describe('price editor', () => {
  it('says what is missing or malformed, else sends prices as numbers and empty kinds as null', () => {
    expect(draftProblem(form({ model: ' ' }))).toMatch(/model id/);
    expect(draftProblem(form({ input_per_mtok: 'abc' }))).toMatch(/^Input: /);
    expect(draftProblem(form({ output_per_mtok: '' }))).toMatch(/required/);
    expect(draftProblem(form({ kind: 'deployment' }))).toMatch(/catalog model/);
    expect(draftProblem(form({}))).toBeNull();
    expect(toDraft(form({ cached_input_per_mtok: '1.5', provider: ' acme ' }))).toMatchObject({
      model: 'acme-ft', provider: 'acme', kind: 'fine_tuned', catalog_model: null, input_per_mtok: 3, output_per_mtok: 12,
      cached_input_per_mtok: 1.5, cache_write_per_mtok: null,
    });
    expect(toDraft(form({ kind: 'deployment', catalog_model: 'gpt-4o' }))).toMatchObject({ catalog_model: 'gpt-4o', input_per_mtok: null });
  });

  it('recomputes the filter range, ending at the next whole minute, or the custom window', () => {
    const now = Date.parse('2026-12-07T10:00:30Z');
    expect(recomputeWindow({ timeRange: '24h' }, 86_400_000, now)).toEqual({ from: '2026-12-06T10:01:00.000Z', to: '2026-12-07T10:01:00.000Z' });
    expect(recomputeWindow({ timeRange: 'custom', from: 'a', to: 'b' }, 1, now)).toEqual({ from: 'a', to: 'b' });
  });
});
