import { defineConfig } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const E2E_PORT = Number(process.env.E2E_PORT ?? 8791);
/**
 * The fake USDA / Open Food Facts upstream replays the real bodies in ../shared/data. It runs only
 * when that folder exists; tests that need it skip with a notice otherwise (see foods.e2e.ts).
 */
export const FAKE_UPSTREAM_PORT = Number(process.env.FAKE_UPSTREAM_PORT ?? 8792);
export const HAS_FAKE_UPSTREAM = existsSync(join(root, '../shared/data/usda')) && existsSync(join(root, '../shared/data/off'));
const fakeUpstream = `http://127.0.0.1:${FAKE_UPSTREAM_PORT}`;
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'];

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.e2e.ts',
  outputDir: process.env.E2E_OUTPUT_DIR ?? 'artifacts/results',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'artifacts/report' }]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
    serviceWorkers: 'allow',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    timezoneId: 'UTC',
    locale: 'en-GB',
  },
  webServer: [
    {
      command: 'node sync-server/start.mjs',
      cwd: root,
      url: `http://127.0.0.1:${E2E_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        PORT: String(E2E_PORT),
        HOST: '127.0.0.1',
        DATA_DIR: mkdtempSync(join(tmpdir(), 'aurea-e2e-')),
        STATIC_DIR: process.env.E2E_STATIC_DIR ?? 'app/dist',
        BACKGROUND_JOBS: 'off',
        LOG_LEVEL: 'warn',
        RATE_LIMIT_PER_IP: '100000',
        ...(HAS_FAKE_UPSTREAM ? { USDA_BASE_URL: `${fakeUpstream}/usda/fdc/v1`, OFF_BASE_URL: `${fakeUpstream}/off` } : {}),
      },
    },
    ...(HAS_FAKE_UPSTREAM
      ? [
          {
            command: `npx tsx tests/fake-upstream/main.ts --port ${FAKE_UPSTREAM_PORT} --host 127.0.0.1`,
            cwd: root,
            // A recorded Open Food Facts product: answers 200 once the recordings are loaded.
            url: `${fakeUpstream}/off/api/v2/product/5000112576009.json`,
            reuseExistingServer: false,
            timeout: 60_000,
            stdout: 'ignore' as const,
            stderr: 'pipe' as const,
          },
        ]
      : []),
  ],
});
