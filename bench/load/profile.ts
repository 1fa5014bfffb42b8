import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reads the V8 CPU profile(s) a `node --cpu-prof` server wrote and summarises where its time went: self time
 * by function and by area (SQLite, HTTP, JSON, crypto, zod, Hono, …), and inclusive time for named functions
 * (e.g. the share of the run spent inside the storage layer). Shares, not absolute times, so profiles taken on
 * a busy machine still compare like with like.
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Busy milliseconds (idle excluded). */
  busyMs: number;
  topSelf: { name: string; ms: number; share: number }[];
  areas: { area: string; ms: number; share: number }[];
  inclusive: Record<string, { ms: number; share: number }>;
}

function areaOf(f: CallFrame): string {
  const u = f.url;
  const n = f.functionName;
  if (n === '(garbage collector)') return 'gc';
  if (n === '(program)') return 'v8/runtime';
  if (u.includes('better-sqlite3') || (u === '' && /^(run|get|all|iterate|exec|pragma|prepare|transaction)$/.test(n))) return 'sqlite';
  if (u.includes('zod')) return 'zod';
  if (u.includes('hono') && !u.includes('node-server')) return 'hono';
  if (u.includes('node-server')) return 'hono node adapter';
  if (u.startsWith('node:internal/deps/undici') || u.includes('undici')) return 'web streams/fetch (undici)';
  if (u.startsWith('node:internal/webstreams') || u.includes('webstreams')) return 'web streams/fetch (undici)';
  if (u.startsWith('node:internal/crypto') || u.startsWith('node:crypto')) return 'crypto';
  if (u.startsWith('node:internal/http') || u.startsWith('node:_http') || u.startsWith('node:http') || u.startsWith('node:net') || u.startsWith('node:internal/stream') || u.startsWith('node:stream')) return 'node http/net';
  if (u.startsWith('node:')) return 'node other';
  if (n === 'stringify' || n === 'parse' || /JSON/.test(n)) return 'json';
  if (u === '') return `native (${n || 'anonymous'})`;
  if (u.includes('sync-server') || u.includes('/shared/')) return 'aurea';
  return 'other';
}

export function summariseProfile(file: string, inclusiveNames: readonly string[] = []): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of p.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  let busy = 0;
  const byName = new Map<string, number>();
  const byArea = new Map<string, number>();
  const incl = new Map<string, number>(inclusiveNames.map((n) => [n, 0]));
  for (const [id, ms] of self) {
    const node = byId.get(id)!;
    const f = node.callFrame;
    if (f.functionName === '(idle)') continue;
    busy += ms;
    const file = f.url.split('/').slice(-2).join('/');
    const name = `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
    byName.set(name, (byName.get(name) ?? 0) + ms);
    const area = areaOf(f);
    byArea.set(area, (byArea.get(area) ?? 0) + ms);
    if (incl.size) {
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const fn = byId.get(at)!.callFrame.functionName;
        if (incl.has(fn) && !seen.has(fn)) {
          seen.add(fn);
          incl.set(fn, incl.get(fn)! + ms);
        }
      }
    }
  }
  const share = (ms: number) => ms / Math.max(busy, 1e-9);
  return {
    busyMs: busy,
    topSelf: [...byName].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([name, ms]) => ({ name, ms, share: share(ms) })),
    areas: [...byArea].sort((a, b) => b[1] - a[1]).map(([area, ms]) => ({ area, ms, share: share(ms) })),
    inclusive: Object.fromEntries([...incl].map(([n, ms]) => [n, { ms, share: share(ms) }])),
  };
}

/** The newest .cpuprofile in `dir`. */
export function latestProfile(dir: string): string | null {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort();
  return files.length ? join(dir, files[files.length - 1]!) : null;
}

export function formatSummary(title: string, s: ProfileSummary): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [`--- CPU profile: ${title} (${s.busyMs.toFixed(0)} ms busy) ---`, 'by area:'];
  for (const a of s.areas.slice(0, 14)) lines.push(`  ${pct(a.share).padStart(6)}  ${a.area}`);
  if (Object.keys(s.inclusive).length) {
    lines.push('inclusive:');
    for (const [n, v] of Object.entries(s.inclusive)) lines.push(`  ${pct(v.share).padStart(6)}  ${n}`);
  }
  lines.push('top self time:');
  for (const t of s.topSelf) lines.push(`  ${pct(t.share).padStart(6)}  ${t.name}`);
  return lines.join('\n');
}
