import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * Renders only the rows in view (plus a small overscan) so a diary of thousands of days scrolls
 * smoothly. Rows have a fixed height; the list is a scrollable region reachable by keyboard.
 */
export function VirtualList<T>(props: { items: T[]; rowHeight: number; label: string; renderRow: (item: T, index: number) => ReactNode; rowKey: (item: T) => string }) {
  const { items, rowHeight } = props;
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setHeight(el.clientHeight || 600);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const overscan = 6;
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const item = items[i]!;
    rows.push(
      <div key={props.rowKey(item)} className="vlist-row" role="listitem" style={{ top: i * rowHeight, height: rowHeight }}>
        {props.renderRow(item, i)}
      </div>,
    );
  }
  return (
    <div ref={ref} className="vlist" tabIndex={0} role="region" aria-label={props.label} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      <div className="vlist-inner" role="list" aria-label={props.label} style={{ height: items.length * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
