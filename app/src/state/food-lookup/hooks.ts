import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { AureaDb } from '../../../db/db';
import { normaliseIngredient } from '../../../../shared/ingredients/normalise';
import { loadFoodKnowledge, type FoodKnowledge } from '../foods';
import { recallSearchPick, resolveFood, resolveProduct } from './resolve';
import type { ServerSearch, ServerSearchHit } from './schemas';
import { searchFoodServer, type ServerOptions } from './server';
import { SEARCH_DEBOUNCE_MS, SEARCH_MIN_CHARS, type FoodView, type LookupNote } from './types';
import { bundledFood } from './views';

/** React hooks over the lookup: online state, a named food, a product by barcode, the server's search. */

function subscribeOnline(l: () => void) {
  window.addEventListener('online', l);
  window.addEventListener('offline', l);
  return () => {
    window.removeEventListener('online', l);
    window.removeEventListener('offline', l);
  };
}

/** navigator.onLine, live. */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine, () => true);
}

export interface LookupState {
  /** "loading" while the cache or the server is being asked (a card may already show). */
  status: 'idle' | 'loading' | 'done';
  food: FoodView | null;
  bundled: FoodView | null;
  note: LookupNote | null;
  /** Asks again (after a failure, or to refresh). */
  retry: () => void;
}

const IDLE: Omit<LookupState, 'retry'> = { status: 'idle', food: null, bundled: null, note: null };

/**
 * A named food, shown at once from the offline table and upgraded when the cache or the server
 * answers. With `fdcId`, the food picked from the server's search results is shown instead.
 */
export function useFoodLookup(name: string | null, options: { db: AureaDb; knowledge: FoodKnowledge | null; fdcId?: string | null; server?: ServerOptions }): LookupState {
  const { db, knowledge, fdcId, server } = options;
  const online = useOnline();
  const [state, setState] = useState<Omit<LookupState, 'retry'>>(IDLE);
  const [attempt, setAttempt] = useState(0);
  const serverRef = useRef(server);
  serverRef.current = server;

  useEffect(() => {
    if (!name) {
      setState(IDLE);
      return;
    }
    // The offline table answers first; the lookup waits for it so the server is asked once.
    if (!knowledge) {
      setState({ ...IDLE, status: 'loading' });
      return;
    }
    const controller = new AbortController();
    const bundled = bundledFood(knowledge, name);
    setState((prev) => ({ status: 'loading', food: prev.food && prev.food.key === normaliseIngredient(name) && prev.food.origin !== 'bundled' ? prev.food : bundled, bundled, note: null }));
    void (async () => {
      if (fdcId) {
        const pick = await recallSearchPick(db, name, fdcId);
        if (controller.signal.aborted) return;
        if (pick) {
          setState({ status: 'done', food: pick, bundled, note: null });
          return;
        }
      }
      const r = await resolveFood(name, { db, knowledge, online, server: { ...serverRef.current, signal: controller.signal } });
      if (!controller.signal.aborted) setState({ status: 'done', ...r });
    })();
    return () => controller.abort();
  }, [name, fdcId, knowledge, online, db, attempt]);

  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  return { ...state, retry };
}

/** A product by barcode (null: none asked for). */
export function useProductLookup(barcode: string | null, options: { db: AureaDb; server?: ServerOptions }): LookupState {
  const { db, server } = options;
  const online = useOnline();
  const [state, setState] = useState<Omit<LookupState, 'retry'>>(IDLE);
  const [attempt, setAttempt] = useState(0);
  const serverRef = useRef(server);
  serverRef.current = server;

  useEffect(() => {
    if (!barcode) {
      setState(IDLE);
      return;
    }
    const controller = new AbortController();
    setState({ ...IDLE, status: 'loading' });
    // The food table maps the label's ingredients onto its names; a lookup without it still works.
    const knowledge = loadFoodKnowledge().catch(() => null);
    void knowledge.then((k) => resolveProduct(barcode, { db, online, knowledge: k, server: { ...serverRef.current, signal: controller.signal } })).then((r) => {
      if (!controller.signal.aborted) setState({ status: 'done', ...r });
    });
    return () => controller.abort();
  }, [barcode, online, db, attempt]);

  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  return { ...state, retry };
}

export interface ServerSearchState {
  /** waiting: debouncing; loading: asked; done: answered; failed: see note; off: not asked (offline or too short). */
  status: 'off' | 'waiting' | 'loading' | 'done' | 'failed';
  query: string;
  hits: ServerSearchHit[];
  fetched_at: string | null;
  warnings: string[];
  note: LookupNote | null;
  retry: () => void;
}

const searchMemo = new Map<string, ServerSearch>();

/** The food server's search for a (normalised) query, debounced, newest query wins. */
export function useServerSearch(query: string, options: { limit?: number; server?: ServerOptions; enabled?: boolean } = {}): ServerSearchState {
  const { limit = 12, server, enabled = true } = options;
  const online = useOnline();
  const [state, setState] = useState<Omit<ServerSearchState, 'retry'>>({ status: 'off', query: '', hits: [], fetched_at: null, warnings: [], note: null });
  const [attempt, setAttempt] = useState(0);
  const serverRef = useRef(server);
  serverRef.current = server;

  useEffect(() => {
    const q = normaliseIngredient(query);
    if (!enabled || q.length < SEARCH_MIN_CHARS) {
      setState({ status: 'off', query: q, hits: [], fetched_at: null, warnings: [], note: null });
      return;
    }
    if (!online) {
      setState({ status: 'off', query: q, hits: [], fetched_at: null, warnings: [], note: { kind: 'offline', text: 'You are offline: showing the built-in list only.' } });
      return;
    }
    const memo = searchMemo.get(`${q}|${limit}`);
    if (memo) {
      setState({ status: 'done', query: q, hits: memo.results, fetched_at: memo.fetched_at, warnings: memo.warnings, note: null });
      return;
    }
    const controller = new AbortController();
    setState((prev) => ({ ...prev, status: 'waiting', query: q }));
    const timer = setTimeout(() => {
      setState((prev) => ({ ...prev, status: 'loading' }));
      void searchFoodServer(q, limit, { ...serverRef.current, signal: controller.signal }).then((answer) => {
        if (controller.signal.aborted) return;
        if (answer.ok) {
          searchMemo.set(`${q}|${limit}`, answer.value);
          setState({ status: 'done', query: q, hits: answer.value.results, fetched_at: answer.value.fetched_at, warnings: answer.value.warnings, note: null });
          return;
        }
        if (answer.kind === 'aborted') return;
        const text =
          answer.kind === 'not_found' || answer.kind === 'bad_request'
            ? null
            : answer.kind === 'unavailable' || answer.kind === 'rate_limited'
              ? 'Showing the built-in list; Aurea cannot reach USDA or Open Food Facts right now.'
              : 'Showing the built-in list; Aurea’s server cannot be reached.';
        setState({ status: text ? 'failed' : 'done', query: q, hits: [], fetched_at: null, warnings: [], note: text ? { kind: answer.kind === 'unreachable' || answer.kind === 'malformed' ? 'unreachable' : 'unavailable', text } : null });
      });
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, limit, enabled, online, attempt]);

  const retry = useCallback(() => {
    searchMemo.clear();
    setAttempt((a) => a + 1);
  }, []);
  return { ...state, retry };
}

