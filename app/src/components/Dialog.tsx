import { useEffect, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

/**
 * A modal dialog on the native <dialog> element (focus trap, Escape and backdrop handled by the browser).
 * Rendered into <body> so a form inside it is never nested in a page form, and its submit events stop
 * here instead of bubbling (through React's tree) into the page's own form.
 */
export function Dialog({ open, title, onClose, children }: { open: boolean; title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return createPortal(
    <dialog ref={ref} aria-labelledby={titleId} onClose={onClose} onCancel={onClose} onSubmit={(e) => e.stopPropagation()}>
      <h2 id={titleId}>{title}</h2>
      {open && children}
    </dialog>,
    document.body,
  );
}

export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Dialog open={props.open} title={props.title} onClose={props.onCancel}>
      <div className="stack">
        <div>{props.body}</div>
        <div className="row">
          <button type="button" className={props.danger ? 'danger' : 'primary'} onClick={props.onConfirm}>
            {props.confirmLabel}
          </button>
          <button type="button" onClick={props.onCancel} autoFocus>
            Cancel
          </button>
        </div>
      </div>
    </Dialog>
  );
}
