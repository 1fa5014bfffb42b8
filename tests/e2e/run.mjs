#!/usr/bin/env node
// `npm run test:e2e`: finds Chromium, builds the app, then runs Playwright against a real server.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const candidates = [process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean);
const browser = candidates.find((p) => existsSync(p));
if (!browser) {
  process.stderr.write(
    'End-to-end tests need Chromium, and none was found.\n' +
      `Looked at: ${candidates.join(', ')}.\n` +
      'Install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set PLAYWRIGHT_CHROMIUM_EXECUTABLE to a Chromium or Chrome binary.\n',
  );
  process.exit(1);
}
const run = (cmd, args, env = {}) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(process.execPath, ['sync-server/start.mjs', '--build-only']);
run(process.execPath, [join(root, 'node_modules/@playwright/test/cli.js'), 'test', '-c', 'tests/e2e/playwright.config.ts', ...process.argv.slice(2)], { PLAYWRIGHT_CHROMIUM_EXECUTABLE: browser });
