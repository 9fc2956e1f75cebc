import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ToastProvider, useToast, type ToastInput } from './Toast';

function Trigger({ toast }: { toast: ToastInput }) {
  const api = useToast();
  return <button type="button" onClick={() => api.show(toast)}>Show</button>;
}

function renderToast(toast: ToastInput) {
  render(<ToastProvider><Trigger toast={toast} /></ToastProvider>);
  fireEvent.click(screen.getByRole('button', { name: 'Show' }));
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Toast', () => {
  it('announcesSuccessPolitely_andErrorsAssertively', () => {
    render(
      <ToastProvider>
        <Trigger toast={{ tone: 'success', title: 'Agent paused' }} />
      </ToastProvider>,
    );
    // both live regions exist before any toast, so the first one is announced
    expect(screen.getByRole('status')).toBeTruthy();
    expect(screen.getByRole('alert')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect(within(screen.getByRole('status')).getByText('Agent paused')).toBeTruthy();
    expect(within(screen.getByRole('alert')).queryByText('Agent paused')).toBeNull();
  });

  it('putsAnErrorInTheAlertRegion_andKeepsItUntilDismissed', () => {
    vi.useFakeTimers();
    renderToast({ tone: 'error', title: 'Could not pause', message: 'ACTION_FAILED' });
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText('Could not pause')).toBeTruthy();
    act(() => vi.advanceTimersByTime(60_000));
    expect(within(alert).getByText('Could not pause')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss: Could not pause' }));
    expect(within(alert).queryByText('Could not pause')).toBeNull();
  });

  it('closesASuccessAfterItsDuration_butNotWhileHovered', () => {
    vi.useFakeTimers();
    renderToast({ tone: 'success', title: 'Done', durationMs: 1000 });
    const toast = screen.getByTestId('toast');
    fireEvent.mouseEnter(toast);
    act(() => vi.advanceTimersByTime(5000));
    expect(screen.getByText('Done')).toBeTruthy();
    fireEvent.mouseLeave(toast);
    act(() => vi.advanceTimersByTime(999));
    expect(screen.getByText('Done')).toBeTruthy();
    act(() => vi.advanceTimersByTime(1));
    expect(screen.queryByText('Done')).toBeNull();
  });

  it('runsItsAction_showingThePendingLabel_thenCloses', async () => {
    let finish: () => void = () => undefined;
    const onClick = vi.fn(() => new Promise<void>((resolve) => { finish = resolve; }));
    renderToast({ tone: 'success', title: 'Paused', action: { label: 'Undo', pendingLabel: 'Undoing…', onClick } });
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(onClick).toHaveBeenCalledTimes(1);
    const pending = screen.getByRole('button', { name: 'Undoing…' });
    expect((pending as HTMLButtonElement).disabled).toBe(true);
    await act(async () => finish());
    expect(screen.queryByText('Paused')).toBeNull();
  });
});
