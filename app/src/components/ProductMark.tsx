import { useState } from 'react';
import type { Composite } from '../../../shared/schema';
import { Dialog } from './Dialog';

/** A day's packaged product: a small "product" mark beside its name; a tap shows what its label lists. */
export function ProductMark({ item }: { item: Composite }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="product-mark" onClick={() => setOpen(true)} aria-label={`${item.name} is a product: show its ingredients`}>
        product
      </button>
      <Dialog open={open} title={item.label ?? item.name} onClose={() => setOpen(false)}>
        <div className="stack">
          <p className="small muted">
            A packaged product{item.barcode ? `, barcode ${item.barcode}` : ''}
            {item.label ? `, logged as “${item.name}”` : ''}.
          </p>
          {item.ingredients.length ? (
            <>
              <p>Its label lists, and your analysis counts:</p>
              <ul className="chips" aria-label={`Ingredients of ${item.name}`}>
                {item.ingredients.map((i) => (
                  <li key={i} className="chip">
                    {i}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>No ingredient list could be read for it, so it counts under its name only.</p>
          )}
          <button type="button" onClick={() => setOpen(false)}>
            Close
          </button>
        </div>
      </Dialog>
    </>
  );
}
