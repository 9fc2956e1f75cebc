import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { KPICard, changeTone } from './KPICard';

describe('KPICard', () => {
  it('rendersTitleValueAndSignedChange', () => {
    render(<KPICard title="Total Requests" value="487.2K" change={12.5} changeLabel="vs previous 24h" />);
    expect(screen.getByText('Total Requests')).toBeTruthy();
    expect(screen.getByTestId('kpi-value').textContent).toBe('487.2K');
    expect(screen.getByTestId('kpi-change').textContent).toContain('+12.5%');
    expect(screen.getByTestId('kpi-change').textContent).toContain('vs previous 24h');
  });

  it('isAButton_andCallsOnClick_whenClickable', async () => {
    const onClick = vi.fn();
    render(<KPICard title="Error Rate" value="2.34%" change={-0.5} onClick={onClick} />);
    const button = screen.getByRole('button', { name: /Error Rate/ });
    await userEvent.click(button);
    button.focus();
    await userEvent.keyboard('{Enter}');
    expect(onClick).toHaveBeenCalledTimes(2);
  });

  it('isNotAButton_whenNotClickable', () => {
    render(<KPICard title="Unique Users" value="1.2K" change={3} />);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('showsGreenForARise_andRedForARise_whenTrendInverse', () => {
    const { rerender } = render(<KPICard title="Requests" value="1" change={4.2} />);
    expect(screen.getByTestId('kpi-change').dataset.tone).toBe('good');
    expect(screen.getByTestId('kpi-change').textContent).toContain('▲');
    rerender(<KPICard title="Latency" value="1" change={4.2} trend="inverse" />);
    expect(screen.getByTestId('kpi-change').dataset.tone).toBe('bad');
    rerender(<KPICard title="Latency" value="1" change={-8.3} trend="inverse" />);
    expect(screen.getByTestId('kpi-change').dataset.tone).toBe('good');
    expect(screen.getByTestId('kpi-change').textContent).toContain('−8.3%');
  });

  it('saysSo_whenThereIsNoPreviousPeriod', () => {
    render(<KPICard title="Cost" value="$0.00" change={null} />);
    expect(screen.getByTestId('kpi-change').textContent).toBe('No previous period to compare');
    expect(screen.getByTestId('kpi-change').dataset.tone).toBe('neutral');
  });

  it('showsDepartmentBreakdown_onHoverAndOnFocus', async () => {
    const breakdown = [{ dept: 'Engineering', value: '145K' }, { dept: 'Sales', value: '98K' }];
    render(<KPICard title="Total Requests" value="487K" change={1} departmentBreakdown={breakdown} onClick={() => undefined} />);
    expect(screen.queryByRole('tooltip')).toBeNull();
    const card = screen.getByRole('button');
    fireEvent.mouseEnter(card);
    const tip = screen.getByRole('tooltip');
    expect(tip.textContent).toContain('Engineering');
    expect(tip.textContent).toContain('145K');
    expect(card.getAttribute('aria-describedby')).toBe(tip.id);
    fireEvent.mouseLeave(card);
    expect(screen.queryByRole('tooltip')).toBeNull();
    fireEvent.focus(card);
    expect(screen.getByRole('tooltip')).toBeTruthy();
  });

  it('drawsTheSparkline_inTheFooter', () => {
    const data = Array.from({ length: 24 }, (_, i) => ({ timestamp: new Date(Date.UTC(2025, 9, 27, i)).toISOString(), value: i * 10 }));
    render(<KPICard title="Total Requests" value="1" change={1} sparklineData={data} />);
    expect(screen.getByRole('img', { name: 'Total Requests trend' })).toBeTruthy();
  });

  it('treatsChangesThatRoundToZero_asFlat', () => {
    expect(changeTone('flat', 'normal')).toBe('neutral');
    render(<KPICard title="X" value="1" change={0.04} />);
    expect(screen.getByTestId('kpi-change').textContent).toContain('0.0%');
  });
});
