import { useSyncExternalStore } from 'react';

export interface Toast {
  id: number;
  message: string;
  kind: 'info' | 'error';
  action?: { label: string; run: () => void };
  /** A second action (e.g. "Open Today" beside Undo). */
  secondary?: { label: string; run: () => void };
}

let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

/** Shows a short message (with an optional action such as Undo) that goes away by itself. */
export function toast(message: string, options: { kind?: Toast['kind']; action?: Toast['action']; secondary?: Toast['secondary']; ms?: number } = {}) {
  const t: Toast = { id: nextId++, message, kind: options.kind ?? 'info', ...(options.action ? { action: options.action } : {}), ...(options.secondary ? { secondary: options.secondary } : {}) };
  toasts = [...toasts.slice(-2), t];
  emit();
  setTimeout(() => dismiss(t.id), options.ms ?? (options.action ? 10_000 : 4_000));
  return t.id;
}

export function dismiss(id: number) {
  const next = toasts.filter((t) => t.id !== id);
  if (next.length !== toasts.length) {
    toasts = next;
    emit();
  }
}

export function Toasts() {
  const list = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => toasts,
  );
  return (
    <div className="toasts" role="status" aria-live="polite">
      {list.map((t) => (
        <div key={t.id} className={`toast ${t.kind === 'error' ? 'error' : ''}`}>
          <span>{t.message}</span>
          {t.action && (
            <button
              type="button"
              onClick={() => {
                t.action!.run();
                dismiss(t.id);
              }}
            >
              {t.action.label}
            </button>
          )}
          {t.secondary && (
            <button
              type="button"
              onClick={() => {
                t.secondary!.run();
                dismiss(t.id);
              }}
            >
              {t.secondary.label}
            </button>
          )}
        </div>
      ))}
    </div>
  );
}
