import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { FakeUpstreamDataMissing, hasSharedData, REPO_ROOT, SHARED_DATA_DIR, startFakeUpstream } from '../fake-upstream/index';

/** The fake upstream itself: its refusal without data, its CLI for Playwright, its replay rules. */

const enabled = hasSharedData();
if (!enabled) console.warn(`[skip] ${SHARED_DATA_DIR} is missing: fake upstream replay tests are skipped`);

const cli = (args: string[]) => spawn(process.execPath, ['--import', 'tsx', 'tests/fake-upstream/main.ts', ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });

describe('fake upstream', () => {
  it('refuses to start without ../shared/data, with a clear message', async () => {
    await expect(startFakeUpstream({ dataDir: '/nonexistent/shared/data' })).rejects.toThrow(FakeUpstreamDataMissing);
    await expect(startFakeUpstream({ dataDir: '/nonexistent/shared/data' })).rejects.toThrow(/replays the real USDA\/Open Food Facts bodies in \/nonexistent\/shared\/data, which does not exist/);
  });

  it('its CLI exits with status 2 and says why when the data is missing', async () => {
    const child = cli(['--port', '0', '--data', '/nonexistent/shared/data']);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((ok) => child.on('exit', ok));
    expect(code).toBe(2);
    expect(stderr).toContain('fake-upstream: The fake upstream replays');
  });

  it.skipIf(!enabled)('its CLI prints {"usda", "off"} base URLs on one line and serves them', async () => {
    const child = cli(['--port', '0']);
    try {
      const line = await new Promise<string>((ok, fail) => {
        createInterface({ input: child.stdout }).once('line', ok);
        child.once('exit', (c) => fail(new Error(`exited with ${c}`)));
      });
      const urls = JSON.parse(line) as { usda: string; off: string; url: string };
      expect(urls.usda).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/usda\/fdc\/v1$/);
      expect(urls.off).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/off$/);
      const res = await fetch(`${urls.off}/api/v2/product/5000112576009.json`);
      expect(((await res.json()) as { product: { product_name: string } }).product.product_name).toBe('Coke Zero');
    } finally {
      child.kill('SIGTERM');
      await new Promise((ok) => child.once('exit', ok));
    }
  });

  describe.skipIf(!enabled)('replay', () => {
    it('serves recorded bodies byte for byte, wraps bare product objects, 404s the unknown', async () => {
      const fake = await startFakeUpstream();
      try {
        const { readFileSync } = await import('node:fs');
        const recorded = readFileSync(`${SHARED_DATA_DIR}/usda/food/170720.sr-legacy.mcdonalds-big-mac.full.2019.json`);
        const served = Buffer.from(await (await fetch(`${fake.usdaBaseUrl}/food/170720?api_key=k`)).arrayBuffer());
        expect(served.equals(recorded)).toBe(true);

        const wrapped = (await (await fetch(`${fake.offBaseUrl}/api/v2/product/90375323.json`)).json()) as Record<string, unknown>;
        expect(wrapped).toMatchObject({ code: '90375323', status: 1, status_verbose: 'product found' });

        const v3 = (await (await fetch(`${fake.offBaseUrl}/api/v3/product/0039400016014.json`)).json()) as Record<string, unknown>;
        expect(v3.status).toBe('success_with_warnings');

        const missing = await fetch(`${fake.offBaseUrl}/api/v2/product/11111111.json`);
        expect(missing.status).toBe(404);
        expect(await missing.json()).toEqual({ code: '11111111', status: 0, status_verbose: 'product not found' });
        const noFood = await fetch(`${fake.usdaBaseUrl}/food/1?api_key=k`);
        expect(noFood.status).toBe(404);
        const noKey = await fetch(`${fake.usdaBaseUrl}/foods/search?query=apple`);
        expect(noKey.status).toBe(403);

        // Search hits are filtered to the requested data types and cut to pageSize.
        const mac = (await (await fetch(`${fake.usdaBaseUrl}/foods/search?query=Big%20Mac&dataType=SR%20Legacy&pageSize=3&api_key=k`)).json()) as { foods: { dataType: string }[] };
        expect(mac.foods).toHaveLength(3);
        expect(mac.foods.every((f) => f.dataType === 'SR Legacy')).toBe(true);

        const facet = (await (await fetch(`${fake.offBaseUrl}/brand/monoprix.json`)).json()) as { count: number };
        expect(facet.count).toBe(3291);
        expect(fake.calls()).toMatchObject({ 'usda.food': 2, 'usda.search': 2, 'off.product': 3, 'off.facet': 1, total: 8 });

        fake.setFault('off.product', { kind: 'status', status: 500, times: 1 });
        expect((await fetch(`${fake.offBaseUrl}/api/v2/product/90375323.json`)).status).toBe(500);
        expect((await fetch(`${fake.offBaseUrl}/api/v2/product/90375323.json`)).status).toBe(200);
        expect(fake.requests().slice(-2).map((r) => r.fault)).toEqual(['status', null]);
      } finally {
        await fake.close();
      }
    });
  });
});
