interface SparklineProps {
  data: { timestamp: string; value: number | null }[];
  tone?: 'good' | 'bad' | 'neutral';
  label: string;
  width?: number;
  height?: number;
}

/** A tiny hand-drawn SVG line; gaps (null) break the line. */
export function Sparkline({ data, tone = 'neutral', label, width = 120, height = 28 }: SparklineProps) {
  const values = data.map((d) => d.value).filter((v): v is number => v !== null);
  if (values.length < 2) return null;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const step = width / Math.max(1, data.length - 1);
  const segments: string[] = [];
  let current = '';
  data.forEach((d, i) => {
    if (d.value === null) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    const x = (i * step).toFixed(1);
    const y = (height - 2 - ((d.value - min) / span) * (height - 4)).toFixed(1);
    current += `${current ? ' L' : 'M'}${x},${y}`;
  });
  if (current) segments.push(current);
  return (
    <svg className={`sparkline sparkline--${tone}`} width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      {segments.map((d) => (
        <path key={d} d={d} fill="none" strokeWidth={1.5} />
      ))}
    </svg>
  );
}
