import { useId, type ReactNode, type Ref } from 'react';
import type { AdditiveInfo } from '../../../shared/ingredients/additives';
import type { ImpactLevel, IngredientFlag, NutrientsPer100g, ScoreReason, SourceRef } from '../../../shared/ingredients/types';
import { OVERALL_WEIGHTS } from '../../../shared/scoring/rules';
import { describeScores, GENERAL_GUIDANCE, PERSONAL_FINDINGS, type Tone } from '../../../shared/scoring/wording';
import type { PersonalFinding } from '../../../shared/insights/links';
import type { FoodView } from '../state/food-lookup/types';

export interface FoodCardProps {
  food: FoodView;
  /** What the person's diary links to this food: null (or absent) = not worked out yet; [] = nothing linked. */
  personal?: PersonalFinding[] | null;
  /** Controls shown under the heading (e.g. which source's data to show). */
  toolbar?: ReactNode;
  headingRef?: Ref<HTMLHeadingElement>;
}

/**
 * The food card: what the person's own diary shows comes first, then the general scores with their
 * calm labels and every rule behind them, labelled as general. The direction of each scale is spelled out, since
 * "higher" is gentler for blood sugar and gut but means more impact for inflammation and hormones.
 */
export function FoodCard({ food, personal, toolbar, headingRef }: FoodCardProps) {
  const id = useId();
  const scored = food.score;
  const s = scored.scores;
  const words = describeScores(scored);
  const why = (d: ScoreReason['dimension']) => scored.reasons.filter((r) => r.dimension === d);
  const product = food.product;
  // A food the person's own diary links to worse symptoms: the general score must not read as a verdict.
  // (Not when the link is explained by another food eaten with it: that one is the likelier trigger.)
  const worse = !!personal?.some((p) => p.direction === 'worse' && !p.explained_by);
  const subtitle = [product?.brand, product?.quantity, !product ? food.ingredient.category : undefined].filter(Boolean).join(' · ');

  return (
    <article className="card food-card" aria-labelledby={`${id}-name`}>
      <header className="food-head">
        {product?.image_url && <ProductImage src={product.image_url} name={food.name} />}
        <div className="food-title">
          <h2 id={`${id}-name`} ref={headingRef} tabIndex={-1}>
            {food.name}
          </h2>
          {subtitle && <p className="muted small food-subtitle">{subtitle}</p>}
          {food.table?.made_of && food.table.made_of.length > 0 && (
            <p className="small food-made-of">
              <span className="kind-tag">dish</span> Made of: {food.table.made_of.map((p) => `${p.name} ${p.grams} g`).join(', ')}
              <span className="muted"> (a typical serving)</span>
            </p>
          )}
          <p className="small food-origin">
            <OriginLine food={food} />
          </p>
        </div>
      </header>
      {toolbar}
      {food.warnings.length > 0 && (
        <ul className="food-warnings small">
          {food.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}

      <section className={`food-section personal${worse ? ' personal-worse' : ''}`} aria-labelledby={`${id}-personal`}>
        <h3 id={`${id}-personal`}>{PERSONAL_FINDINGS.heading}</h3>
        {personal == null ? (
          <p>Your diary has not been analysed for this yet. Once you have logged a few weeks of days, any pattern between {food.name} and how you feel shows here.</p>
        ) : personal.length === 0 ? (
          <p>Nothing in your diary links {food.name} to your symptoms so far.</p>
        ) : (
          <ul className="personal-links">
            {personal.map((p) => (
              <li key={`${p.symptom}:${p.lag}`} className={`personal-link ${p.explained_by ? 'explained' : p.direction}`}>
                <strong>{p.summary}.</strong> <span className="small">{p.detail}</span>
              </li>
            ))}
          </ul>
        )}
        <p className="hint food-note">{PERSONAL_FINDINGS.note}</p>
      </section>

      {product && <LabelSection food={food} id={id} />}

      <section className="food-section" aria-labelledby={`${id}-general`}>
        <h3 id={`${id}-general`}>{GENERAL_GUIDANCE.heading}</h3>
        <p className="hint food-note">{GENERAL_GUIDANCE.note}</p>

        <div className={`overall tone-${words.overall.tone}`}>
          <div className="overall-value" aria-hidden="true">
            {s.overall_score}
          </div>
          <div>
            <p className="overall-label">For most people: {words.overall.label}</p>
            <p className="small muted">General score {s.overall_score} of 100 · higher is better</p>
            <p className="small">{words.sentence}</p>
            {worse && <p className="small personal-aside">Your own diary says otherwise for you: see above.</p>}
          </div>
        </div>
        {food.ingredient.flags.length > 0 && (
          <div className="food-flags">
            <span className="small muted">Known for:</span>
            <ul className="chips" aria-label="Known for">
              {food.ingredient.flags.map((f) => (
                <li key={f} className="chip flag-chip" title={food.ingredient.flag_reasons?.[f]}>
                  {FLAG_WORDS[f]}
                </li>
              ))}
            </ul>
          </div>
        )}

        <div className="dims">
          <Dimension id={`${id}-bs`} title="Blood sugar" value={s.blood_sugar_impact} tone={words.blood_sugar.tone} label={words.blood_sugar.label} low="rises quickly" high="gentle" direction="higher is gentler" reasons={why('blood_sugar')} />
          <Dimension id={`${id}-inf`} title="Inflammation" value={s.inflammation_potential} tone={words.inflammation.tone} label={words.inflammation.label} low="less" high="more" direction="higher means more impact" reasons={why('inflammation')} />
          <Dimension id={`${id}-gut`} title="Gut" value={s.gut_impact} tone={words.gut.tone} label={words.gut.label} low="harder on the gut" high="gentle" direction="higher is gentler" reasons={why('gut')} />
          <Dimension
            id={`${id}-hor`}
            title="Hormonal"
            value={s.hormonal_relevance.score}
            tone={words.hormonal.tone}
            label={words.hormonal.label}
            low="less"
            high="more"
            direction="higher means more impact"
            reasons={why('hormonal')}
            emptyWhy="No rule added points: no notable insulin, estrogen or cortisol effect."
          >
            <dl className="hormones">
              <Hormone name="Insulin" level={s.hormonal_relevance.insulin_impact} words={words.insulin} />
              <Hormone name="Estrogen" level={s.hormonal_relevance.estrogen_impact} words={words.estrogen} />
              <Hormone name="Cortisol" level={s.hormonal_relevance.cortisol_impact} words={words.cortisol} />
            </dl>
            <p className="small">{s.hormonal_relevance.details}</p>
          </Dimension>
          <OverallWhy bloodSugar={s.blood_sugar_impact} inflammation={s.inflammation_potential} gut={s.gut_impact} hormonal={s.hormonal_relevance.score} overall={s.overall_score} id={`${id}-ov`} />
        </div>

        <section className="dim evidence" aria-labelledby={`${id}-conf`}>
          <h4 id={`${id}-conf`}>How sure this is</h4>
          <p>
            <span className={`conf conf-${scored.evidence_confidence}`}>{capitalise(scored.evidence_confidence)} confidence</span> <span className="muted">— {words.confidence}</span>
          </p>
          <ul className="why" aria-label="Why this confidence">
            {why('confidence').map((r, i) => (
              <li key={i}>{r.text}</li>
            ))}
          </ul>
        </section>
      </section>

      <Nutrients food={food} />
      <Sources food={food} id={id} />
    </article>
  );
}

const FLAG_WORDS: Record<IngredientFlag, string> = {
  fermented: 'fermented',
  prebiotic: 'prebiotic fibre',
  polyphenols: 'polyphenols',
  phytoestrogen: 'phytoestrogens',
  caffeine: 'caffeine',
  refined_sugar: 'refined sugar',
  refined_grain: 'refined grain',
  omega3_rich: 'omega-3 fats',
  omega6_heavy: 'omega-6 heavy',
  artificial_sweetener: 'non-nutritive sweetener',
  emulsifier: 'emulsifier',
  artificial_colour: 'added colour',
};

const capitalise = (t: string) => (t ? t.charAt(0).toUpperCase() + t.slice(1) : t);
const lowerFirst = (t: string) => (t ? t.charAt(0).toLowerCase() + t.slice(1) : t);

function ProductImage({ src, name }: { src: string; name: string }) {
  // Product photos come from Open Food Facts; when unreachable (offline) the image simply hides.
  return (
    <img
      className="product-photo"
      src={src}
      alt={`Package of ${name}`}
      width={72}
      height={72}
      loading="lazy"
      referrerPolicy="no-referrer"
      onError={(e) => {
        e.currentTarget.hidden = true;
      }}
    />
  );
}

function when(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  const mins = Math.round((Date.now() - t) / 60_000);
  if (mins >= 0 && mins < 1) return 'just now';
  if (mins >= 0 && mins < 60) return `${mins} min ago`;
  if (mins >= 0 && mins < 24 * 60) return `${Math.round(mins / 60)} h ago`;
  return new Date(t).toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

function OriginLine({ food }: { food: FoodView }) {
  const fetched = food.fetched_at ? ` · fetched ${when(food.fetched_at)}` : '';
  const stale = food.stale ? ' · may be out of date' : '';
  if (food.origin === 'bundled') return <span className="origin origin-bundled">Built into Aurea (works offline)</span>;
  if (food.origin === 'cache') return <span className="origin origin-cache">Looked up online, saved on this device{fetched}{stale}</span>;
  return (
    <span className="origin origin-server">
      Looked up online{fetched}
      {stale}
    </span>
  );
}

function Dimension(props: {
  id: string;
  title: string;
  value: number;
  tone: Tone;
  label: string;
  low: string;
  high: string;
  direction: string;
  reasons: ScoreReason[];
  emptyWhy?: string;
  children?: ReactNode;
}) {
  const { id, title, value, tone, label, low, high, direction, reasons } = props;
  const base = reasons.find((r) => r.rule === 'base');
  const rules = reasons.filter((r) => r.rule !== 'base');
  const raw = reasons.reduce((a, r) => a + r.points, 0);
  return (
    <section className={`dim tone-${tone}`} aria-labelledby={`${id}-h`}>
      <div className="dim-head">
        <h4 id={`${id}-h`}>
          {title} <span className="dim-direction">({direction})</span>
        </h4>
        <span className="dim-value">
          <strong>{value}</strong>
          <span className="muted">/100</span>
        </span>
      </div>
      <p className="dim-label">
        <span className={`tone tone-${tone}`}>{capitalise(label)}</span>
      </p>
      <div className="bar" aria-hidden="true">
        <span className="bar-fill" style={{ width: `${Math.max(0, Math.min(100, value))}%` }} />
      </div>
      <div className="scale-ends" aria-hidden="true">
        <span>0 · {low}</span>
        <span>{high} · 100</span>
      </div>
      {props.children}
      <ul className="why" aria-label={`Why ${title.toLowerCase()} is ${value}`}>
        {base && <li className="why-base">{capitalise(base.text)}</li>}
        {rules.map((r, i) => (
          <li key={i} className={r.points > 0 ? 'up' : r.points < 0 ? 'down' : undefined}>
            {r.text}
          </li>
        ))}
        {rules.length === 0 && <li className="muted">{props.emptyWhy ?? 'No rule changed the starting point.'}</li>}
        {(raw > 100 || raw < 0) && <li className="muted">Kept within 0–100: {value}.</li>}
      </ul>
    </section>
  );
}

const LEVEL_WORD: Record<ImpactLevel, string> = { low: 'Low', moderate: 'Moderate', high: 'High' };

function Hormone({ name, level, words }: { name: string; level: ImpactLevel; words: string }) {
  return (
    <div className="hormone">
      <dt>{name}</dt>
      <dd>
        <span className={`level-chip level-${level}`}>{LEVEL_WORD[level]}</span> <span className="small">{words}</span>
      </dd>
    </div>
  );
}

const pts = (x: number) => String(Math.round(x * 10) / 10);

function OverallWhy(props: { id: string; bloodSugar: number; inflammation: number; gut: number; hormonal: number; overall: number }) {
  const w = OVERALL_WEIGHTS;
  const parts = [
    { text: `blood sugar ${props.bloodSugar} × ${w.bloodSugar.toFixed(2)}`, v: w.bloodSugar * props.bloodSugar },
    { text: `(100 − inflammation ${props.inflammation}) × ${w.inflammation.toFixed(2)}`, v: w.inflammation * (100 - props.inflammation) },
    { text: `gut ${props.gut} × ${w.gut.toFixed(2)}`, v: w.gut * props.gut },
    { text: `(100 − hormonal ${props.hormonal}) × ${w.hormonal.toFixed(2)}`, v: w.hormonal * (100 - props.hormonal) },
  ];
  const total = parts.reduce((a, p) => a + p.v, 0);
  return (
    <section className="dim overall-why" aria-labelledby={`${props.id}-h`}>
      <h4 id={`${props.id}-h`}>
        Overall <span className="dim-direction">(higher is better)</span>
      </h4>
      <ul className="why" aria-label="How the overall score adds up">
        {parts.map((p) => (
          <li key={p.text}>
            {p.text}: +{pts(p.v)}
          </li>
        ))}
        <li className="why-total">
          Total {pts(total)}, rounded: {props.overall}
        </li>
      </ul>
    </section>
  );
}

function additiveLine(a: AdditiveInfo): string {
  const name = a.name ? lowerFirst(a.name) : 'not in the additive list';
  return `${a.code} ${name} — ${a.classes.length ? a.classes.join(', ') : 'class not listed'}`;
}

function LabelSection({ food, id }: { food: FoodView; id: string }) {
  const p = food.product!;
  const allergens = p.allergens.length ? p.allergens : (food.ingredient.allergens ?? []);
  return (
    <section className="food-section product-label" aria-labelledby={`${id}-label`}>
      <h3 id={`${id}-label`}>On the label</h3>
      <p className="small muted">
        Barcode {p.barcode}
        {p.code && p.code !== p.barcode ? ` (listed as ${p.code})` : ''}
        {p.nova_group ? ` · NOVA group ${p.nova_group} of 4` : ''}
        {p.nutriscore_grade && /^[a-e]$/i.test(p.nutriscore_grade) ? ` · Nutri-Score ${p.nutriscore_grade.toUpperCase()}` : ''}
      </p>
      <h4>Additives{food.additives.length ? ` (${food.additives.length})` : ''}</h4>
      {food.additives.length === 0 ? (
        <p className="small">No additives listed.</p>
      ) : (
        <ul className="additives" aria-label="Additives">
          {food.additives.map((a) => (
            <li key={a.tag}>
              <span>{additiveLine(a)}</span>
              {a.flag && <span className="flag-note small">counted as {FLAG_WORDS[a.flag]}</span>}
            </li>
          ))}
        </ul>
      )}
      <h4>Allergens</h4>
      <p className="small">
        {allergens.length ? capitalise(allergens.join(', ')) : 'None listed.'}
        {p.traces.length ? ` May contain: ${p.traces.join(', ')}.` : ''}
      </p>
      <h4>Ingredients Aurea counts</h4>
      {p.parsed.names.length ? (
        <p className="small product-ingredients">{p.parsed.names.join(', ')}</p>
      ) : (
        <p className="small">{p.ingredients_text ? 'None Aurea can read from this label.' : 'No ingredient list on Open Food Facts.'}</p>
      )}
      {p.parsed.unread.length > 0 && (
        <p className="small muted">
          Not read (written in another language than English): <span lang={p.lang}>{p.parsed.unread.join(', ')}</span>.
        </p>
      )}
      {p.ingredients_text && (
        <details className="small">
          <summary>Ingredients as printed</summary>
          <p lang={p.lang}>{p.ingredients_text}</p>
        </details>
      )}
    </section>
  );
}

const NUTRIENT_ROWS: { key: keyof NutrientsPer100g; label: string; unit: string }[] = [
  { key: 'energy_kcal', label: 'Energy', unit: 'kcal' },
  { key: 'carbohydrate_g', label: 'Carbohydrate', unit: 'g' },
  { key: 'sugars_g', label: 'Sugars', unit: 'g' },
  { key: 'added_sugars_g', label: 'Added sugar', unit: 'g' },
  { key: 'fiber_g', label: 'Fibre', unit: 'g' },
  { key: 'protein_g', label: 'Protein', unit: 'g' },
  { key: 'fat_g', label: 'Fat', unit: 'g' },
  { key: 'saturated_fat_g', label: 'Saturated fat', unit: 'g' },
  { key: 'trans_fat_g', label: 'Trans fat', unit: 'g' },
  { key: 'omega3_g', label: 'Omega-3', unit: 'g' },
  { key: 'omega6_g', label: 'Omega-6', unit: 'g' },
  { key: 'vitamin_c_mg', label: 'Vitamin C', unit: 'mg' },
  { key: 'vitamin_e_mg', label: 'Vitamin E', unit: 'mg' },
  { key: 'caffeine_mg', label: 'Caffeine', unit: 'mg' },
  { key: 'sodium_mg', label: 'Sodium', unit: 'mg' },
];

const amount = (x: number) => x.toLocaleString(undefined, { maximumFractionDigits: Math.abs(x) < 1 ? 3 : Math.abs(x) < 100 ? 2 : 0 });

function Nutrients({ food }: { food: FoodView }) {
  const n = food.ingredient.nutrients;
  const rows = NUTRIENT_ROWS.filter((r) => n[r.key] !== undefined);
  const unknown = NUTRIENT_ROWS.filter((r) => n[r.key] === undefined && r.key !== 'omega3_g' && r.key !== 'omega6_g' && r.key !== 'trans_fat_g');
  const curated = food.table?.curated ?? {};
  const sources = new Set(Object.values(food.provenance));
  const showSource = sources.size > 1;
  const gi = food.ingredient.glycemic_index;
  return (
    <details className="food-section nutrients">
      <summary>Nutrients per 100 g{typeof gi === 'number' ? ` · glycemic index ${gi}` : ''}</summary>
      {rows.length === 0 ? (
        <p className="small">No nutrient values are known for this food.</p>
      ) : (
        <table className="data">
          <caption className="visually-hidden">Nutrients per 100 g of {food.name}</caption>
          <thead>
            <tr>
              <th scope="col">Nutrient</th>
              <th scope="col" className="num">
                Amount
              </th>
              {showSource && <th scope="col">Source</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">
                  {r.label}
                  {curated[r.key] ? <span title={curated[r.key]}> *</span> : null}
                </th>
                <td className="num">
                  {amount(n[r.key]!)} {r.unit}
                </td>
                {showSource && <td className="small">{food.provenance[r.key] ?? '—'}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {unknown.length > 0 && <p className="small muted">Not known: {unknown.map((r) => r.label.toLowerCase()).join(', ')}.</p>}
      {Object.entries(curated).map(([k, text]) => (
        <p key={k} className="small muted">
          * {NUTRIENT_ROWS.find((r) => r.key === k)?.label ?? k}: {text}
        </p>
      ))}
      {food.table?.note && <p className="small muted">{food.table.note}</p>}
    </details>
  );
}

function sourceLine(s: SourceRef): { title: string; id?: string; detail?: string; href?: string } {
  switch (s.name) {
    case 'USDA SR28':
      return { title: 'USDA SR28 (Standard Reference, release 28)', id: s.id ? `NDB ${s.id}` : undefined, detail: s.detail };
    case 'USDA FoodData Central':
      return {
        title: 'USDA FoodData Central',
        id: s.id ? `FDC ${s.id}` : undefined,
        detail: s.detail,
        href: s.id && /^\d+$/.test(s.id) ? `https://fdc.nal.usda.gov/food-details/${s.id}/nutrients` : undefined,
      };
    case 'Open Food Facts':
      return {
        title: 'Open Food Facts',
        id: s.id ? (/^\d+$/.test(s.id) ? `barcode ${s.id}` : s.id) : undefined,
        detail: s.detail,
        href: s.id && /^\d{8,14}$/.test(s.id) ? `https://world.openfoodfacts.org/product/${s.id}` : undefined,
      };
    case 'Glycemic index table':
      return { title: 'Glycemic index table', id: s.id, detail: s.detail };
    case 'Aurea knowledge table':
      return { title: 'Aurea knowledge table', detail: s.detail ?? 'curated flags, well-studied foods and a few curated values' };
  }
}

function Sources({ food, id }: { food: FoodView; id: string }) {
  const refs = food.table?.references ?? [];
  return (
    <section className="food-section sources" aria-labelledby={`${id}-src`}>
      <h3 id={`${id}-src`}>Sources</h3>
      <ul className="source-list">
        {food.ingredient.sources.map((s, i) => {
          const line = sourceLine(s);
          return (
            <li key={i}>
              <strong>{line.title}</strong>
              {line.id && <> · {line.id}</>}
              {line.detail && <span className="muted"> · {line.detail}</span>}
              {line.href && (
                <>
                  {' '}
                  <a href={line.href} target="_blank" rel="noopener noreferrer">
                    view<span className="visually-hidden"> at {line.title} (opens in a new tab)</span>
                  </a>
                </>
              )}
            </li>
          );
        })}
      </ul>
      {refs.length > 0 && (
        <details className="small">
          <summary>Full references</summary>
          <ul>
            {refs.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
