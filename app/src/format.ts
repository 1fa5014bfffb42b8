/** Display helpers: dates read in the person's own words ("Tuesday 3 March"). */
export function longDate(iso: string): string {
  const d = new Date(`${iso}T12:00:00`);
  return d.toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: new Date().getFullYear() === d.getFullYear() ? undefined : 'numeric' });
}

/** A date with its year always shown ("5 September 2026"), for documents read later: the report. */
export function dateWithYear(iso: string): string {
  return new Date(`${iso}T12:00:00`).toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' });
}

export function shortDate(iso: string): string {
  const d = new Date(`${iso}T12:00:00`);
  return d.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** "812 KB", "6.9 MB", "1.2 GB": one decimal below 10 of a unit, whole numbers above. */
export function formatBytes(n: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  if (u === 0) return plural(Math.round(v), 'byte');
  return `${v < 10 ? (Math.round(v * 10) / 10).toLocaleString() : Math.round(v).toLocaleString()} ${units[u]}`;
}

/** "Using 6.9 MB of about 10 GB." The quota is the browser's rough estimate, so it is rounded further. */
export function storageUsageText(usage: number | null, quota: number | null): string {
  if (usage === null) return 'Storage use is not available in this browser.';
  if (quota === null || quota <= 0) return `Using ${formatBytes(usage)}.`;
  return `Using ${formatBytes(usage)} of about ${formatBytes(roughly(quota))}.`;
}

/** Rounds to one significant figure ("10 GB", not "10.4 GB"): browsers report a guess, not a limit. */
function roughly(n: number): number {
  const unit = 1024 ** Math.max(0, Math.floor(Math.log(n) / Math.log(1024)));
  const v = n / unit;
  const mag = 10 ** Math.floor(Math.log10(v));
  return Math.round(v / mag) * mag * unit;
}
