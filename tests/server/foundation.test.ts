import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createApp, type AureaServer } from '../../sync-server/app';
import { ConfigError, loadConfig } from '../../sync-server/config';
import { createLogger } from '../../sync-server/log';

/** A built app stand-in: index.html, a hashed asset, the service worker and the manifest. */
function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aurea-static-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><title>Aurea</title></head><body><div id="root"></div>' + ' '.repeat(2000) + '</body></html>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("app");'.repeat(100));
  writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(join(dir, 'manifest.webmanifest'), '{"name":"Aurea"}');
  return dir;
}

describe('server foundation', () => {
  let server: AureaServer;
  beforeAll(() => {
    const config = loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'aurea-data-')), STATIC_DIR: fakeBuild(), BACKGROUND_JOBS: 'off', LOG_LEVEL: 'silent' });
    server = createApp(config, { logger: createLogger('silent') });
  });
  afterAll(() => server.close());

  it('reports health of storage and the app', async () => {
    const res = await server.app.request('/api/health');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: 'ok', storage: 'ok', app: 'served' });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps a valid incoming request id', async () => {
    const res = await server.app.request('/api/health', { headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
  });

  it('serves index.html with no-cache and a strict CSP, and falls back to it for app routes', async () => {
    for (const path of ['/', '/today', '/history', '/settings?x=1']) {
      const res = await server.app.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(await res.text()).toContain('<div id="root">');
    }
  });

  it('caches hashed assets for a year, never the service worker, and compresses', async () => {
    const gz = await server.app.request('/assets/index-abc123.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    await server.ready();
    const asset = await server.app.request('/assets/index-abc123.js', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-encoding')).toBe('br');
    const sw = await server.app.request('/sw.js');
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    expect(sw.headers.get('content-type')).toContain('javascript');
    const manifest = await server.app.request('/manifest.webmanifest');
    expect(manifest.headers.get('content-type')).toContain('application/manifest+json');
  });

  it('answers 304 to a matching ETag', async () => {
    const first = await server.app.request('/assets/index-abc123.js');
    const again = await server.app.request('/assets/index-abc123.js', { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('gives real 404s for missing files and unknown API routes (JSON, no stack)', async () => {
    expect((await server.app.request('/assets/missing.js')).status).toBe(404);
    const api = await server.app.request('/api/nothing-here');
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ error: { code: 'not_found', message: 'No API endpoint GET /api/nothing-here.' } });
  });

  it('sets security headers on every response', async () => {
    const res = await server.app.request('/api/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });
});

describe('configuration', () => {
  it('has an embedded default configuration', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(8787);
    expect(c.DATA_DIR).toBe('./.aurea-data');
    expect(c.USDA_API_KEY).toBe('DEMO_KEY');
  });

  it('fails fast naming every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', USDA_BASE_URL: 'not a url' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: '99999', USDA_BASE_URL: 'not a url' });
    } catch (e) {
      expect((e as Error).message).toContain('PORT: PORT must be 0–65535');
      expect((e as Error).message).toContain('USDA_BASE_URL: USDA_BASE_URL must be a URL');
    }
  });

  it('the server process exits with a clear message on bad config', () => {
    const r = spawnSync(process.execPath, ['sync-server/start.mjs'], { env: { ...process.env, PORT: 'abc', STATIC_DIR: '', DATA_DIR: mkdtempSync(join(tmpdir(), 'aurea-bad-')) }, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Invalid configuration');
    expect(r.stderr).toContain('PORT');
  });
});
