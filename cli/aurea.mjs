#!/usr/bin/env node
// The `aurea` command. Bundles cli/main.ts on first use (and after source changes), then runs it.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { bundleIfStale } from './lib/bundle.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const out = await bundleIfStale({
  entry: join(here, 'main.ts'),
  outdir: join(here, 'dist'),
  outName: 'aurea.mjs',
  sources: [join(here, 'main.ts'), join(here, 'commands'), join(root, 'shared')],
  inline: ['@stdlib/', 'zod'],
});
// `aurea … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const { main } = await import(pathToFileURL(out).href);
process.exitCode = await main(process.argv.slice(2));
