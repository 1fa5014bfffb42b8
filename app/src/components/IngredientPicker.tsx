import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { normaliseIngredient } from '../../../shared/ingredients/normalise';
import { INGREDIENT_NAME_MAX } from '../../../shared/schema/log';

/** Names typed (comma-separated) that are longer than a day can hold, with their length. */
function tooLong(text: string): { name: string; length: number } | null {
  for (const raw of text.split(',')) {
    const name = normaliseIngredient(raw);
    if ([...name].length > INGREDIENT_NAME_MAX) return { name, length: [...name].length };
  }
  return null;
}

export interface Suggestion {
  name: string;
  /** Where it comes from: the person's own history, their recipes, the bundled food table, or a product known on this device. */
  source: 'yours' | 'recipes' | 'food table' | 'product';
  count?: number;
  /** A dish (bundled) or one of the person's recipes: logging it brings its ingredients along. */
  kind?: 'dish' | 'recipe';
  /** A product's brand. */
  detail?: string;
}

/** The small note beside a suggestion: what it is and, for the person's own foods, how often they log it. */
function suggestionNote(o: Suggestion): string {
  const what = o.source === 'product' ? (o.detail ? `product · ${o.detail}` : 'product') : o.kind === 'recipe' ? 'my recipe' : o.kind === 'dish' ? 'dish' : o.source === 'food table' ? 'common food' : '';
  const used = o.source === 'yours' && o.count ? `logged ${o.count}×` : '';
  return [what, used].filter(Boolean).join(' · ');
}

/**
 * Ingredient chips plus a type-ahead (ARIA 1.2 combobox). Enter or comma adds what is typed;
 * Backspace on an empty field removes the last chip.
 */
export function IngredientPicker(props: {
  value: string[];
  onChange: (next: string[]) => void;
  suggest: (query: string) => Suggestion[];
  renderBadge?: (name: string) => ReactNode;
  onOpenFood?: (name: string) => void;
  label?: string;
  /** The accessible name of the chips already picked (e.g. "Breakfast foods"). */
  listLabel?: string;
}) {
  const { value, onChange, suggest } = props;
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  const options = useMemo(() => {
    const q = normaliseIngredient(text);
    if (!q) return [];
    return suggest(q).filter((s) => !value.includes(s.name)).slice(0, 8);
  }, [text, suggest, value]);

  const overLimit = tooLong(text);

  // As chips are added the field moves down: keep it in view, clear of the Save bar (html's scroll-padding).
  useEffect(() => {
    const input = inputRef.current;
    if (input && document.activeElement === input) input.scrollIntoView({ block: 'nearest' });
  }, [value.length]);

  const add = (raw: string) => {
    if (tooLong(raw)) return;
    const names = raw.split(',').map(normaliseIngredient).filter(Boolean);
    const next = [...value];
    for (const n of names) if (!next.includes(n)) next.push(n);
    if (next.length !== value.length) onChange(next);
    setText('');
    setActive(-1);
    setOpen(false);
  };
  const remove = (name: string) => {
    onChange(value.filter((v) => v !== name));
    inputRef.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && options.length) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (a + 1) % options.length);
    } else if (e.key === 'ArrowUp' && options.length) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (a <= 0 ? options.length - 1 : a - 1));
    } else if (e.key === 'Enter') {
      if (open && active >= 0 && options[active]) {
        e.preventDefault();
        add(options[active].name);
      } else if (text.trim()) {
        e.preventDefault();
        add(text);
      }
    } else if (e.key === ',') {
      e.preventDefault();
      if (text.trim()) add(text);
    } else if (e.key === 'Escape') {
      setOpen(false);
      setActive(-1);
    } else if (e.key === 'Backspace' && text === '' && value.length) {
      onChange(value.slice(0, -1));
    }
  };

  const listId = `${id}-list`;
  const showList = open && options.length > 0;
  return (
    <div className="field">
      <label htmlFor={`${id}-input`}>{props.label ?? 'What did you eat and drink?'}</label>
      {value.length > 0 && (
        <ul className="chips picked" aria-label={props.listLabel ?? 'Ingredients for this day'}>
          {value.map((name) => (
            <li key={name} className="chip">
              {props.onOpenFood ? (
                <button type="button" className="chip-name" onClick={() => props.onOpenFood!(name)} aria-label={`About ${name}`}>
                  {name}
                </button>
              ) : (
                <span>{name}</span>
              )}
              {props.renderBadge?.(name)}
              <button type="button" className="remove" onClick={() => remove(name)} aria-label={`Remove ${name}`}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="combo">
        <input
          ref={inputRef}
          id={`${id}-input`}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={showList}
          aria-controls={listId}
          aria-activedescendant={showList && active >= 0 ? `${id}-opt-${active}` : undefined}
          autoComplete="off"
          autoCapitalize="none"
          enterKeyHint="done"
          placeholder="Type a food, press Enter"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          aria-invalid={overLimit ? true : undefined}
          aria-describedby={overLimit ? `${id}-too-long` : `${id}-hint`}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onFocus={() => setOpen(true)}
        />
        <ul id={listId} role="listbox" aria-label="Suggestions" hidden={!showList}>
          {options.map((o, i) => (
            <li
              key={o.name}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                add(o.name);
              }}
            >
              <span>{o.name}</span>
              <span className="src">{suggestionNote(o)}</span>
            </li>
          ))}
        </ul>
      </div>
      {overLimit ? (
        <p id={`${id}-too-long`} className="error-text" role="alert">
          That name has {overLimit.length} characters; a food name can have at most {INGREDIENT_NAME_MAX}. Shorten it to add it.
        </p>
      ) : (
        <p id={`${id}-hint`} className="hint">
          Separate several with commas. Names are tidied for you ("Eggs" → "egg").
        </p>
      )}
    </div>
  );
}

/** One-tap chips (frequent / recent): tapping toggles the ingredient in today's list. */
export function QuickChips({ title, names, selected, onToggle }: { title: string; names: string[]; selected: string[]; onToggle: (name: string) => void }) {
  if (names.length === 0) return null;
  return (
    <div className="quick">
      <h3>{title}</h3>
      <ul className="chips">
        {names.map((n) => (
          <li key={n}>
            <button type="button" className={`chip add${selected.includes(n) ? ' on' : ''}`} aria-pressed={selected.includes(n)} onClick={() => onToggle(n)}>
              {selected.includes(n) ? '✓ ' : '+ '}
              {n}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
