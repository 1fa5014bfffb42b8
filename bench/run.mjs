#!/usr/bin/env node
// `npm run bench [name...]`: runs every bench/*.bench.ts (or the named ones) in one process under tsx
// and prints one line per figure. Figures are measured in the same run so ratios compare like with like.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'runner.ts'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: join(here, '..') });
process.exit(r.status ?? 1);
