import { configSchema, type ServerConfig } from '../../sync-server/config';
import type { Clock } from '../../sync-server/app';
import type { FakeUpstream } from './index';

/** Helpers for server tests that run the real app against the fake upstream. */

/** A clock the test moves by hand (breaker timeouts, bucket refills, TTLs). */
export class TestClock implements Clock {
  constructor(public t = Date.parse('2026-11-26T12:00:00.000Z')) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/** Server config pointing at the fake: in-memory store, quiet logs, no jobs, no per-IP limit in the way. */
export function proxyConfig(fake: FakeUpstream, overrides: Record<string, string> = {}): ServerConfig {
  return configSchema.parse({
    DATA_DIR: ':memory:',
    STATIC_DIR: '',
    LOG_LEVEL: 'silent',
    BACKGROUND_JOBS: 'off',
    USDA_BASE_URL: fake.usdaBaseUrl,
    OFF_BASE_URL: fake.offBaseUrl,
    USDA_API_KEY: 'TEST_KEY',
    RATE_LIMIT_PER_IP: '100000000',
    // These tests drive the shared upstream budgets from one address; the per-address share has its own tests.
    UPSTREAM_SHARE_PER_MINUTE: '100000000',
    UPSTREAM_SHARE_PER_HOUR: '100000000',
    UPSTREAM_TIMEOUT_MS: '5000',
    ...overrides,
  });
}

export const HOUR = 3_600_000;
