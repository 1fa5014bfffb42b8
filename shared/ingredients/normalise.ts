/**
 * Ingredient name normalisation (DESIGN §3): lowercase, trim, strip punctuation, collapse spaces.
 * Idempotent: normaliseIngredient(normaliseIngredient(x)) === normaliseIngredient(x).
 * (Singularisation and aliases are added with the food table.)
 */
export function normaliseIngredient(raw: string): string {
  return raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s'-]/gu, ' ')
    .replace(/['-]+/g, (m) => (m.includes('-') ? '-' : "'"))
    .replace(/\s+/g, ' ')
    .trim();
}
