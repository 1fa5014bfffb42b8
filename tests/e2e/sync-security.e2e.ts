import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { startServerProcess, type ServerProcess } from './server-process';

/** Issue 15: the app refuses to send a sign-in key to a plain-http sync server on another computer. */

let server: ServerProcess;

test.beforeAll(async () => {
  server = await startServerProcess({ DATA_DIR: mkdtempSync(join(tmpdir(), 'aurea-sync-sec-')), USDA_BASE_URL: 'http://127.0.0.1:9', OFF_BASE_URL: 'http://127.0.0.1:9' });
});
test.afterAll(async () => {
  await server?.stop();
});

test('signing in to an http:// server elsewhere is refused with a plain reason, and nothing is sent to it', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: server.url });
  const sent: string[] = [];
  await context.route('http://sync.example.org/**', (route) => {
    sent.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto('/settings');
  const sync = page.locator('section#sync');
  await sync.getByRole('button', { name: 'Sign in', exact: true }).click();
  await sync.getByLabel('Sync server').fill('http://sync.example.org');
  await sync.getByLabel('Email', { exact: true }).fill('robin@example.org');
  await sync.getByLabel('Passphrase', { exact: true }).fill('quiet harbour lantern seven');
  await sync.getByRole('button', { name: 'Sign in and turn on sync' }).click();
  await expect(sync.getByRole('alert')).toContainText('This sync server address starts with http://, so your sign-in key would cross the network unencrypted.');
  expect(sent).toEqual([]);
  await context.close();
});
