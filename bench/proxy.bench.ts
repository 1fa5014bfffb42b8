import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../sync-server/app';
import { hasSharedData, SHARED_DATA_DIR, startFakeUpstream } from '../tests/fake-upstream/index';
import { proxyConfig } from '../tests/fake-upstream/harness';
import type { Report } from './runner';
import { quantile } from './percentiles';

/**
 * Nutrition proxy latency over real HTTP, against the fake upstream on localhost (so "miss" is the
 * proxy's own cost plus two local round trips, not the internet's). ADR targets: ingredient P50 <
 * 100 ms cached, P99 < 2000 ms on a miss; health P50 < 10 ms.
 */

export default async function (report: Report) {
  if (!hasSharedData()) {
    console.warn(`proxy bench skipped: ${SHARED_DATA_DIR} is missing`);
    return;
  }
  const fake = await startFakeUpstream();
  const server = createApp(proxyConfig(fake));
  const http = await new Promise<ReturnType<typeof serve>>((ok) => {
    const h = serve({ fetch: server.app.fetch, port: 0, hostname: '127.0.0.1' }, () => ok(h));
  });
  const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const time = async (path: string) => {
    const t = performance.now();
    const res = await fetch(base + path);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
    return performance.now() - t;
  };

  try {
    for (let i = 0; i < 20; i++) await time('/api/health'); // warm up the JIT and sockets
    const health: number[] = [];
    for (let i = 0; i < 300; i++) health.push(await time('/api/health'));
    report({ name: 'health_p50', value: quantile(health, 0.5), unit: 'ms', target: { op: '<=', value: 10 } });

    // Misses: the cached entry is dropped before each request, so every one goes upstream.
    const miss: number[] = [];
    for (let i = 0; i < 80; i++) {
      server.deps.db.prepare('DELETE FROM upstream_cache').run();
      miss.push(await time('/api/ingredients/cheddar%20cheese'));
    }
    report({ name: 'ingredient_miss_p50', value: quantile(miss, 0.5), unit: 'ms', note: 'USDA search + OFF search, parse, merge, score, store' });
    report({ name: 'ingredient_miss_p99', value: quantile(miss, 0.99), unit: 'ms', target: { op: '<=', value: 2000 } });

    const cached: number[] = [];
    for (let i = 0; i < 500; i++) cached.push(await time('/api/ingredients/cheddar%20cheese'));
    report({ name: 'ingredient_cached_p50', value: quantile(cached, 0.5), unit: 'ms', target: { op: '<=', value: 100 } });
    report({ name: 'ingredient_cached_p99', value: quantile(cached, 0.99), unit: 'ms' });
    report({ name: 'miss_to_cached_ratio', value: quantile(miss, 0.5) / quantile(cached, 0.5), unit: 'x', note: 'same run' });

    await time('/api/products/5000112576009');
    const product: number[] = [];
    for (let i = 0; i < 300; i++) product.push(await time('/api/products/5000112576009'));
    report({ name: 'product_cached_p50', value: quantile(product, 0.5), unit: 'ms', target: { op: '<=', value: 100 } });

    await time('/api/ingredients?q=coca&limit=50');
    const search: number[] = [];
    for (let i = 0; i < 200; i++) search.push(await time('/api/ingredients?q=coca&limit=50'));
    report({ name: 'search50_cached_p50', value: quantile(search, 0.5), unit: 'ms', target: { op: '<=', value: 100 }, note: '50 hits, each scored' });

    // 100 concurrent identical misses: single-flight makes one upstream call.
    server.deps.db.prepare('DELETE FROM upstream_cache').run();
    fake.resetCalls();
    const t = performance.now();
    await Promise.all(Array.from({ length: 100 }, () => fetch(`${base}/api/ingredients/big%20mac`).then((r) => r.arrayBuffer())));
    report({ name: 'concurrent100_miss_wall', value: performance.now() - t, unit: 'ms', note: `${fake.calls().total} upstream calls` });
  } finally {
    await new Promise<void>((ok) => http.close(() => ok()));
    server.close();
    await fake.close();
  }
}
