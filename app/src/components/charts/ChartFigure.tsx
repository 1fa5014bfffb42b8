import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Chart as ChartInstance, ChartConfiguration } from 'chart.js';

export type ChartConfig = ChartConfiguration<'line'> | ChartConfiguration<'bar'>;

/** The numbers behind a chart, as a table anyone (and any screen reader) can read. */
export interface ChartTable {
  caption: string;
  head: string[];
  /** Cells; the first is a row header, numbers are right-aligned. */
  rows: (string | number)[][];
}

let loading: Promise<typeof import('./chartjs')> | null = null;
const loadChartJs = () => (loading ??= import('./chartjs').catch((e: unknown) => {
  loading = null;
  throw e;
}));

/**
 * Draws a Chart.js chart on a canvas, creating it once and updating it in place when the config
 * changes (configs must be memoised by the caller). Returns whether the library failed to load.
 * Charts here are drawn without animation: they show numbers to read, and animation frames would
 * compete with the page while a refresh lands.
 */
function useChart(config: ChartConfig) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<ChartInstance | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    loadChartJs().then(
      ({ Chart }) => {
        if (cancelled || !canvas.current) return;
        const current = chart.current;
        if (current && (current.config as { type?: string }).type === config.type) {
          current.data = config.data as ChartInstance['data'];
          current.options = config.options as ChartInstance['options'];
          current.update();
        } else {
          current?.destroy();
          chart.current = new Chart(canvas.current, config as ChartConfiguration);
        }
        setFailed(false);
      },
      () => !cancelled && setFailed(true),
    );
    return () => {
      cancelled = true;
    };
  }, [config]);

  useEffect(
    () => () => {
      chart.current?.destroy();
      chart.current = null;
    },
    [],
  );
  return { canvas, failed };
}

/**
 * A chart with its text alternatives: the canvas is an image whose label summarises it, the
 * caption states the key numbers, and every number is in a table behind "Show the numbers".
 */
export function ChartFigure({ config, label, caption, table, height = 220, controls }: { config: ChartConfig; label: string; caption: ReactNode; table: ChartTable; height?: number; controls?: ReactNode }) {
  const { canvas, failed } = useChart(config);
  return (
    <figure className="chart-figure">
      {controls}
      {failed ? (
        <p className="chart-failed small">The chart could not be loaded right now; the numbers are in the table below.</p>
      ) : (
        <div className="chart-box" style={{ height }}>
          <canvas ref={canvas} role="img" aria-label={label}>
            {label}
          </canvas>
        </div>
      )}
      <figcaption className="chart-caption">
        {caption}
      </figcaption>
      <details className="chart-numbers" open={failed || undefined}>
        <summary>Show the numbers</summary>
        <div className="table-scroll">
          <table className="data">
            <caption className="visually-hidden">{table.caption}</caption>
            <thead>
              <tr>
                {table.head.map((h, i) => (
                  <th key={i} scope="col" className={i > 0 ? 'num' : undefined}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) =>
                    c === 0 ? (
                      <th key={c} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={c} className="num">
                        {cell}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
