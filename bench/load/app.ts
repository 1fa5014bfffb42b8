import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import { repoRoot } from './server';

/** Builds the PWA (the same Vite config as `npm run build`) into `outDir`, leaving app/dist alone. */
export async function buildApp(outDir: string): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: join(repoRoot, 'app/vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
}

export interface FirstLoadScripts {
  /** The module script index.html starts. */
  entry: string;
  /** The entry and every chunk it imports statically, transitively (what runs before any lazy import). */
  files: string[];
  /** Chunks index.html asks the browser to preload (Vite lists the static graph here: a cross-check). */
  preloaded: string[];
  gzipBytes: number;
  brotliBytes: number;
  perFile: { file: string; bytes: number; gzip: number }[];
}

// Minified ES module syntax as Vite/rolldown writes it. Dynamic `import("./x.js")` is deliberately not matched.
const STATIC_IMPORT = /\bimport\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["'`](\.\/[^"'`]+\.js)["'`]/g;
const REEXPORT = /\bexport\s*(?:\*|\{[^}]*\})\s*from\s*["'`](\.\/[^"'`]+\.js)["'`]/g;

function staticImports(code: string): string[] {
  const out: string[] = [];
  for (const re of [STATIC_IMPORT, REEXPORT]) for (const m of code.matchAll(re)) out.push(m[1]!.slice(2));
  return out;
}

/** The JavaScript a cold first load of the app must fetch and run: index.html's module graph without lazy chunks. */
export function firstLoadScripts(distDir: string): FirstLoadScripts {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const entry = /<script[^>]*type="module"[^>]*src="\/assets\/([^"]+\.js)"/.exec(html)?.[1];
  if (!entry) throw new Error(`no module script in ${distDir}/index.html`);
  const preloaded = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]!);
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const f = queue.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    for (const dep of staticImports(readFileSync(join(distDir, 'assets', f), 'utf8'))) queue.push(dep);
  }
  const perFile = [...seen].sort().map((file) => {
    const body = readFileSync(join(distDir, 'assets', file));
    // Level 9 gzip: what the server sends to browsers without brotli.
    return { file, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length, br: brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length };
  });
  return {
    entry,
    files: perFile.map((p) => p.file),
    preloaded,
    gzipBytes: perFile.reduce((s, p) => s + p.gzip, 0),
    brotliBytes: perFile.reduce((s, p) => s + p.br, 0),
    perFile: perFile.map(({ file, bytes, gzip }) => ({ file, bytes, gzip })),
  };
}

/** Text that only TensorFlow.js's own code contains (its package name, version banner, kernel registry errors). */
const TFJS_MARKERS = [/@tensorflow\/tfjs/, /tfjs-core/, /tfjs-backend/, /Kernel '[^']*' not registered for backend/];

export interface TfjsPlacement {
  /** Chunks started as Web Workers (`new Worker(new URL(...))`), with their own static imports. */
  workers: string[];
  /** Chunks that contain TensorFlow.js code. */
  withTfjs: string[];
  /** Chunks with TensorFlow.js code that are not worker code: must be empty. */
  outsideWorkers: string[];
}

export function tfjsPlacement(distDir: string): TfjsPlacement {
  const assets = join(distDir, 'assets');
  const chunks = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const code = new Map(chunks.map((f) => [f, readFileSync(join(assets, f), 'utf8')]));
  const workerEntries = new Set<string>();
  for (const c of code.values()) for (const m of c.matchAll(/new Worker\(\s*new URL\(\s*["'`][^"'`]*\/assets\/([^"'`/]+\.js)["'`]/g)) workerEntries.add(m[1]!);
  // A worker's static imports run only inside that worker... unless the page imports them too.
  const pageGraph = new Set(existsSync(join(distDir, 'index.html')) ? firstLoadScripts(distDir).files : []);
  const workers = new Set<string>();
  const queue = [...workerEntries];
  while (queue.length) {
    const f = queue.pop()!;
    if (workers.has(f) || !code.has(f)) continue;
    workers.add(f);
    for (const dep of staticImports(code.get(f)!)) queue.push(dep);
  }
  const withTfjs = chunks.filter((f) => TFJS_MARKERS.some((re) => re.test(code.get(f)!)));
  // Allowed only as worker code: not on the page's first load, and not named by any page chunk (static or
  // dynamic import, preload list) except as the URL of a Worker.
  const namedByPage = (f: string) => [...code].some(([name, c]) => !workers.has(name) && c.includes(f) && !workerEntries.has(f));
  return { workers: [...workers].sort(), withTfjs, outsideWorkers: withTfjs.filter((f) => !workers.has(f) || pageGraph.has(f) || namedByPage(f)) };
}
