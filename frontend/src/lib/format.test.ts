import { describe, expect, it } from 'vitest';
import { formatChange, formatCompact, formatDuration, formatPct, formatUsd, formatUsdTick, timeZoneLabel, truncateLabel } from './format';

describe('format', () => {
  it('formatsCounts_compactly', () => {
    expect(formatCompact(950)).toBe('950');
    expect(formatCompact(1234)).toBe('1.2K');
    expect(formatCompact(2_500_000)).toBe('2.5M');
    expect(formatCompact(null)).toBe('—');
  });
  it('formatsMoney', () => {
    expect(formatUsd(1234.56)).toBe('$1,234.56');
    expect(formatUsd(0.0042)).toBe('$0.0042');
    expect(formatUsd(0)).toBe('$0.00');
  });
  it('formatsDurations', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(150_000)).toBe('2.5 min');
  });
  it('formatsPercentagesAndChanges', () => {
    expect(formatPct(2.345)).toBe('2.35%');
    expect(formatPct(87.25)).toBe('87.3%');
    expect(formatChange(12.5)).toBe('+12.5%');
    expect(formatChange(-8.34)).toBe('−8.3%');
  });
  it('namesTheTimeZone', () => {
    expect(timeZoneLabel()).toMatch(/\(UTC[+-]\d\d:\d\d\)$/);
  });

  it('formatUsdTick_keepsSmallAmountsInFull_andShortensLargeOnes', () => {
    expect(formatUsdTick(0)).toBe('$0.00');
    expect(formatUsdTick(9_500)).toBe('$9,500.00');
    expect(formatUsdTick(12_000)).toBe('$12K');
    expect(formatUsdTick(80_000_000)).toBe('$80M');
    expect(formatUsdTick(-1_500_000)).toBe('-$1.5M');
    expect(formatUsdTick(null)).toBe('—');
  });

  it('truncateLabel_cutsLongNamesInTheMiddle_keepingTheEndThatTellsThemApart', () => {
    expect(truncateLabel('sales-lead-qualifier-1', 24)).toBe('sales-lead-qualifier-1');
    const a = truncateLabel('engineering-documentation-bot-11', 24);
    const b = truncateLabel('engineering-documentation-bot-3', 24);
    expect(a).toBe('engineering-d…ion-bot-11');
    expect(a).toHaveLength(24);
    expect(b).toHaveLength(24);
    expect(a).not.toBe(b);
    expect(truncateLabel('Engineering documentation bot 11', 22)).toBe('Engineering…ion bot 11');
  });
});
