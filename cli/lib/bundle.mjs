// Bundles a TypeScript entry with esbuild into a cached ESM file, rebuilding only when a source is newer.
// Used by the `aurea` bin and by `npm start`, so both start in milliseconds without a TS runtime.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Newest modification time (ms) of any file under the given paths, skipping build output and deps. */
export function newestMtime(paths) {
  let newest = 0;
  const walk = (p) => {
    let st;
    try { st = statSync(p); } catch { return; }
    if (st.isDirectory()) {
      const base = p.split(/[\\/]/).pop();
      if (base === 'node_modules' || base === 'dist' || base.startsWith('.')) return;
      for (const name of readdirSync(p)) walk(join(p, name));
    } else if (st.mtimeMs > newest) newest = st.mtimeMs;
  };
  for (const p of paths) walk(p);
  return newest;
}

/** True when `marker` is missing or older than any file under `sources`. */
export function isStale(marker, sources) {
  if (!existsSync(marker)) return true;
  return statSync(marker).mtimeMs < newestMtime(sources);
}

/**
 * Split chunks get new hashed names on every build; remove earlier builds' files. Files from the last
 * minute are kept, in case another process built them and is loading them right now.
 */
function pruneOldChunks(outdir, metafile) {
  const current = new Set(Object.keys(metafile.outputs).map((p) => p.split(/[\\/]/).pop()));
  const cutoff = Date.now() - 60_000;
  for (const name of readdirSync(outdir)) {
    const full = join(outdir, name);
    if (current.has(name)) continue;
    try {
      if (statSync(full).mtimeMs < cutoff) rmSync(full, { force: true });
    } catch {
      // Already gone (another process pruned it).
    }
  }
}

/**
 * Bundles `entry` (with code splitting) into `outdir` when stale; returns the path of the entry's output.
 * Packages from node_modules stay external and load at run time, except those whose names start with
 * one of `inline` (e.g. '@stdlib/': hundreds of micro-modules cost ~90 ms to load one by one, so a
 * short-lived command pays less for one bundled file).
 */
export async function bundleIfStale({ entry, outdir, outName, sources, inline = [] }) {
  const out = join(outdir, outName);
  if (isStale(out, sources)) {
    mkdirSync(dirname(out), { recursive: true });
    const esbuild = await import('esbuild');
    const result = await esbuild.build({
      entryPoints: { [outName.replace(/\.mjs$/, '')]: entry },
      outdir,
      bundle: true,
      splitting: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      ...(inline.length === 0
        ? { packages: 'external' }
        : {
            plugins: [{
              name: 'external-except-inline',
              setup(build) {
                build.onResolve({ filter: /^[^./]/ }, (args) => (inline.some((p) => args.path.startsWith(p)) ? undefined : { path: args.path, external: true }));
              },
            }],
          }),
      outExtension: { '.js': '.mjs' },
      sourcemap: 'linked',
      logLevel: 'error',
      loader: { '.json': 'json' },
      metafile: true,
    });
    pruneOldChunks(outdir, result.metafile);
  }
  return out;
}
