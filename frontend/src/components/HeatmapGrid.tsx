import { useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { truncateLabel } from '../lib/format';
import { useElementWidth } from './useElementWidth';
import './HeatmapGrid.css';

export interface HeatmapRow {
  key: string;
  label: string;
  sublabel?: string;
}

export interface HeatmapGridProps {
  ariaLabel: string;
  rows: HeatmapRow[];
  columns: string[];
  values: (number | null)[][];
  color: (value: number | null) => string;
  formatValue: (value: number | null) => string;
  formatColumn: (column: string) => string;
  onCellClick?: (rowIndex: number, columnIndex: number) => void;
  rowHeight?: number;
  labelWidth?: number;
  /** Makes each row label a link (e.g. to that row's detail page); the click goes to `onRowLabelClick`. */
  rowHref?: (rowIndex: number) => string;
  onRowLabelClick?: (rowIndex: number) => void;
  /**
   * HTML controls at the end of each row (e.g. the agent's actions), `rowActionsWidth` pixels wide.
   * Like the cells, only the current row's link and controls are in the tab order (`tabbable`), so
   * Tab does not walk through every row; the arrow keys change the current row.
   */
  rowActions?: (rowIndex: number, tabbable: boolean) => ReactNode;
  rowActionsWidth?: number;
}

const AXIS_HEIGHT = 22;

/**
 * A hand-rolled SVG heatmap (rows × columns). Keyboard: one cell is in the tab order, the arrow keys
 * move, Home/End jump along the row, Enter or Space opens the cell.
 */
export function HeatmapGrid({ ariaLabel, rows, columns, values, color, formatValue, formatColumn, onCellClick, rowHeight = 18, labelWidth = 200, rowHref, onRowLabelClick, rowActions, rowActionsWidth = 0 }: HeatmapGridProps) {
  const { ref, width } = useElementWidth<HTMLDivElement>();
  const [focus, setFocus] = useState<[number, number]>([0, 0]);
  const [hover, setHover] = useState<[number, number] | null>(null);
  const svgRef = useRef<SVGSVGElement>(null);

  const cols = Math.max(1, columns.length);
  const actionsW = rowActions ? rowActionsWidth : 0;
  const cellW = Math.max(4, (width - labelWidth - actionsW - 4) / cols);
  const svgWidth = labelWidth + cellW * cols + actionsW;
  const svgHeight = AXIS_HEIGHT + rows.length * rowHeight;
  const tickEvery = Math.max(1, Math.ceil(70 / cellW));

  function moveTo(r: number, c: number) {
    const nr = Math.min(rows.length - 1, Math.max(0, r));
    const nc = Math.min(cols - 1, Math.max(0, c));
    setFocus([nr, nc]);
    const el = svgRef.current?.querySelector<SVGRectElement>(`[data-cell="${nr}-${nc}"]`);
    el?.focus();
  }

  function onKeyDown(e: KeyboardEvent<SVGRectElement>, r: number, c: number) {
    const keys: Record<string, () => void> = {
      ArrowRight: () => moveTo(r, c + 1),
      ArrowLeft: () => moveTo(r, c - 1),
      ArrowDown: () => moveTo(r + 1, c),
      ArrowUp: () => moveTo(r - 1, c),
      Home: () => moveTo(r, 0),
      End: () => moveTo(r, cols - 1),
      Enter: () => onCellClick?.(r, c),
      ' ': () => onCellClick?.(r, c),
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  }

  const readout = hover ?? null;
  const readoutText = readout
    ? `${rows[readout[0]]?.label ?? ''} · ${formatColumn(columns[readout[1]] ?? '')} · ${formatValue(values[readout[0]]?.[readout[1]] ?? null)}`
    : 'Hover or focus a cell for details';

  return (
    <div ref={ref} className="heatmap">
      <p className="heatmap__readout" aria-live="polite">{readoutText}</p>
      <svg ref={svgRef} width={svgWidth} height={svgHeight} role="grid" aria-label={ariaLabel} className="heatmap__svg">
        <g aria-hidden="true">
          {columns.map((col, c) =>
            c % tickEvery === 0 ? (
              <text key={col} x={labelWidth + c * cellW} y={14} className="heatmap__tick">{formatColumn(col)}</text>
            ) : null,
          )}
        </g>
        {rows.map((row, r) => (
          <g key={row.key} role="row" transform={`translate(0, ${AXIS_HEIGHT + r * rowHeight})`}>
            <g role="rowheader">
              {rowHref ? (
                <a
                  href={rowHref(r)}
                  tabIndex={focus[0] === r ? 0 : -1}
                  className="heatmap__rowlink"
                  aria-label={row.sublabel ? `${row.label} — ${row.sublabel}` : row.label}
                  onClick={(e: MouseEvent) => {
                    if (!onRowLabelClick || e.metaKey || e.ctrlKey || e.shiftKey) return;
                    e.preventDefault();
                    onRowLabelClick(r);
                  }}
                >
                  {label(row, rowHeight)}
                </a>
              ) : (
                label(row, rowHeight)
              )}
            </g>
            {columns.map((col, c) => {
              const value = values[r]?.[c] ?? null;
              const focused = focus[0] === r && focus[1] === c;
              const label = `${row.label}, ${formatColumn(col)}: ${formatValue(value)}`;
              return (
                <rect
                  key={col}
                  data-cell={`${r}-${c}`}
                  data-testid="heatmap-cell"
                  data-value={value ?? ''}
                  role="gridcell"
                  aria-label={label}
                  tabIndex={focused ? 0 : -1}
                  x={labelWidth + c * cellW + 0.5}
                  y={0.5}
                  width={Math.max(1, cellW - 1)}
                  height={rowHeight - 1}
                  rx={2}
                  fill={color(value)}
                  className={`heatmap__cell${onCellClick && value !== null ? ' heatmap__cell--clickable' : ''}`}
                  onClick={() => onCellClick?.(r, c)}
                  onKeyDown={(e) => onKeyDown(e, r, c)}
                  onMouseEnter={() => setHover([r, c])}
                  onMouseLeave={() => setHover(null)}
                  onFocus={() => { setFocus([r, c]); setHover([r, c]); }}
                >
                  <title>{label}</title>
                </rect>
              );
            })}
            {rowActions && (
              <foreignObject role="gridcell" x={labelWidth + cellW * cols + 4} y={0} width={Math.max(0, actionsW - 4)} height={rowHeight}>
                <div className="heatmap__actions">{rowActions(r, focus[0] === r)}</div>
              </foreignObject>
            )}
          </g>
        ))}
      </svg>
    </div>
  );
}

function label(row: HeatmapRow, rowHeight: number) {
  return (
    <text x={0} y={rowHeight * 0.7} className="heatmap__label">
      <title>{row.sublabel ? `${row.label} — ${row.sublabel}` : row.label}</title>
      {truncateLabel(row.label, 28)}
    </text>
  );
}

export function Legend({ items }: { items: { label: string; color: string }[] }) {
  return (
    <ul className="legend" aria-label="Legend">
      {items.map((i) => (
        <li key={i.label}>
          <span className="legend__swatch" style={{ background: i.color }} aria-hidden="true" />
          {i.label}
        </li>
      ))}
    </ul>
  );
}
