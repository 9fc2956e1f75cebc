-- A trace whose client sent no token counts takes its tokens and cost from its spans.
-- Spans may arrive before, with or after their trace and across batches, so processing
-- recomputes such a trace's totals from the spans table whenever its span count changes
-- (idempotent: a replayed span is not inserted twice, so it is not counted twice).
-- Traces that came with their own tokens keep them; span_count is always maintained.
ALTER TABLE traces ADD COLUMN totals_from_spans BOOLEAN NOT NULL DEFAULT FALSE;
