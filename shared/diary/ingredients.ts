import { normaliseIngredient } from '../ingredients/normalise';

/** Normalised, de-duplicated ingredient names in the order first given; empty names dropped. */
export function cleanIngredients(names: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of names) {
    const n = normaliseIngredient(raw);
    if (n && !seen.has(n)) {
      seen.add(n);
      out.push(n);
    }
  }
  return out;
}
