import type { Span } from '../api';

export interface WaterfallRow {
  span: Span;
  depth: number;
  /** Offset from the first span's start and duration, in ms. */
  offsetMs: number;
  durationMs: number;
  /** Position in % of the trace's total duration. */
  leftPct: number;
  widthPct: number;
}

function startOf(span: Span): number {
  return Date.parse(span.started_at);
}

function durationOf(span: Span): number {
  if (span.latency_ms != null) return span.latency_ms;
  if (span.ended_at) return Math.max(0, Date.parse(span.ended_at) - startOf(span));
  return 0;
}

/** Orders spans depth-first under their parents (siblings by start) and places them on a shared time axis. */
export function toWaterfall(spans: Span[]): { rows: WaterfallRow[]; totalMs: number } {
  if (spans.length === 0) return { rows: [], totalMs: 0 };
  const t0 = Math.min(...spans.map(startOf));
  const end = Math.max(...spans.map((s) => startOf(s) + durationOf(s)));
  const totalMs = Math.max(1, end - t0);
  const ids = new Set(spans.map((s) => s.span_id));
  const children = new Map<string | null, Span[]>();
  for (const s of spans) {
    const parent = s.parent_span_id && ids.has(s.parent_span_id) ? s.parent_span_id : null;
    const list = children.get(parent) ?? [];
    list.push(s);
    children.set(parent, list);
  }
  children.forEach((list) => list.sort((a, b) => startOf(a) - startOf(b)));
  const rows: WaterfallRow[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null, depth: number) => {
    for (const span of children.get(parent) ?? []) {
      if (seen.has(span.span_id)) continue;
      seen.add(span.span_id);
      const offsetMs = startOf(span) - t0;
      const durationMs = durationOf(span);
      rows.push({ span, depth, offsetMs, durationMs, leftPct: (offsetMs / totalMs) * 100, widthPct: Math.max(0.5, (durationMs / totalMs) * 100) });
      visit(span.span_id, depth + 1);
    }
  };
  visit(null, 0);
  return { rows, totalMs };
}
