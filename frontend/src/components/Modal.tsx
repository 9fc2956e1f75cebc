import { useEffect, useRef, type ReactNode } from 'react';

interface ModalProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}

/** An accessible dialog on the native <dialog> element: focus trapped by the browser, Escape closes. */
export function Modal({ title, onClose, children, wide }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (typeof dialog.showModal === 'function' && !dialog.open) dialog.showModal();
    else dialog.setAttribute('open', '');
    const onCancel = (e: Event) => {
      e.preventDefault();
      onClose();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => dialog.removeEventListener('cancel', onCancel);
  }, [onClose]);
  return (
    <dialog ref={ref} className={`modal${wide ? ' modal--wide' : ''}`} aria-labelledby="modal-title">
      <header className="modal__header">
        <h2 id="modal-title">{title}</h2>
        <button type="button" className="btn btn--ghost" onClick={onClose} aria-label="Close">✕</button>
      </header>
      <div className="modal__body">{children}</div>
    </dialog>
  );
}
