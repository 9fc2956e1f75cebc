import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import './feedback.css';

export type ToastTone = 'success' | 'error' | 'info';

export interface ToastAction {
  label: string;
  /** Shown on the button while the returned promise runs; the toast closes when it settles. */
  pendingLabel?: string;
  onClick: () => void | Promise<unknown>;
}

export interface ToastInput {
  tone: ToastTone;
  title: string;
  message?: ReactNode;
  action?: ToastAction;
  /** Milliseconds before it closes by itself; `null` keeps it until dismissed. Default: 10 s, errors stay. */
  durationMs?: number | null;
}

interface ToastItem extends ToastInput {
  id: number;
}

export interface ToastApi {
  show(toast: ToastInput): number;
  dismiss(id: number): void;
}

const ToastContext = createContext<ToastApi | null>(null);

export const DEFAULT_TOAST_MS = 10_000;

/**
 * Toasts in two live regions that exist before any toast does (so screen readers announce them):
 * `status` (polite) for success and info, `alert` (assertive) for errors. A toast with a timer pauses
 * it while the pointer or keyboard focus is on it.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  const show = useCallback((toast: ToastInput) => {
    const id = nextId.current++;
    setToasts((list) => [...list.slice(-4), { ...toast, id }]);
    return id;
  }, []);
  const api = useMemo<ToastApi>(() => ({ show, dismiss }), [show, dismiss]);

  const polite = toasts.filter((t) => t.tone !== 'error');
  const assertive = toasts.filter((t) => t.tone === 'error');
  return (
    <ToastContext.Provider value={api}>
      {children}
      <section className="toasts" aria-label="Notifications">
        <div role="status" aria-live="polite" className="toasts__region">
          {polite.map((t) => <Toast key={t.id} toast={t} onDismiss={dismiss} />)}
        </div>
        <div role="alert" aria-live="assertive" className="toasts__region">
          {assertive.map((t) => <Toast key={t.id} toast={t} onDismiss={dismiss} />)}
        </div>
      </section>
    </ToastContext.Provider>
  );
}

function Toast({ toast, onDismiss }: { toast: ToastItem; onDismiss: (id: number) => void }) {
  const [paused, setPaused] = useState(false);
  const [running, setRunning] = useState(false);
  const duration = toast.durationMs === undefined ? (toast.tone === 'error' ? null : DEFAULT_TOAST_MS) : toast.durationMs;

  useEffect(() => {
    if (duration === null || paused || running) return;
    const timer = setTimeout(() => onDismiss(toast.id), duration);
    return () => clearTimeout(timer);
  }, [duration, paused, running, onDismiss, toast.id]);

  async function runAction() {
    if (!toast.action || running) return;
    setRunning(true);
    try {
      await toast.action.onClick();
    } finally {
      onDismiss(toast.id);
    }
  }

  return (
    <div
      className={`toast toast--${toast.tone}`}
      data-testid="toast"
      data-tone={toast.tone}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <div className="toast__text">
        <p className="toast__title">{toast.title}</p>
        {toast.message && <p className="toast__message">{toast.message}</p>}
      </div>
      {toast.action && (
        <button type="button" className="btn btn--small" onClick={() => void runAction()} disabled={running} aria-busy={running}>
          {running ? (toast.action.pendingLabel ?? `${toast.action.label}…`) : toast.action.label}
        </button>
      )}
      <button type="button" className="btn btn--ghost btn--small" onClick={() => onDismiss(toast.id)} aria-label={`Dismiss: ${toast.title}`}>✕</button>
    </div>
  );
}

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast outside ToastProvider');
  return api;
}
