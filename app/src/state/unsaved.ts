import { useEffect, useSyncExternalStore } from 'react';

/**
 * Which forms hold unsaved input. The update prompt and page navigation consult it, so a new
 * version never reloads over what someone is typing.
 */
const dirty = new Set<string>();
const listeners = new Set<() => void>();
let snapshot = false;

function emit() {
  snapshot = dirty.size > 0;
  for (const l of listeners) l();
}

export function setUnsaved(id: string, isDirty: boolean) {
  const had = dirty.has(id);
  if (isDirty && !had) dirty.add(id);
  else if (!isDirty && had) dirty.delete(id);
  else return;
  emit();
}

export function hasUnsaved(): boolean {
  return dirty.size > 0;
}

export function useHasUnsaved(): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => snapshot,
  );
}

/** Marks a form dirty while `isDirty` holds, and warns before the tab closes over it. */
export function useUnsavedGuard(id: string, isDirty: boolean) {
  useEffect(() => {
    setUnsaved(id, isDirty);
    return () => setUnsaved(id, false);
  }, [id, isDirty]);
  useEffect(() => {
    if (!isDirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [isDirty]);
}
