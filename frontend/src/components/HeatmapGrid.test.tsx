import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { HeatmapGrid } from './HeatmapGrid';

const rows = ['a', 'b', 'c'].map((k) => ({ key: k, label: `Agent ${k.toUpperCase()}` }));

function renderGrid(onRowLabelClick = vi.fn()) {
  render(
    <HeatmapGrid
      ariaLabel="Health"
      rows={rows}
      columns={['t1', 't2']}
      values={[[90, 80], [70, null], [50, 40]]}
      color={() => '#000'}
      formatValue={(v) => String(v)}
      formatColumn={(c) => c}
      rowHref={(r) => `/agents/${rows[r]!.key}`}
      onRowLabelClick={onRowLabelClick}
      rowActionsWidth={120}
      rowActions={(r, tabbable) => <button type="button" tabIndex={tabbable ? 0 : -1}>{`Pause ${rows[r]!.label}`}</button>}
    />,
  );
  return onRowLabelClick;
}

// whole user flows through several renders: generous limit for a loaded 2-core CI machine (not a timing assertion)
describe('HeatmapGrid row links and row actions', { timeout: 30_000 }, () => {
  it('rendersAControlPerRow_butOnlyTheCurrentRowIsInTheTabOrder', () => {
    renderGrid();
    const tabbable = () => screen.getAllByRole('button').filter((b) => b.tabIndex === 0).map((b) => b.textContent);
    expect(screen.getAllByRole('button')).toHaveLength(3);
    expect(tabbable()).toEqual(['Pause Agent A']);
    fireEvent.focus(screen.getByRole('gridcell', { name: 'Agent B, t2: null' }));
    expect(tabbable()).toEqual(['Pause Agent B']);
    expect(screen.getByRole('link', { name: 'Agent B' }).getAttribute('tabindex')).toBe('0');
    expect(screen.getByRole('link', { name: 'Agent A' }).getAttribute('tabindex')).toBe('-1');
  });

  it('rowLabelIsALinkToTheRow_whoseClickGoesToTheHandler', () => {
    const onRowLabelClick = renderGrid();
    const link = screen.getByRole('link', { name: 'Agent C' });
    expect(link.getAttribute('href')).toBe('/agents/c');
    fireEvent.click(link);
    expect(onRowLabelClick).toHaveBeenCalledWith(2);
  });
});

describe('HeatmapGrid row labels', () => {
  it('cutsLongLabelsInTheMiddle_soSiblingAgentsStayApart', () => {
    const long = ['engineering-documentation-bot-3', 'engineering-documentation-bot-11'].map((k) => ({ key: k, label: k }));
    const { container } = render(
      <HeatmapGrid ariaLabel="Latency" rows={long} columns={['t1']} values={[[1], [2]]} color={() => '#000'}
        formatValue={(v) => String(v)} formatColumn={(c) => c} />,
    );
    const shown = [...container.querySelectorAll('text.heatmap__label')].map((t) => t.lastChild?.textContent);
    expect(shown).toEqual(['engineering-docum…tion-bot-3', 'engineering-docum…ion-bot-11']);
  });
});
