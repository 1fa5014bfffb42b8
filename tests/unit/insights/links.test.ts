import { describe, expect, it } from 'vitest';
import { analyseDiary, ingredientLinks, type DiaryEntry } from '../../../shared/insights';
import { diary, rng } from './diary';

describe('ingredientLinks', () => {
  const r0 = rng(42);
  const days = Array.from({ length: 150 }, () => ({ milk: r0() < 0.3, onion: r0() < 0.3, ginger: r0() < 0.3, tea: r0() < 0.5 }));
  const logs: DiaryEntry[] = diary(
    '2025-01-01',
    days.map((d, i) => {
      const prev = days[i - 1];
      const b = 1.5 + (d.milk ? 2 : 0) - (d.ginger ? 1.2 : 0) + (prev?.onion ? 2 : 0) + (r0() - 0.5) * 1.2;
      return { food: Object.keys(d).filter((k) => d[k as keyof typeof d]), s: { bloating: Math.max(0, Math.min(5, Math.round(b))), energy: Math.floor(r0() * 6) } };
    }),
  );
  const result = analyseDiary(logs);
  const links = ingredientLinks(result);

  it('links same-day triggers, protective foods and delayed effects, with direction and lag', () => {
    expect(links.get('milk')?.[0]).toMatchObject({ symptom: 'bloating', lag: 0, direction: 'worse' });
    expect(links.get('ginger')?.[0]).toMatchObject({ symptom: 'bloating', lag: 0, direction: 'better' });
    expect(links.get('onion')?.some((l) => l.symptom === 'bloating' && l.lag === 1 && l.direction === 'worse')).toBe(true);
    expect(links.has('tea')).toBe(false);
  });

  it('lists only significant links, strongest first', () => {
    for (const list of links.values()) {
      for (const l of list) expect(l.p_adjusted).toBeLessThan(0.05);
      for (let i = 1; i < list.length; i++) expect(list[i]!.p_adjusted).toBeGreaterThanOrEqual(list[i - 1]!.p_adjusted);
    }
    const sig = result.tests.filter((t) => t.p_adjusted! < 0.05).length + result.delayed.length;
    expect([...links.values()].reduce((n, l) => n + l.length, 0)).toBe(sig);
  });

  it('is empty for a diary without findings', () => {
    expect(ingredientLinks(analyseDiary([])).size).toBe(0);
  });
});

describe('ingredientLinks with an explained finding', () => {
  it('marks the rider with its explanation and keeps the real trigger plain', async () => {
    const { generateDiary } = await import('../../../shared/demo');
    const result = analyseDiary(generateDiary({ persona: 'decoy', seed: 2 }).logs);
    const links = ingredientLinks(result);
    const coconut = links.get('coconut milk')?.find((l) => l.symptom === 'bloating' && l.lag === 1);
    expect(coconut?.explained).toMatchObject({ by_ingredient: 'onion', by_lag_days: 1 });
    expect(coconut?.polarity).toBe('higher_is_worse');
    const onion = links.get('onion')?.find((l) => l.symptom === 'bloating' && l.lag === 1);
    expect(onion).toBeDefined();
    expect(onion!.explained).toBeUndefined();
  });
});

describe('personalFindings with an explained finding', () => {
  it('says the rider only looks linked, names the likelier trigger, and marks it explained_by', async () => {
    const { generateDiary } = await import('../../../shared/demo');
    const { personalFindings } = await import('../../../shared/insights');
    const links = ingredientLinks(analyseDiary(generateDiary({ persona: 'decoy', seed: 2 }).logs));
    const wording = () => ({ label: 'Bloating', polarity: 'higher_is_worse' as const });
    const coconut = personalFindings('coconut milk', links.get('coconut milk') ?? [], wording).find((f) => f.symptom === 'bloating' && f.lag === 1);
    expect(coconut?.explained_by).toBe('onion');
    expect(coconut?.summary).toMatch(/^Only looks linked: (mostly|almost always|always) eaten with onion$/);
    expect(coconut?.detail).toMatch(/^Coconut milk looks linked to more bloating the next day, but it is .*eaten with onion/);
    const onion = personalFindings('onion', links.get('onion') ?? [], wording).find((f) => f.symptom === 'bloating' && f.lag === 1);
    expect(onion?.explained_by).toBeUndefined();
    expect(onion?.summary).toContain('Linked to more bloating the next day');
  });
});
