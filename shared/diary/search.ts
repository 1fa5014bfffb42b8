/**
 * History search: understands dates the way the list shows them and people type them
 * ("Mon, 30 Nov 2026", "Nov 30", "30 Nov", "11/30", "2026-11-30", "Monday", "March", "2026")
 * and food names or words from the notes. Every date part typed must hold; the remaining words must
 * appear together in one food name or in the notes.
 */

export interface SearchableDay {
  /** "YYYY-MM-DD" */
  date: string;
  ingredients: readonly string[];
  notes?: string;
}

interface DateParts {
  year?: number;
  month?: number; // 1–12
  day?: number; // 1–31
}

export interface DayQuery {
  /** Alternatives for an ambiguous form such as "3/4" (4 March or 3 April); null when no date part was typed, empty when none can match. */
  dates: DateParts[] | null;
  /** 0 = Sunday … 6 = Saturday */
  weekday?: number;
  /** Lower-case words that must be found in a food name or the notes (as one phrase). */
  text: string;
  /** The query as typed, lower-case, for a plain match against the ISO date ("2026-11"). */
  raw: string;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** "nov", "nov.", "novem", "november", "sept" → 11 / 9; a name needs at least three letters. */
function monthOf(word: string): number | undefined {
  const w = word.replace(/\.$/, '');
  if (w.length < 3) return undefined;
  const i = MONTHS.findIndex((m) => m.startsWith(w) || (w === 'sept' && m === 'september'));
  return i >= 0 ? i + 1 : undefined;
}

/** "mon", "tue", "tues", "thur", "thurs", "monday" → weekday number. */
function weekdayOf(word: string): number | undefined {
  const w = word.replace(/\.$/, '');
  if (w.length < 3) return undefined;
  const i = WEEKDAYS.findIndex((d) => d.startsWith(w));
  return i >= 0 ? i : undefined;
}

function merge(a: DateParts, b: DateParts): DateParts | null {
  const out: DateParts = { ...a };
  for (const k of ['year', 'month', 'day'] as const) {
    const v = b[k];
    if (v === undefined) continue;
    if (out[k] !== undefined && out[k] !== v) return null;
    out[k] = v;
  }
  return out;
}

/** "11/30", "30/11", "30.11.", "11/30/2026", "30/11/26": every reading that is a real day and month. */
function slashedDate(word: string): DateParts[] | null {
  const m = /^(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2}|\d{4})?)?$/.exec(word);
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[2]);
  const year = m[3] ? (m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3])) : undefined;
  const readings: DateParts[] = [];
  if (a >= 1 && a <= 12 && b >= 1 && b <= 31) readings.push({ month: a, day: b, year });
  if (b >= 1 && b <= 12 && a >= 1 && a <= 31 && a !== b) readings.push({ month: b, day: a, year });
  return readings;
}

export function parseDayQuery(query: string): DayQuery {
  const words = query.trim().toLowerCase().split(/[\s,]+/).filter(Boolean);
  const raw = words.join(' ');
  let dates: DateParts[] = [{}];
  let weekday: number | undefined;
  let sawDate = false;
  const text: string[] = [];
  const constrain = (alternatives: DateParts[]) => {
    sawDate = true;
    const next: DateParts[] = [];
    for (const d of dates) for (const alt of alternatives) {
      const m = merge(d, alt);
      if (m) next.push(m);
    }
    dates = next;
  };

  for (const word of words) {
    const iso = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(word);
    if (iso) {
      constrain([{ year: Number(iso[1]), month: Number(iso[2]), day: iso[3] ? Number(iso[3]) : undefined }]);
      continue;
    }
    const slashed = slashedDate(word);
    if (slashed) {
      constrain(slashed);
      continue;
    }
    const num = /^(\d{1,4})(?:st|nd|rd|th)?\.?$/.exec(word);
    if (num) {
      const n = Number(num[1]);
      if (num[1]!.length === 4) constrain([{ year: n }]);
      else if (n >= 1 && n <= 31) constrain([{ day: n }]);
      else text.push(word);
      continue;
    }
    const month = monthOf(word);
    // "may" and "mar" are months; a food name such as "mango" or "apricot" is not.
    if (month !== undefined) {
      constrain([{ month }]);
      continue;
    }
    const wd = weekdayOf(word);
    if (wd !== undefined) {
      weekday = weekday === undefined || weekday === wd ? wd : -1;
      continue;
    }
    text.push(word);
  }
  return { dates: sawDate ? dates : null, weekday, text: text.join(' '), raw };
}

function weekdayOfIso(iso: string): number {
  return new Date(`${iso}T12:00:00Z`).getUTCDay();
}

/** Whether a day matches a parsed query (see parseDayQuery). */
export function dayMatchesQuery(day: SearchableDay, q: DayQuery): boolean {
  if (!q.raw) return true;
  // The ISO form as stored ("2026-11", "11-30") always works, as it did before.
  if (/^[\d-]+$/.test(q.raw) && q.raw.includes('-') && day.date.includes(q.raw)) return true;
  const [y, m, d] = day.date.split('-').map(Number) as [number, number, number];
  if (q.weekday !== undefined && q.weekday !== weekdayOfIso(day.date)) return false;
  if (q.dates && !q.dates.some((p) => (p.year === undefined || p.year === y) && (p.month === undefined || p.month === m) && (p.day === undefined || p.day === d))) return false;
  if (!q.text) return true;
  return day.ingredients.some((i) => i.toLowerCase().includes(q.text)) || (day.notes ?? '').toLowerCase().includes(q.text);
}

/** The days matching what the person typed, in the order given. */
export function searchDays<T extends SearchableDay>(days: readonly T[], query: string): T[] {
  const q = parseDayQuery(query);
  if (!q.raw) return [...days];
  return days.filter((d) => dayMatchesQuery(d, q));
}
