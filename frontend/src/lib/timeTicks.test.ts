import { describe, expect, it } from 'vitest';
import { timeTicks } from './timeTicks';

const at = (iso: string) => Date.parse(iso);

describe('timeTicks', () => {
  it('spreadsTicksOverThirtyDays_atWholeUtcDays_withinTheRange', () => {
    const ticks = timeTicks(at('2026-11-08T17:46:00Z'), at('2026-12-07T21:02:00Z'));
    expect(ticks.length).toBeGreaterThan(3);
    expect(ticks.length).toBeLessThanOrEqual(8);
    expect(ticks[0]! - at('2026-11-08T17:46:00Z')).toBeLessThan(ticks[1]! - ticks[0]!);
    for (const t of ticks) {
      expect(t % 86_400_000).toBe(0);
      expect(t).toBeGreaterThanOrEqual(at('2026-11-08T17:46:00Z'));
      expect(t).toBeLessThanOrEqual(at('2026-12-07T21:02:00Z'));
    }
  });

  it('usesHourStepsWithinADay', () => {
    const ticks = timeTicks(at('2026-12-07T00:30:00Z'), at('2026-12-07T23:30:00Z'));
    expect(ticks[0]).toBe(at('2026-12-07T03:00:00Z'));
    expect(ticks[1]! - ticks[0]!).toBe(3 * 3600_000);
  });

  it('givesTheOnlyInstantForOnePoint_andNothingForAnEmptyRange', () => {
    expect(timeTicks(5, 5)).toEqual([5]);
    expect(timeTicks(Infinity, -Infinity)).toEqual([]);
  });
});
