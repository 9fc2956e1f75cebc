import type { ReactElement, ReactNode } from 'react';
import { ResponsiveContainer } from 'recharts';
import { useTheme } from './theme';

/** Recharts needs a sized parent: this gives every chart its fixed height (and a stable width in tests). */
export function ChartFrame({ height, children }: { height: number; children: ReactNode }) {
  return (
    <div style={{ width: '100%', height }}>
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 600, height }}>
        {children as ReactElement}
      </ResponsiveContainer>
    </div>
  );
}

export function useAxisProps() {
  const { palette } = useTheme();
  return {
    axis: { stroke: palette.axis, tick: { fill: palette.axis, fontSize: 11 }, tickLine: false },
    grid: { stroke: palette.grid, strokeDasharray: '3 3' },
    tooltip: {
      contentStyle: { background: palette.tooltipBg, border: `1px solid ${palette.grid}`, color: palette.text, fontSize: 12 },
      labelStyle: { color: palette.text },
    },
    series: palette.series,
  };
}
