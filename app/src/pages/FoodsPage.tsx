import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';
import type { FoodMatch } from '../../../shared/ingredients/food-table';
import { normaliseIngredient } from '../../../shared/ingredients/normalise';
import { appDb } from '../../db/db';
import { AddToDay } from '../components/AddToDay';
import { BarcodeScanner, canScanBarcodes } from '../components/BarcodeScanner';
import { Dialog } from '../components/Dialog';
import { FoodCard } from '../components/FoodCard';
import { RecipesSection } from '../components/RecipesSection';
import type { PersonalFinding } from '../../../shared/insights/links';
import { ScoreBadge } from '../components/ScoreBadge';
import { Link, navigate, useLocation } from '../router';
import { useFoodKnowledge, type FoodKnowledge } from '../state/foods';
import { checkBarcode } from '../../../shared/ingredients/barcode';
import { pruneFoodCache } from '../state/food-lookup/cache';
import { useFoodLookup, useOnline, useProductLookup, useServerSearch, type LookupState } from '../state/food-lookup/hooks';
import { hasNutrientData, rememberSearchPick } from '../state/food-lookup/resolve';
import type { ServerSearchHit } from '../state/food-lookup/schemas';
import { SEARCH_MIN_CHARS, type FoodView } from '../state/food-lookup/types';

/**
 * Foods: search the offline table as you type (instant, works offline), with more foods and packaged
 * products from the food server when online; open a food's card; look a product up by barcode.
 * The URL holds the state (?q= search, ?name= or ?barcode= the open card), so Back and links work.
 */

const PAGE = 10;
const EXAMPLES = ['oats', 'milk', 'coffee', 'white bread', 'salmon', 'tofu', 'yogurt', 'apple'];

function foodsUrl(params: Record<string, string | null | undefined>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) sp.set(k, v);
  const s = sp.toString();
  return s ? `/foods?${s}` : '/foods';
}

/** A link's click handler that opens a card in this page; modified clicks (new tab …) keep their meaning. */
function openWith(open: (url: string) => void, url: string) {
  return (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    open(url);
  };
}

/** Replaces the URL without scrolling (navigate() scrolls to the top, which typing must not do). */
function replaceQuiet(url: string) {
  if (url === location.pathname + location.search) return;
  history.replaceState(null, '', url);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function FoodsPage({ personalFor }: { personalFor?: (name: string) => PersonalFinding[] | null } = {}) {
  const { query } = useLocation();
  const urlQ = query.get('q') ?? '';
  const name = query.get('name');
  const barcode = query.get('barcode');
  const fdc = query.get('fdc');
  const knowledge = useFoodKnowledge();
  const online = useOnline();
  const db = appDb();
  const [text, setText] = useState(urlQ);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusCard = useRef(false);

  // Back/forward restore the search that was typed.
  useEffect(() => setText(urlQ), [urlQ]);
  useEffect(() => {
    void pruneFoodCache(db);
  }, [db]);

  const selected = name ? 'food' : barcode ? 'product' : null;
  const food = useFoodLookup(name, { db, knowledge, fdcId: fdc });
  const product = useProductLookup(barcode, { db });
  const shown = selected === 'food' ? food : selected === 'product' ? product : null;

  useEffect(() => {
    const label = shown?.food?.name;
    document.title = label ? `${label} · Foods · Aurea` : 'Foods · Aurea';
  }, [shown?.food?.name]);

  useEffect(() => {
    if (focusCard.current && shown?.food) {
      focusCard.current = false;
      headingRef.current?.focus();
    }
  }, [shown?.food]);

  const onType = (value: string) => {
    setText(value);
    replaceQuiet(foodsUrl({ q: value }));
  };

  const open = (url: string) => {
    focusCard.current = true;
    navigate(url);
  };

  return (
    <>
      <h1>Foods</h1>
      <p className="muted foods-intro">How foods are generally scored for blood sugar, inflammation, gut and hormones — and why.</p>
      <SearchSection
        text={text}
        onType={onType}
        knowledge={knowledge}
        online={online}
        showResults={!selected}
        onOpen={open}
        onPickServer={async (hit, fetchedAt) => {
          if (hit.kind === 'product') return open(foodsUrl({ q: text, barcode: hit.id }));
          if (!hasNutrientData(hit.ingredient)) return open(foodsUrl({ q: text, name: hit.suggested_name }));
          await rememberSearchPick(db, hit, fetchedAt);
          open(foodsUrl({ q: text, name: hit.suggested_name, fdc: hit.id }));
        }}
      />
      {selected && text.trim() && (
        <p className="back-to-results">
          <Link to={foodsUrl({ q: text })}>← Results for “{text.trim()}”</Link>
        </p>
      )}
      {selected === 'food' && name && <FoodResult state={food} label={name} knowledge={knowledge} headingRef={headingRef} personal={personalFor ? personalFor(normaliseIngredient(name)) : undefined} />}
      {selected === 'product' && barcode && <FoodResult state={product} label={`barcode ${barcode}`} knowledge={null} headingRef={headingRef} />}
      <BarcodeSection current={barcode} online={online} onLookup={(code) => open(foodsUrl({ q: text, barcode: code }))} />
      <RecipesSection knowledge={knowledge} />
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// Search

function SearchSection(props: {
  text: string;
  onType: (v: string) => void;
  knowledge: FoodKnowledge | null;
  online: boolean;
  showResults: boolean;
  onOpen: (url: string) => void;
  onPickServer: (hit: ServerSearchHit, fetchedAt: string) => Promise<void>;
}) {
  const { text, knowledge, showResults } = props;
  const id = useId();
  const [shownCount, setShownCount] = useState(PAGE);
  const listRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const q = text.trim();
  const normalised = normaliseIngredient(q);

  useEffect(() => setShownCount(PAGE), [normalised]);

  const local: FoodMatch[] = useMemo(() => (knowledge && normalised ? knowledge.search(knowledge.table, q, 50) : []), [knowledge, q, normalised]);
  const server = useServerSearch(q, { enabled: showResults && normalised.length >= SEARCH_MIN_CHARS });
  const generic = server.hits.filter((h) => h.kind === 'ingredient');
  const products = server.hits.filter((h) => h.kind === 'product' && /^\d{8,14}$/.test(h.id));
  const active = showResults && normalised !== '';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!normalised) return;
    const top = local[0];
    if (top) props.onOpen(foodsUrl({ q, name: top.name }));
    else if (generic[0]) void props.onPickServer(generic[0], server.fetched_at ?? new Date().toISOString());
    else props.onOpen(foodsUrl({ q, name: q }));
  };

  // Arrow keys move between the results; Escape returns to the field.
  const results = () => Array.from(listRef.current?.querySelectorAll<HTMLElement>('[data-result]') ?? []);
  const onInputKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && active) {
      const first = results()[0];
      if (first) {
        e.preventDefault();
        first.focus();
      }
    } else if (e.key === 'Escape' && text) {
      e.preventDefault();
      props.onType('');
    }
  };
  const onListKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const all = results();
    const at = all.indexOf(document.activeElement as HTMLElement);
    if (at < 0) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      all[Math.min(all.length - 1, at + 1)]?.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (at === 0) inputRef.current?.focus();
      else all[at - 1]?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      inputRef.current?.focus();
    }
  };

  const serverBusy = server.status === 'waiting' || server.status === 'loading';
  const status = !active
    ? ''
    : [
        knowledge ? (local.length ? `${local.length === 50 ? '50 or more' : local.length} ${local.length === 1 ? 'match' : 'matches'} in the built-in list.` : 'No match in the built-in list.') : 'Loading the built-in list…',
        serverBusy ? 'Searching online…' : '',
        server.status === 'done' && server.hits.length ? `${server.hits.length} more found online.` : '',
        server.status === 'done' && !server.hits.length && normalised.length >= SEARCH_MIN_CHARS ? 'Nothing more found online.' : '',
        server.note?.text ?? '',
      ]
        .filter(Boolean)
        .join(' ');

  return (
    <section className="card foods-search" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="visually-hidden">
        Find a food
      </h2>
      <form role="search" onSubmit={submit} aria-label="Foods">
        <label htmlFor={`${id}-q`}>Search foods</label>
        <div className="search-row">
          <input
            ref={inputRef}
            id={`${id}-q`}
            type="search"
            value={text}
            onChange={(e) => props.onType(e.target.value)}
            onKeyDown={onInputKey}
            placeholder="e.g. oats, salmon, diet cola"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            enterKeyHint="search"
            aria-describedby={`${id}-hint`}
            aria-controls={`${id}-results`}
          />
        </div>
        <p id={`${id}-hint`} className="hint">
          {props.online ? 'Common foods answer at once, even offline; more foods and packaged products are looked up online.' : 'You are offline: searching the foods built into Aurea.'}
        </p>
      </form>
      <p className="visually-hidden" role="status" aria-live="polite">
        {status}
      </p>
      <div id={`${id}-results`} ref={listRef} onKeyDown={onListKey} hidden={!active}>
        {active && (
          <>
            <div className="result-group" role="group" aria-labelledby={`${id}-local`}>
              <h3 id={`${id}-local`} className="group-title">
                Common foods <span className="muted small">{knowledge ? `${local.length === 50 ? '50+' : local.length}` : ''}</span>
              </h3>
              {!knowledge ? (
                <p className="muted small">Loading the built-in list…</p>
              ) : local.length === 0 ? (
                <p className="muted small">No food in the built-in list matches “{q}”.</p>
              ) : (
                <ul className="results" aria-label="Matches in the built-in list">
                  {local.slice(0, shownCount).map((m) => (
                    <li key={m.name}>
                      <Link to={foodsUrl({ q, name: m.name })} data-result="" className="result" onClick={openWith(props.onOpen, foodsUrl({ q, name: m.name }))}>
                        <span className="result-main">
                          <span className="result-name">{m.name}</span>
                          <span className="result-meta">
                            {m.via && m.via !== m.name ? `matched “${m.via}” · ` : ''}
                            {m.entry.made_of ? 'dish · ' : ''}
                            {m.entry.category}
                          </span>
                        </span>
                        <ScoreBadge name={m.name} scored={knowledge.scoreOf(m.name)} />
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
              {local.length > shownCount && (
                <button type="button" className="link" onClick={() => setShownCount((n) => n + PAGE)}>
                  Show more matches
                </button>
              )}
            </div>
            {normalised.length >= SEARCH_MIN_CHARS && (
              <div className="result-group" role="group" aria-labelledby={`${id}-server`} aria-busy={serverBusy}>
                <h3 id={`${id}-server`} className="group-title">
                  Found online
                </h3>
                {!props.online ? (
                  <p className="muted small">You are offline: more foods are looked up when you are back online.</p>
                ) : serverBusy ? (
                  <p className="muted small">Searching USDA and Open Food Facts…</p>
                ) : server.status === 'failed' ? (
                  <p className="small food-note-inline">
                    {server.note?.text}{' '}
                    <button type="button" className="link" onClick={server.retry}>
                      Try again
                    </button>
                  </p>
                ) : server.hits.length === 0 && server.status === 'done' ? (
                  <p className="muted small">Nothing more found online for “{q}”.</p>
                ) : null}
                {generic.length > 0 && (
                  <ServerHits title="USDA FoodData Central · generic foods" hits={generic} fetchedAt={server.fetched_at} onPick={props.onPickServer} q={q} />
                )}
                {products.length > 0 && <ServerHits title="Open Food Facts · packaged products" hits={products} fetchedAt={server.fetched_at} onPick={props.onPickServer} q={q} />}
                {server.warnings.map((w) => (
                  <p key={w} className="small muted">
                    {w}
                  </p>
                ))}
              </div>
            )}
          </>
        )}
      </div>
      {props.showResults && !active && (
        <div className="examples">
          <p className="small muted">Try one of these:</p>
          <ul className="chips">
            {EXAMPLES.map((n) => (
              <li key={n}>
                <Link to={foodsUrl({ name: n })} className="chip add" onClick={openWith(props.onOpen, foodsUrl({ name: n }))}>
                  {n}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function ServerHits(props: { title: string; hits: ServerSearchHit[]; fetchedAt: string | null; q: string; onPick: (hit: ServerSearchHit, fetchedAt: string) => Promise<void> }) {
  const id = useId();
  return (
    <>
      <h4 id={id} className="source-title">
        {props.title}
      </h4>
      <ul className="results" aria-labelledby={id}>
        {props.hits.map((h) => {
          const detailed = hasNutrientData(h.ingredient);
          const href = h.kind === 'product' ? foodsUrl({ q: props.q, barcode: h.id }) : detailed ? foodsUrl({ q: props.q, name: h.suggested_name, fdc: h.id }) : foodsUrl({ q: props.q, name: h.suggested_name });
          return (
            <li key={`${h.source}:${h.id}`}>
              <a
                href={href}
                data-result=""
                className="result"
                onClick={(e) => {
                  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
                  e.preventDefault();
                  void props.onPick(h, props.fetchedAt ?? new Date().toISOString());
                }}
              >
                <span className="result-main">
                  <span className="result-name">{h.description}</span>
                  <span className="result-meta">{[h.brand, h.kind === 'product' ? `barcode ${h.id}` : h.data_type, h.category].filter(Boolean).join(' · ')}</span>
                </span>
                {/* A score from no nutrient data would mislead; the card fetches the full record. */}
                {detailed && <ScoreBadge name={h.description} scored={h.score} />}
              </a>
            </li>
          );
        })}
      </ul>
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// The open card

function FoodResult(props: { state: LookupState; label: string; knowledge: FoodKnowledge | null; headingRef: RefObject<HTMLHeadingElement | null>; personal?: PersonalFinding[] | null }) {
  const { state } = props;
  const [useTable, setUseTable] = useState(false);
  const id = useId();
  const key = state.food?.key;
  useEffect(() => setUseTable(false), [key]);

  const serverFood = state.food && state.food.origin !== 'bundled' ? state.food : null;
  const canSwitch = serverFood !== null && state.bundled !== null;
  const food: FoodView | null = canSwitch && useTable ? state.bundled : state.food;

  const status =
    state.status === 'loading'
      ? state.food
        ? 'Checking online for fresher data…'
        : `Looking up ${props.label}…`
      : state.food
        ? state.food.origin === 'server'
          ? `Showing ${state.food.name}, looked up online.`
          : state.food.origin === 'cache'
            ? `Showing ${state.food.name} as saved on this device.`
            : `Showing ${state.food.name} from the built-in list.`
        : '';

  const suggestions = !state.food && state.status === 'done' && props.knowledge ? props.knowledge.search(props.knowledge.table, props.label, 5) : [];

  return (
    <div className="food-result">
      <p className="visually-hidden" role="status" aria-live="polite">
        {status}
      </p>
      {state.note && (
        <p className={`food-notice notice-${state.note.kind}`}>
          <span>{state.note.text}</span>
          {state.note.kind !== 'invalid' && state.note.kind !== 'not_found' && state.note.kind !== 'offline' && (
            <button type="button" className="link" onClick={state.retry}>
              Try again
            </button>
          )}
        </p>
      )}
      {!state.food && state.status !== 'done' && <p className="muted">Looking up {props.label}…</p>}
      {suggestions.length > 0 && (
        <div className="card">
          <p>Similar foods in the built-in list:</p>
          <ul className="chips">
            {suggestions.map((m) => (
              <li key={m.name}>
                <Link to={foodsUrl({ name: m.name })} className="chip add">
                  {m.name}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      {food && (
        <FoodCard
          food={food}
          personal={props.personal}
          headingRef={props.headingRef}
          toolbar={
            <>
              <AddToDay food={food} />
              {canSwitch ? (
              <fieldset className="source-switch">
                <legend className="small">Show data from</legend>
                <div className="segmented">
                  <span>
                    <input type="radio" id={`${id}-srv`} name={`${id}-src`} checked={!useTable} onChange={() => setUseTable(false)} />
                    <label htmlFor={`${id}-srv`}>{serverFood.origin === 'cache' ? 'Food server (saved)' : 'Food server'}</label>
                  </span>
                  <span>
                    <input type="radio" id={`${id}-tbl`} name={`${id}-src`} checked={useTable} onChange={() => setUseTable(true)} />
                    <label htmlFor={`${id}-tbl`}>Offline table</label>
                  </span>
                </div>
              </fieldset>
            ) : null}
            </>
          }
        />
      )}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Barcode

function BarcodeSection({ current, online, onLookup }: { current: string | null; online: boolean; onLookup: (code: string) => void }) {
  const id = useId();
  const [value, setValue] = useState(current ?? '');
  const [error, setError] = useState<string | null>(null);
  const [scanning, setScanning] = useState(false);
  const scan = useMemo(() => canScanBarcodes(), []);

  useEffect(() => {
    if (current) setValue(current);
  }, [current]);

  const lookup = (raw: string) => {
    const check = checkBarcode(raw);
    if (!check.ok) {
      setError(check.message);
      return;
    }
    setError(null);
    setValue(check.barcode);
    onLookup(check.barcode);
  };

  return (
    <section className="card barcode" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Look up a packaged product</h2>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          lookup(value);
        }}
      >
        <label htmlFor={`${id}-code`}>Barcode</label>
        <div className="barcode-row">
          <input
            id={`${id}-code`}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            enterKeyHint="search"
            placeholder="5000112576009"
            value={value}
            maxLength={24}
            onChange={(e) => {
              setValue(e.target.value);
              if (error) setError(null);
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-hint${error ? ` ${id}-err` : ''}`}
          />
          <button type="submit" className="primary">
            Look up
          </button>
        </div>
        {error && (
          <p id={`${id}-err`} className="error-text" role="alert">
            {error}
          </p>
        )}
        <p id={`${id}-hint`} className="hint">
          {online ? 'The 8 to 14 digits under the barcode. Product details come from Open Food Facts.' : 'Barcode lookups need a connection; you are offline.'}
        </p>
      </form>
      {scan && (
        <button type="button" onClick={() => setScanning(true)}>
          Scan with camera
        </button>
      )}
      <Dialog open={scanning} title="Scan a barcode" onClose={() => setScanning(false)}>
        <BarcodeScanner
          onCancel={() => setScanning(false)}
          onDetected={(code) => {
            setScanning(false);
            lookup(code);
          }}
        />
      </Dialog>
    </section>
  );
}
