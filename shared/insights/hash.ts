/**
 * Cache key for insights: a content hash of exactly what the engine reads. Synchronous on purpose
 * (WebCrypto digests are async and this runs on every render of the Insights page).
 */
import type { SymptomDefinition } from '../schema';
import { ENGINE_VERSION } from './analyse';
import { byCodePoint } from './order';
import type { DiaryEntry } from './types';

/**
 * FNV-1a 64-bit over the UTF-8 bytes of `text`, as 16 hex digits. The 64-bit state is kept in four
 * 16-bit limbs so every product stays exact in a double.
 */
export function fnv1a64(text: string): string {
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  const eat = (byte: number): void => {
    h0 ^= byte;
    // h · 0x100000001b3 = h · 0x1b3 + (h << 40)
    const t0 = h0 * 0x1b3;
    let t1 = h1 * 0x1b3;
    let t2 = h2 * 0x1b3 + (h0 << 8);
    const t3 = h3 * 0x1b3 + (h1 << 8);
    t1 += t0 >>> 16;
    h0 = t0 & 0xffff;
    t2 += t1 >>> 16;
    h1 = t1 & 0xffff;
    h3 = (t3 + (t2 >>> 16)) & 0xffff;
    h2 = t2 & 0xffff;
  };
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) eat(c);
    else if (c < 0x800) {
      eat(0xc0 | (c >> 6));
      eat(0x80 | (c & 63));
    } else if (c < 0x10000) {
      eat(0xe0 | (c >> 12));
      eat(0x80 | ((c >> 6) & 63));
      eat(0x80 | (c & 63));
    } else {
      eat(0xf0 | (c >> 18));
      eat(0x80 | ((c >> 12) & 63));
      eat(0x80 | ((c >> 6) & 63));
      eat(0x80 | (c & 63));
    }
  }
  const hex = (v: number) => v.toString(16).padStart(4, '0');
  return hex(h3) + hex(h2) + hex(h1) + hex(h0);
}

/**
 * The canonical text of what the analysis depends on: per log (by date) its date, its distinct
 * ingredients (sorted: order and repeats within a day do not change any result), its ratings and
 * its cycle phase; the polarity of every defined symptom; and the engine version.
 */
export function canonicalDiary(logs: readonly DiaryEntry[], definitions: readonly SymptomDefinition[] = []): string {
  const rows = logs
    .map((l) => [
      l.date,
      [...new Set(l.ingredients)].sort(byCodePoint),
      Object.keys(l.symptoms)
        .sort(byCodePoint)
        .map((k) => [k, l.symptoms[k]]),
      l.cycle_phase ?? null,
    ])
    .map((row) => JSON.stringify(row))
    .sort(); // dates are unique, so this orders by date; ties (invalid input) still sort deterministically
  const polarities = definitions
    .map((d) => [d.key, d.polarity] as const)
    .sort((a, b) => byCodePoint(a[0], b[0]) || byCodePoint(a[1], b[1]));
  return JSON.stringify({ engine: ENGINE_VERSION, polarities, logs: rows });
}

/**
 * Stable 64-bit content hash (16 hex digits) of the analysed fields of the logs, independent of log
 * order. Any change to a date, an ingredient set, a rating, a cycle phase or a symptom's polarity
 * changes it; notes, ids and timestamps do not (they change no insight).
 */
export function logsHash(logs: readonly DiaryEntry[], definitions: readonly SymptomDefinition[] = []): string {
  return fnv1a64(canonicalDiary(logs, definitions));
}
