import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { liveQuery } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import type { IngredientLink, InsightItem, InsightsResult, PersonalFinding, SymptomWording } from '../../../shared/insights';
import { ingredientLinks, personalFindings } from '../../../shared/insights/links';
import { BUILTIN_SYMPTOMS } from '../../../shared/schema';
import { appDb, type AureaDb } from '../../db/db';
import { symptomDefinitions } from '../../db/repo';
import { definitionsForAnalysis, diaryForAnalysis } from '../../../shared/diary/for-analysis';
import { gateway } from '../../gateway';
import { STOOL_DEFINITIONS } from '../../../shared/stool/outcomes';

/** What the Insights page shows: the last computed result for a given state of the diary. */
export interface CachedInsights {
  hash: string;
  computed_at: string;
  result: InsightsResult;
  items: InsightItem[];
}

const CACHE_KEY = 'diary';

type RefreshState = { updating: boolean; error: string | null };
let state: RefreshState = { updating: false, error: null };
const listeners = new Set<() => void>();
function setState(next: Partial<RefreshState>) {
  state = { ...state, ...next };
  listeners.forEach((l) => l());
}

let inFlight: Promise<void> | null = null;
let again = false;

/**
 * Recomputes insights in the worker when the diary changed since the cached result
 * (stale-while-revalidate: the cached result stays on screen, marked as updating).
 * Calls while a refresh runs coalesce into one more run.
 */
export function refreshInsights(db: AureaDb = appDb()): Promise<void> {
  if (inFlight) {
    again = true;
    return inFlight;
  }
  inFlight = (async () => {
    setState({ updating: true, error: null });
    try {
      do {
        again = false;
        const [logs, definitions, cached] = await Promise.all([db.logs.orderBy('date').toArray(), symptomDefinitions(db), db.insightCache.get(CACHE_KEY)]);
        const response = await gateway.insights().analyse({
          // Estimated cycle phases and stool outcomes are analysed like what was logged (shared/diary/derived).
          logs: diaryForAnalysis(logs).map((l) => ({ date: l.date, ingredients: l.ingredients, symptoms: l.symptoms, cycle_phase: l.cycle_phase ?? null })),
          definitions: definitionsForAnalysis(definitions, logs),
          knownHash: cached?.hash ?? null,
        });
        if (!response.unchanged) {
          const value: CachedInsights = { hash: response.hash, computed_at: new Date().toISOString(), result: response.result, items: response.items };
          const dates = logs.map((l) => l.date);
          // Days deleted while the worker ran (the demo removed): never cache results about them; run again.
          const kept = await db.transaction('rw', [db.logs, db.insightCache], async () => {
            const present = await db.logs.bulkGet(dates);
            if (present.some((l) => l === undefined)) return false;
            await db.insightCache.put({ key: CACHE_KEY, hash: value.hash, computed_at: value.computed_at, result: value, dates, demo: logs.some((l) => l.demo === true) });
            return true;
          });
          if (!kept) again = true;
        }
      } while (again);
      setState({ updating: false });
    } catch (e) {
      setState({ updating: false, error: (e as Error).message });
    } finally {
      inFlight = null;
    }
  })();
  return inFlight;
}

export function useInsightsRefreshState(): RefreshState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}

/** The cached insights (undefined while loading, null when never computed). */
export function useCachedInsights(): CachedInsights | null | undefined {
  return useLiveQuery(async () => {
    const row = await appDb().insightCache.get(CACHE_KEY);
    return row ? (row.result as CachedInsights) : null;
  }, []);
}

/** Foods linked to the person's symptoms by their own diary (for the food card). */
export function useIngredientLinks(): Map<string, IngredientLink[]> | null {
  const cached = useCachedInsights();
  const links = useLiveQuery(async () => {
    if (!cached) return null;
    return ingredientLinks(cached.result);
  }, [cached?.hash]);
  return links ?? null;
}

/**
 * The person's own findings about a food, worded by shared/insights (one voice with Insights and
 * Predict): null while the diary has not been analysed, [] when nothing is linked.
 */
export function usePersonalFindings(): ((food: string) => PersonalFinding[]) | null {
  const links = useIngredientLinks();
  const defs = useLiveQuery(() => symptomDefinitions(appDb()), []);
  return useMemo(() => {
    if (links === null) return null;
    const all = [...BUILTIN_SYMPTOMS, ...(defs ?? []), ...STOOL_DEFINITIONS];
    const wordingOf = (key: string): SymptomWording => {
      const d = all.find((x) => x.key === key);
      return { label: d?.label ?? key, polarity: d?.polarity ?? 'higher_is_worse' };
    };
    return (food: string) => personalFindings(food, links.get(food) ?? [], wordingOf);
  }, [links, defs]);
}

/**
 * Keeps insights fresh in the background: after any change to the logs (debounced), the worker
 * re-analyses the diary. Mounted once by the app shell.
 */
/** A refresh, unless there is nothing to analyse and nothing cached to clear (a new person: no worker starts). */
async function refreshIfAnything(db: AureaDb): Promise<void> {
  const [count, cached] = await Promise.all([db.logs.count(), db.insightCache.count()]);
  if (count === 0 && cached === 0) return;
  await refreshInsights(db);
}

export function useBackgroundInsights(delayMs = 1500) {
  useEffect(() => {
    const db = appDb();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let first = true;
    const sub = liveQuery(async () => {
      const [count, last] = await Promise.all([db.logs.count(), db.logs.orderBy('updated_at').last()]);
      return `${count}:${last?.updated_at ?? ''}`;
    }).subscribe({
      next: () => {
        clearTimeout(timer);
        timer = setTimeout(() => void refreshIfAnything(db), first ? 4000 : delayMs);
        first = false;
      },
    });
    return () => {
      clearTimeout(timer);
      sub.unsubscribe();
    };
  }, [delayMs]);
}
