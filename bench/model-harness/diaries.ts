/**
 * The harness's population of diaries: random people generated with shared/demo, independent of the
 * three sample diaries so the model is not tuned to them. Each gets 0–4 planted food effects (random
 * foods, lags 0–2, either direction), sometimes a cycle effect and a slow trend, and a random length
 * and vocabulary size.
 */
import { CYCLE_PHASES } from '../../shared/schema';
import { Random, VOCABULARY, type GenerateDiaryOptions, type PlantedEffect, type CycleEffect } from '../../shared/demo';

const SYMPTOMS = ['bloating', 'energy', 'focus'] as const;

export interface HarnessCase {
  name: string;
  options: GenerateDiaryOptions;
}

export function harnessCases(count: number, seed = 2026, lengths: readonly number[] = [120, 240, 365, 730]): HarnessCase[] {
  const rng = new Random(`harness/${seed}`);
  const cases: HarnessCase[] = [];
  for (let c = 0; c < count; c++) {
    const days = lengths[c % lengths.length]!;
    const vocabularySize = rng.pick([100, 150, 220, 300]);
    const effects: PlantedEffect[] = [];
    const nEffects = rng.pick([0, 1, 2, 2, 3, 3, 4]);
    const used = new Set<string>();
    while (effects.length < nEffects) {
      // Mostly foods people eat often enough to learn from; sometimes a rarer one.
      const ingredient = VOCABULARY[rng.chance(0.8) ? rng.int(0, 39) : rng.int(40, 99)]!;
      if (used.has(ingredient)) continue;
      used.add(ingredient);
      const symptom = rng.pick(SYMPTOMS);
      const lag = rng.next() < 0.6 ? 0 : rng.next() < 0.75 ? 1 : 2;
      const magnitude = 0.7 + 0.9 * rng.next();
      const worse = rng.chance(0.8);
      // "worse" raises bloating and lowers energy/focus.
      const effect = (symptom === 'bloating') === worse ? magnitude : -magnitude;
      effects.push({ ingredient, symptom, lag_days: lag, effect: Math.round(effect * 100) / 100 });
    }
    const cycleEffects: CycleEffect[] = [];
    if (rng.chance(0.4)) {
      cycleEffects.push({
        symptom: rng.pick(SYMPTOMS),
        phase: rng.pick(CYCLE_PHASES),
        effect: Math.round((rng.chance(0.5) ? 1 : -1) * (0.6 + 0.7 * rng.next()) * 100) / 100,
      });
    }
    const trend: Record<string, number> = {};
    if (rng.chance(0.2)) trend[rng.pick(SYMPTOMS)] = Math.round((rng.chance(0.5) ? 1 : -1) * (1 / days) * 100000) / 100000;
    cases.push({
      name: `h${String(c).padStart(2, '0')}-${days}d-v${vocabularySize}-${effects.length}fx${cycleEffects.length ? '-cycle' : ''}`,
      options: {
        seed: `harness/${seed}/${c}`,
        days,
        vocabularySize,
        effects,
        cycleEffects,
        trend,
        trackCycle: rng.chance(0.7),
        startDate: '2025-01-06',
      },
    });
  }
  return cases;
}
