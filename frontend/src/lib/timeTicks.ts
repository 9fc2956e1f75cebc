const HOUR = 3600_000;
const STEPS = [HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, 24 * HOUR, 2 * 24 * HOUR, 7 * 24 * HOUR, 14 * 24 * HOUR, 28 * 24 * HOUR];

/**
 * Tick instants (epoch ms) for a time axis from `min` to `max`: multiples of the smallest step in whole hours
 * or days (UTC) that gives at most `maxTicks` ticks. Charts whose x axis recharts cannot tick by itself
 * (a scatter chart on a time scale draws a single tick) pass these as `ticks`.
 */
export function timeTicks(min: number, max: number, maxTicks = 8): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) return [];
  if (max === min) return [min];
  const step = STEPS.find((s) => (max - min) / s <= maxTicks) ?? STEPS[STEPS.length - 1]!;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max; t += step) ticks.push(t);
  return ticks;
}
