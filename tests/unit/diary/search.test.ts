import { describe, expect, it } from 'vitest';
import { parseDayQuery, searchDays } from '../../../shared/diary/search';
import { badness, severityBand, severityLegend } from '../../../shared/diary/severity';
import { monthGrid, shiftMonth } from '../../../shared/diary/calendar';
import { IMPORT_OLDEST_YEARS, implausibleDates, listDates, withoutDates } from '../../../shared/diary/import';

// 2026-11-30 is a Monday; 2026-03-04 a Wednesday; 2026-04-03 a Friday; 2025-11-30 a Sunday.
const days = [
  { date: '2026-11-30', ingredients: ['oat milk', 'coffee'], notes: 'Slept badly' },
  { date: '2026-11-29', ingredients: ['rice'] },
  { date: '2026-03-04', ingredients: ['mango', 'yoghurt'] },
  { date: '2026-04-03', ingredients: ['apricot'] },
  { date: '2025-11-30', ingredients: ['bread'] },
  { date: '2026-05-11', ingredients: ['sunflower seeds'], notes: 'may be the seeds' },
];
const find = (q: string) => searchDays(days, q).map((d) => d.date);

describe('history search', () => {
  it('finds a day written the way the list shows it, in either order, with or without the year', () => {
    expect(find('Mon, 30 Nov 2026')).toEqual(['2026-11-30']);
    expect(find('Mon, Nov 30, 2026')).toEqual(['2026-11-30']);
    expect(find('Nov 30')).toEqual(['2026-11-30', '2025-11-30']);
    expect(find('30 Nov')).toEqual(['2026-11-30', '2025-11-30']);
    expect(find('30 November 2025')).toEqual(['2025-11-30']);
    expect(find('nov. 30th')).toEqual(['2026-11-30', '2025-11-30']);
  });

  it('reads numeric dates both ways round when only one reading is a real date', () => {
    expect(find('11/30')).toEqual(['2026-11-30', '2025-11-30']);
    expect(find('30/11')).toEqual(['2026-11-30', '2025-11-30']);
    expect(find('30.11.2025')).toEqual(['2025-11-30']);
    expect(find('11/30/26')).toEqual(['2026-11-30']);
  });

  it('shows both days for an ambiguous numeric date (4 March and 3 April)', () => {
    expect(find('3/4')).toEqual(['2026-03-04', '2026-04-03']);
  });

  it('keeps the stored ISO form working, whole or in part', () => {
    expect(find('2026-11-30')).toEqual(['2026-11-30']);
    expect(find('2026-11')).toEqual(['2026-11-30', '2026-11-29']);
  });

  it('finds weekdays, months and years by name', () => {
    expect(find('Monday')).toEqual(['2026-11-30', '2026-05-11']);
    expect(find('sun')).toEqual(['2026-11-29', '2025-11-30']);
    expect(find('March')).toEqual(['2026-03-04']);
    expect(find('may')).toEqual(['2026-05-11']);
    expect(find('2025')).toEqual(['2025-11-30']);
    expect(find('Monday November')).toEqual(['2026-11-30']);
  });

  it('finds foods and note words, also beside a date', () => {
    expect(find('oat milk')).toEqual(['2026-11-30']);
    expect(find('MANGO')).toEqual(['2026-03-04']);
    expect(find('apricot')).toEqual(['2026-04-03']);
    expect(find('sunflower')).toEqual(['2026-05-11']);
    expect(find('slept')).toEqual(['2026-11-30']);
    expect(find('coffee monday')).toEqual(['2026-11-30']);
    expect(find('rice monday')).toEqual([]);
  });

  it('matches nothing for a date that cannot exist or contradicts itself, and everything for an empty query', () => {
    expect(find('3/45')).toEqual([]);
    expect(find('monday tuesday')).toEqual([]);
    expect(find('march november')).toEqual([]);
    expect(find('  ')).toHaveLength(days.length);
  });

  it('parses the parts it understood', () => {
    expect(parseDayQuery('Mon 30 Nov oats')).toEqual({ dates: [{ day: 30, month: 11 }], weekday: 1, text: 'oats', raw: 'mon 30 nov oats' });
  });
});

describe('severity on each symptom’s own scale', () => {
  it('reads a high rating as bad for bloating and good for energy', () => {
    expect(severityBand(5, 'higher_is_worse')).toBe('bad');
    expect(severityBand(5, 'higher_is_better')).toBe('good');
    expect(severityBand(0, 'higher_is_better')).toBe('bad');
    expect(severityBand(1, 'higher_is_worse')).toBe('good');
    expect(severityBand(2, 'higher_is_worse')).toBe('fair');
    expect(severityBand(2, 'higher_is_better')).toBe('poor');
    expect(badness(4, 'higher_is_better')).toBe(1);
  });

  it('gives a legend that covers every rating once', () => {
    for (const p of ['higher_is_worse', 'higher_is_better'] as const) {
      expect(severityLegend(p).flatMap((r) => r.values).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    }
    expect(severityLegend('higher_is_better')[0]).toEqual({ band: 'good', values: [4, 5] });
  });
});

describe('import dates that need a confirmation', () => {
  it('names days after tomorrow and more than 20 years back, and nothing else', () => {
    const dates = ['2031-01-05', '1899-12-31', '2026-12-04', '2026-12-05', '2006-12-03', '2006-12-02', '2026-12-03', '2031-01-05'];
    expect(implausibleDates(dates, '2026-12-03')).toEqual({ future: ['2026-12-05', '2031-01-05'], tooOld: ['1899-12-31', '2006-12-02'] });
    expect(IMPORT_OLDEST_YEARS).toBe(20);
  });

  it('handles 29 February as today', () => {
    expect(implausibleDates(['2008-02-28', '2008-02-27'], '2028-02-29').tooOld).toEqual(['2008-02-27']);
  });

  it('can leave those days out of the file and lists them briefly', () => {
    const file = { format: 'aurea.export', version: 1, logs: [{ date: '2031-01-05' }, { date: '2026-01-01' }] };
    expect(withoutDates(file, ['2031-01-05']).logs).toEqual([{ date: '2026-01-01' }]);
    expect(file.logs).toHaveLength(2);
    expect(listDates(['a'])).toBe('a');
    expect(listDates(['a', 'b', 'c'])).toBe('a, b and c');
    expect(listDates(['a', 'b', 'c', 'd', 'e', 'f', 'g'], 5)).toBe('a, b, c, d, e and 2 more');
  });
});

describe('month calendar grid', () => {
  it('lays a month out in Monday-first weeks with blanks outside the month', () => {
    const nov = monthGrid('2026-11'); // 1 November 2026 is a Sunday
    expect(nov[0]).toEqual([null, null, null, null, null, null, '2026-11-01']);
    expect(nov.at(-1)).toEqual(['2026-11-30', null, null, null, null, null, null]);
    expect(nov.flat().filter(Boolean)).toHaveLength(30);
    expect(monthGrid('2027-02').flat().filter(Boolean)).toHaveLength(28); // February 2027 starts on a Monday
    expect(monthGrid('2027-02')).toHaveLength(4);
    expect(monthGrid('2028-02').flat().filter(Boolean)).toHaveLength(29);
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-05', -17)).toBe('2024-12');
  });
});
