#!/usr/bin/env node
// `npm start`: builds the app when app/dist is missing or older than its sources, bundles the server,
// then serves both on one port (default 8787). `--build-only` stops after building.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleIfStale, isStale } from '../cli/lib/bundle.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const appSources = [join(root, 'app'), join(root, 'workers'), join(root, 'shared'), join(root, 'package.json')];

if (process.env.STATIC_DIR === undefined && isStale(join(root, 'app/dist/index.html'), appSources)) {
  process.stdout.write('Building the app (first start or sources changed)…\n');
  const { build } = await import('vite');
  await build({ configFile: join(root, 'app/vite.config.ts'), logLevel: 'warn' });
}
const out = await bundleIfStale({
  entry: join(here, 'main.ts'),
  outdir: join(here, 'dist'),
  outName: 'server.mjs',
  sources: [here, join(root, 'shared')],
});
if (!process.argv.includes('--build-only')) {
  process.chdir(root);
  const { startServer } = await import(pathToFileURL(out).href);
  await startServer(process.env);
}
