/**
 * Deep comparison for golden answers: same keys in the same order, same array lengths and order,
 * numbers within 1e-6 relative or 1e-9 absolute (DESIGN §4). `strictTiny` also requires 1e-6
 * relative agreement for tiny positive p-values, which the absolute bound alone would let through.
 */
export interface CloseOptions {
  strictTiny?: boolean;
}

const P_KEYS = /(^|\.)(p|p_value|p_adjusted|sf)$/;

export function differences(actual: unknown, expected: unknown, options: CloseOptions = {}, path = '$'): string[] {
  const out: string[] = [];
  walk(actual, expected, path);
  return out;

  function walk(a: unknown, e: unknown, p: string): void {
    if (out.length >= 20) return;
    if (Array.isArray(e)) {
      if (!Array.isArray(a)) return void out.push(`${p}: expected an array, got ${JSON.stringify(a)}`);
      if (a.length !== e.length) return void out.push(`${p}: expected ${e.length} elements, got ${a.length}`);
      e.forEach((x, i) => walk(a[i], x, `${p}[${i}]`));
      return;
    }
    if (e !== null && typeof e === 'object') {
      if (a === null || typeof a !== 'object' || Array.isArray(a)) return void out.push(`${p}: expected an object, got ${JSON.stringify(a)}`);
      const ka = Object.keys(a);
      const ke = Object.keys(e);
      if (ka.join('\u0000') !== ke.join('\u0000')) return void out.push(`${p}: keys [${ka.join(', ')}] but expected [${ke.join(', ')}]`);
      for (const k of ke) walk((a as Record<string, unknown>)[k], (e as Record<string, unknown>)[k], `${p}.${k}`);
      return;
    }
    if (typeof e === 'number') {
      if (typeof a !== 'number') return void out.push(`${p}: expected ${e}, got ${JSON.stringify(a)}`);
      const d = Math.abs(a - e);
      const rel = d <= 1e-6 * Math.abs(e);
      let ok = d <= 1e-9 || rel;
      if (options.strictTiny && P_KEYS.test(p) && e > 0 && e < 1e-9) ok = rel;
      if (!ok) out.push(`${p}: ${a} but expected ${e} (relative difference ${(d / Math.abs(e)).toExponential(2)})`);
      return;
    }
    if (a !== e) out.push(`${p}: ${JSON.stringify(a)} but expected ${JSON.stringify(e)}`);
  }
}
