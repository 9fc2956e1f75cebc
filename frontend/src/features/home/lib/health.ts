/** Fleet health bands (as fleet/health-heatmap returns them) with fixed colours, the same on every chart. */
export interface HealthBand {
  key: 'healthy' | 'degraded' | 'unhealthy' | 'critical';
  label: string;
  min: number;
  max: number;
  color: string;
}

export const HEALTH_BANDS: HealthBand[] = [
  { key: 'healthy', label: 'Healthy (100)', min: 100, max: 100, color: '#16a34a' },
  { key: 'degraded', label: 'Degraded (70–99)', min: 70, max: 99, color: '#eab308' },
  { key: 'unhealthy', label: 'Unhealthy (40–69)', min: 40, max: 69, color: '#f97316' },
  { key: 'critical', label: 'Critical (0–39)', min: 0, max: 39, color: '#dc2626' },
];

export const NO_DATA_COLOR = 'var(--no-data)';

export function healthBand(score: number | null): HealthBand | null {
  if (score === null || Number.isNaN(score)) return null;
  if (score >= 100) return HEALTH_BANDS[0]!;
  if (score >= 70) return HEALTH_BANDS[1]!;
  if (score >= 40) return HEALTH_BANDS[2]!;
  return HEALTH_BANDS[3]!;
}

export function healthColor(score: number | null): string {
  return healthBand(score)?.color ?? NO_DATA_COLOR;
}

/** Bucket width used by the API for each preset: 1h→5 min, 24h→1 h, 7d→6 h, 30d/90d→1 day. */
const BUCKET_MS: Record<string, number> = { '1h': 300_000, '24h': 3_600_000, '7d': 21_600_000, '30d': 86_400_000, '90d': 86_400_000 };

export function bucketWidthMs(buckets: string[], range: string, bucketSeconds?: number | null): number {
  if (bucketSeconds) return bucketSeconds * 1000;
  if (buckets.length >= 2) {
    const w = Date.parse(buckets[1]!) - Date.parse(buckets[0]!);
    if (w > 0) return w;
  }
  return BUCKET_MS[range] ?? 3_600_000;
}

/** [start, end) of one bucket as ISO strings. */
export function bucketBounds(buckets: string[], index: number, widthMs: number): { from: string; to: string } {
  const start = Date.parse(buckets[index]!);
  return { from: new Date(start).toISOString(), to: new Date(start + widthMs).toISOString() };
}

/** The trace explorer URL for one heatmap cell: that agent's traces in that bucket. */
export function cellTracesUrl(agentId: string, bounds: { from: string; to: string }): string {
  const search = new URLSearchParams({ range: 'custom', from: bounds.from, to: bounds.to, agent_id: agentId });
  return `/traces?${search.toString()}`;
}
