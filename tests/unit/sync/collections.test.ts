import { describe, expect, it } from 'vitest';
import type { DailyLog, SymptomDefinition } from '../../../shared/schema';
import { BUILTIN_SYMPTOMS } from '../../../shared/schema';
import {
  appliedChangeOf,
  collectionOf,
  initialChanges,
  logChange,
  logFields,
  logFromDoc,
  sameApplied,
  settingsChange,
  settingsFromDoc,
  symptomDefinitionsChange,
  symptomDefinitionsFromDoc,
  SYMPTOMS_RECORD,
  type OutboxChange,
} from '../../../shared/sync/collections';
import { applyLocalDelete, applyLocalPatch, emptyDoc, mergeDocs, type SyncDoc } from '../../../shared/sync/doc';

const T = Date.UTC(2026, 4, 2, 19, 45);

const log = (over: Partial<DailyLog> = {}): DailyLog => ({
  id: '0b7f0c2e-3a43-4c1e-9a52-5c7a2f0d9e11',
  date: '2026-05-02',
  ingredients: ['oats', 'oat milk', 'blueberries'],
  symptoms: { bloating: 2, energy: 4, focus: 3 },
  cycle_phase: 'luteal',
  notes: 'late lunch',
  created_at: '2026-05-02T08:00:00.000Z',
  updated_at: '2026-05-02T19:45:00.000Z',
  ...over,
});

function fold(doc: SyncDoc, change: OutboxChange | null, node = 'nodeA'): SyncDoc {
  if (!change) return doc;
  return change.op === 'patch' ? applyLocalPatch(doc, change.fields, change.at, node) : applyLocalDelete(doc, change.at, node);
}

describe('record names', () => {
  it('knows its collections and refuses unknown names', () => {
    expect(collectionOf('log:2026-05-02')).toBe('log');
    expect(collectionOf('log:2026-02-30')).toBeNull();
    expect(collectionOf(SYMPTOMS_RECORD)).toBe('symptoms');
    expect(collectionOf('settings:display')).toBe('settings');
    expect(collectionOf('settings:../x')).toBeNull();
    expect(collectionOf('photos:1')).toBeNull();
  });
});

describe('logs as sync documents', () => {
  it('round-trips a log, keeping custom symptoms and extra fields', () => {
    const original = log({ symptoms: { bloating: 2, 'joint pain': 1 }, mood_tag: 'calm', cycle_phase: null, notes: undefined });
    delete original.notes;
    const doc = fold(emptyDoc('log:2026-05-02'), logChange(undefined, original, T));
    expect(logFromDoc(doc)).toEqual({ ...original, updated_at: new Date(T).toISOString() });
  });

  it('sends only the fields that changed, and removed symptoms as null', () => {
    const before = log();
    const after = log({ ingredients: ['oats', 'blueberries'], symptoms: { bloating: 4, energy: 4 }, updated_at: 'ignored-by-diff' });
    expect(logChange(before, after, T)).toEqual({
      name: 'log:2026-05-02',
      at: T,
      op: 'patch',
      fields: { ingredients: ['oats', 'blueberries'], 'symptom:bloating': 4, 'symptom:focus': null },
    });
    expect(logChange(before, log({ updated_at: '2026-05-03T00:00:00.000Z' }), T)).toBeNull();
    expect(logChange(before, null, T)).toEqual({ name: 'log:2026-05-02', at: T, op: 'delete' });
    expect(logChange(undefined, null, T)).toBeNull();
    expect(() => logChange(before, log({ date: '2026-05-03' }), T)).toThrow(/cannot change its date/);
  });

  it('a new log sends every field, including empty ones, so the day exists everywhere', () => {
    const empty = log({ ingredients: [], symptoms: {}, cycle_phase: null });
    delete empty.notes;
    const change = logChange(undefined, empty, T);
    expect(change?.op === 'patch' && Object.keys(change.fields).sort()).toEqual(['@created_at', '@id', 'cycle_phase', 'ingredients', 'notes']);
    const doc = fold(emptyDoc('log:2026-05-02'), change);
    expect(logFromDoc(doc)?.ingredients).toEqual([]);
  });

  it('a deleted day has no log; updated_at follows the latest visible edit', () => {
    let doc = fold(emptyDoc('log:2026-05-02'), logChange(undefined, log(), T));
    doc = fold(doc, logChange(log(), log({ notes: 'edited' }), T + 60_000));
    expect(logFromDoc(doc)?.updated_at).toBe(new Date(T + 60_000).toISOString());
    doc = fold(doc, logChange(log(), null, T + 120_000));
    expect(logFromDoc(doc)).toBeNull();
    expect(appliedChangeOf(doc)).toEqual({ collection: 'log', date: '2026-05-02', log: null });
  });

  it('refuses decrypted content that is not a valid log', () => {
    const doc = applyLocalPatch(emptyDoc('log:2026-05-02'), { ...logFields(log()), 'symptom:bloating': 9 }, T, 'nodeA');
    expect(() => logFromDoc(doc)).toThrow();
  });

  it('compares applied values without updated_at', () => {
    const a = { collection: 'log' as const, date: '2026-05-02', log: log() };
    expect(sameApplied(a, { ...a, log: log({ updated_at: '2027-01-01T00:00:00.000Z' }) })).toBe(true);
    expect(sameApplied(a, { ...a, log: log({ notes: 'x' }) })).toBe(false);
  });
});

describe('symptom definitions and settings', () => {
  const custom: SymptomDefinition = { key: 'headache', label: 'Headache', polarity: 'higher_is_worse', builtin: false };

  it('merge per definition, built-ins listed first', () => {
    const a = symptomDefinitionsChange([], [custom, ...BUILTIN_SYMPTOMS], T);
    let doc = fold(emptyDoc(SYMPTOMS_RECORD), a);
    expect(symptomDefinitionsFromDoc(doc).map((d) => d.key)).toEqual(['bloating', 'energy', 'focus', 'headache']);
    doc = fold(doc, symptomDefinitionsChange([custom, ...BUILTIN_SYMPTOMS], [...BUILTIN_SYMPTOMS], T + 1));
    expect(symptomDefinitionsFromDoc(doc).map((d) => d.key)).toEqual(['bloating', 'energy', 'focus']);
    expect(symptomDefinitionsChange(BUILTIN_SYMPTOMS, [...BUILTIN_SYMPTOMS], T)).toBeNull();
  });

  it('settings merge per setting and can be deleted as a group', () => {
    let doc = fold(emptyDoc('settings:display'), settingsChange('display', null, { theme: 'dark', units: 'metric' }, T));
    doc = fold(doc, settingsChange('display', { theme: 'dark', units: 'metric' }, { theme: 'light', units: 'metric' }, T + 1));
    expect(settingsFromDoc(doc)).toEqual({ theme: 'light', units: 'metric' });
    doc = fold(doc, settingsChange('display', { theme: 'light' }, null, T + 2));
    expect(settingsFromDoc(doc)).toBeNull();
    expect(() => settingsChange('Bad Group', null, {}, T)).toThrow(/settings group/);
  });
});

describe('turning sync on', () => {
  it('queues existing data stamped with each log’s own updated_at', () => {
    const older = log({ date: '2026-01-01', updated_at: '2026-01-01T21:00:00.000Z' });
    const changes = initialChanges({ logs: [older, log()], symptomDefinitions: BUILTIN_SYMPTOMS, settings: { display: { theme: 'dark' } } }, T);
    expect(changes.map((c) => [c.name, c.at])).toEqual([
      ['log:2026-01-01', Date.parse('2026-01-01T21:00:00.000Z')],
      ['log:2026-05-02', Date.parse('2026-05-02T19:45:00.000Z')],
      [SYMPTOMS_RECORD, T],
      ['settings:display', T],
    ]);
  });
});

describe('meals as sync fields', () => {
  const withMeals = (meals: DailyLog['meals']): DailyLog => log({ meals, ingredients: [...new Set(meals!.flatMap((m) => m.ingredients))] });
  const base = withMeals([
    { id: 'breakfast', name: 'Breakfast', time: '08:00', ingredients: ['oats', 'milk'] },
    { id: 'dinner', name: 'Dinner', time: '19:00', ingredients: ['rice'] },
  ]);

  it('round-trips a day with meals', () => {
    const doc = fold(emptyDoc('log:2026-05-02'), logChange(undefined, base, T));
    expect(logFromDoc(doc)).toEqual({ ...base, updated_at: new Date(T).toISOString() });
  });

  it('merges per meal: breakfast edited on one device and dinner on another both survive', () => {
    const start = fold(emptyDoc('log:2026-05-02'), logChange(undefined, base, T));
    const onA = withMeals([
      { id: 'breakfast', name: 'Breakfast', time: '08:00', ingredients: ['oats', 'milk', 'banana'] },
      { id: 'dinner', name: 'Dinner', time: '19:00', ingredients: ['rice'] },
    ]);
    const onB = withMeals([
      { id: 'breakfast', name: 'Breakfast', time: '08:00', ingredients: ['oats', 'milk'] },
      { id: 'dinner', name: 'Dinner', time: '19:30', ingredients: ['rice', 'curry'] },
    ]);
    const a = fold(start, logChange(base, onA, T + 1000), 'nodeA');
    const b = fold(start, logChange(base, onB, T + 2000), 'nodeB');
    const merged = logFromDoc(mergeDocs(a, b))!;
    expect(merged.meals).toEqual([
      { id: 'breakfast', name: 'Breakfast', time: '08:00', ingredients: ['oats', 'milk', 'banana'] },
      { id: 'dinner', name: 'Dinner', time: '19:30', ingredients: ['rice', 'curry'] },
    ]);
    // The day's foods (what the analysis reads) are the union of the merged meals.
    expect(merged.ingredients).toEqual(['oats', 'milk', 'banana', 'rice', 'curry']);
  });

  it('sends a removed meal as null, and a day without meals stays without', () => {
    const change = logChange(base, withMeals([{ id: 'breakfast', name: 'Breakfast', time: '08:00', ingredients: ['oats', 'milk'] }]), T);
    expect(change).toMatchObject({ op: 'patch', fields: { 'meal:dinner': null, ingredients: ['oats', 'milk'] } });
    const plain = log();
    expect(logFromDoc(fold(emptyDoc('log:2026-05-02'), logChange(undefined, plain, T)))!.meals).toBeUndefined();
  });
});
