/** Sequential scale for magnitude heatmaps (0 → pale, 1 → deep indigo); null → the "no data" colour. */
export function sequentialColor(t: number | null): string {
  if (t === null || Number.isNaN(t)) return 'var(--no-data)';
  const x = Math.max(0, Math.min(1, t));
  const lightness = 92 - x * 58;
  return `hsl(235 70% ${lightness.toFixed(1)}%)`;
}

/** Latency scale against a threshold: green under it, amber up to 2×, red beyond. */
export function latencyColor(ms: number | null, thresholdMs = 2000): string {
  if (ms === null || Number.isNaN(ms)) return 'var(--no-data)';
  if (ms <= thresholdMs * 0.5) return '#16a34a';
  if (ms <= thresholdMs) return '#84cc16';
  if (ms <= thresholdMs * 1.5) return '#eab308';
  if (ms <= thresholdMs * 2) return '#f97316';
  return '#dc2626';
}
