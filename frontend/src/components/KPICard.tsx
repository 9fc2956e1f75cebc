import { useId, useState } from 'react';
import { formatChange } from '../lib/format';
import { Sparkline } from './Sparkline';

export interface KPICardProps {
  title: string;
  value: string | number;
  /** % change vs the previous period; null/undefined when there is nothing to compare with. */
  change?: number | null;
  changeLabel?: string | null;
  /** 'inverse' for metrics where a rise is bad (latency, cost, errors). */
  trend?: 'normal' | 'inverse';
  sparklineData?: { timestamp: string; value: number | null }[];
  onClick?: () => void;
  departmentBreakdown?: { dept: string; value: string | number }[];
  /** A line under the value, e.g. "P50 987 ms · P99 3.5 s". */
  detail?: string;
}

type Direction = 'up' | 'down' | 'flat';

export function changeDirection(change: number | null | undefined): Direction | null {
  if (change === null || change === undefined || Number.isNaN(change)) return null;
  const rounded = Math.round(change * 10) / 10;
  if (rounded > 0) return 'up';
  if (rounded < 0) return 'down';
  return 'flat';
}

/** Good when a normal metric rises or an inverse one falls. */
export function changeTone(direction: Direction | null, trend: 'normal' | 'inverse'): 'good' | 'bad' | 'neutral' {
  if (!direction || direction === 'flat') return 'neutral';
  const rising = direction === 'up';
  return rising === (trend === 'normal') ? 'good' : 'bad';
}

const ARROWS: Record<Direction, string> = { up: '▲', down: '▼', flat: '■' };

export function KPICard({ title, value, change, changeLabel, trend = 'normal', sparklineData, onClick, departmentBreakdown, detail }: KPICardProps) {
  const [open, setOpen] = useState(false);
  const breakdownId = useId();
  const direction = changeDirection(change);
  const tone = changeTone(direction, trend);
  const hasBreakdown = Boolean(departmentBreakdown && departmentBreakdown.length > 0);

  const body = (
    <>
      <span className="kpi__title">{title}</span>
      <span className="kpi__value" data-testid="kpi-value">{value}</span>
      {detail && <span className="kpi__detail">{detail}</span>}
      <span className={`kpi__change kpi__change--${tone}`} data-testid="kpi-change" data-tone={tone}>
        {direction ? (
          <>
            <span aria-hidden="true">{ARROWS[direction]} </span>
            {formatChange(change)}
            {changeLabel && <span className="kpi__change-label"> {changeLabel}</span>}
          </>
        ) : (
          <span className="kpi__change-label">No previous period to compare</span>
        )}
      </span>
      {sparklineData && sparklineData.length > 1 && (
        <span className="kpi__spark">
          <Sparkline data={sparklineData} tone={tone} label={`${title} trend`} />
        </span>
      )}
    </>
  );

  const breakdown = hasBreakdown && open && (
    <div className="kpi__breakdown" id={breakdownId} role="tooltip">
      <span className="kpi__breakdown-title">By department</span>
      <ul>
        {departmentBreakdown!.slice(0, 8).map((d) => (
          <li key={d.dept}>
            <span>{d.dept}</span>
            <span>{d.value}</span>
          </li>
        ))}
      </ul>
    </div>
  );

  const shared = {
    className: `kpi${onClick ? ' kpi--clickable' : ''}`,
    onMouseEnter: () => setOpen(true),
    onMouseLeave: () => setOpen(false),
    onFocus: () => setOpen(true),
    onBlur: () => setOpen(false),
    'aria-describedby': hasBreakdown && open ? breakdownId : undefined,
  };

  return (
    <div className="kpi-wrap">
      {onClick ? (
        <button type="button" {...shared} onClick={onClick}>{body}</button>
      ) : (
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- focusable so keyboard users get the breakdown too
        <div {...shared} tabIndex={hasBreakdown ? 0 : undefined} role="group" aria-label={title}>{body}</div>
      )}
      {breakdown}
    </div>
  );
}
