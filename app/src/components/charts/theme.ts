import { useEffect, useState, type RefObject } from 'react';

/** Colours for charts, read from the stylesheet's variables so charts follow light and dark. */
export interface ChartTheme {
  text: string;
  muted: string;
  grid: string;
  primary: string;
  accent: string;
}

function readTheme(scope?: Element | null): ChartTheme {
  const style = getComputedStyle(scope ?? document.documentElement);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--text', '#1c2421'),
    muted: v('--muted', '#515e59'),
    grid: v('--border', '#d6d1c4'),
    primary: v('--primary', '#1d4d3f'),
    accent: v('--accent', '#8a5a00'),
  };
}

const same = (a: ChartTheme, b: ChartTheme) => (Object.keys(a) as (keyof ChartTheme)[]).every((k) => a[k] === b[k]);

/**
 * The current chart theme; changes when the app theme (data-theme) or the device's colour scheme changes.
 * With a scope, the colours are read where the chart sits (the report sets its own paper palette).
 */
export function useChartTheme(scope?: RefObject<Element | null>): ChartTheme {
  const [theme, setTheme] = useState(() => readTheme(scope?.current));
  useEffect(() => {
    const update = () => setTheme((prev) => {
      const next = readTheme(scope?.current);
      return same(prev, next) ? prev : next;
    });
    const observer = new MutationObserver(update);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', update);
    update();
    return () => {
      observer.disconnect();
      scheme.removeEventListener('change', update);
    };
  }, [scope]);
  return theme;
}
