/** Number formatting for people: 1.2k, $1,234.56, 1.2 s, +12.5 %. Locale fixed to en-US for stable output. */
const LOCALE = 'en-US';

const compactFmt = new Intl.NumberFormat(LOCALE, { notation: 'compact', maximumFractionDigits: 1 });
const intFmt = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const usdFmt = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const usdSmallFmt = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: 'USD', minimumFractionDigits: 4, maximumFractionDigits: 4 });

export const DASH = '—';

function missing(value: number | null | undefined): value is null | undefined {
  return value === null || value === undefined || Number.isNaN(value);
}

/** 950 → "950", 1234 → "1.2K", 2_500_000 → "2.5M". */
export function formatCompact(value: number | null | undefined): string {
  if (missing(value)) return DASH;
  if (Math.abs(value) < 1000) return intFmt.format(value);
  return compactFmt.format(value);
}

export function formatInteger(value: number | null | undefined): string {
  return missing(value) ? DASH : intFmt.format(value);
}

/** $1,234.56; amounts under one cent keep four decimals ($0.0042) so per-request costs stay readable. */
export function formatUsd(value: number | null | undefined): string {
  if (missing(value)) return DASH;
  if (value !== 0 && Math.abs(value) < 0.01) return usdSmallFmt.format(value);
  return usdFmt.format(value);
}

/** A money axis tick that fits a 72-80 px axis: $950.00 and $9,500.00 in full, $12K and $80M from $10,000 up. */
export function formatUsdTick(value: number | null | undefined): string {
  if (missing(value)) return DASH;
  if (Math.abs(value) < 10_000) return formatUsd(value);
  return `${value < 0 ? '-' : ''}$${compactFmt.format(Math.abs(value))}`;
}

/** A category label cut to at most `max` characters for axes that clip or wrap long names. The ellipsis goes in
 *  the middle: names like engineering-documentation-bot-3 and -bot-11 differ at the end. */
export function truncateLabel(label: string, max: number): string {
  if (label.length <= max) return label;
  const tail = Math.min(10, Math.floor((max - 1) / 2));
  return `${label.slice(0, max - 1 - tail)}…${label.slice(label.length - tail)}`;
}

/** Milliseconds for people: 850 ms, 1.2 s, 2.5 min. */
export function formatDuration(ms: number | null | undefined): string {
  if (missing(ms)) return DASH;
  if (Math.abs(ms) < 1000) return `${Math.round(ms)} ms`;
  if (Math.abs(ms) < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

/** A 0–100 percentage: 2.34 → "2.34%", 87.25 → "87.3%". */
export function formatPct(value: number | null | undefined, digits?: number): string {
  if (missing(value)) return DASH;
  const d = digits ?? (Math.abs(value) < 10 ? 2 : 1);
  return `${value.toFixed(d)}%`;
}

/** Signed change with one decimal: +12.5%, −8.3%, 0.0%. */
export function formatChange(change: number | null | undefined): string {
  if (missing(change)) return DASH;
  const rounded = Math.round(change * 10) / 10;
  if (rounded === 0) return '0.0%';
  return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded).toFixed(1)}%`;
}

export function formatScore(value: number | null | undefined): string {
  return missing(value) ? DASH : value.toFixed(1);
}

/** The browser's IANA time zone and its current offset, shown next to every time axis. */
export function timeZoneLabel(date: Date = new Date()): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const offsetMin = -date.getTimezoneOffset();
  const sign = offsetMin >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMin);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${zone} (UTC${sign}${hh}:${mm})`;
}

const dateTimeFmt = new Intl.DateTimeFormat(LOCALE, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
const timeFmt = new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit', hour12: false });
const dayFmt = new Intl.DateTimeFormat(LOCALE, { month: 'short', day: 'numeric' });
const fullFmt = new Intl.DateTimeFormat(LOCALE, {
  year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});

function toDate(iso: string | number | Date): Date {
  return iso instanceof Date ? iso : new Date(iso);
}

export function formatDateTime(iso: string | number | Date): string {
  return dateTimeFmt.format(toDate(iso));
}

export function formatFullDateTime(iso: string | number | Date): string {
  return fullFmt.format(toDate(iso));
}

/** An axis tick whose precision follows the span of the series: times within a day, dates beyond. */
export function formatTick(iso: string | number, spanMs: number): string {
  const d = toDate(iso);
  if (spanMs <= 36 * 3600_000) return timeFmt.format(d);
  if (spanMs <= 8 * 86400_000) return dateTimeFmt.format(d);
  return dayFmt.format(d);
}

export function humanize(code: string | null | undefined): string {
  if (!code) return DASH;
  return code.replace(/[_-]+/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
}
