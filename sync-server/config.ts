import { z } from 'zod';

/** Server configuration from the environment, checked at start-up (DESIGN §6). */
export const configSchema = z.object({
  PORT: z.coerce.number({ error: 'PORT must be a number' }).int('PORT must be a whole number').min(0, 'PORT must be 0–65535').max(65535, 'PORT must be 0–65535').default(8787),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1, 'DATA_DIR must not be empty').default('./.aurea-data'),
  USDA_API_KEY: z.string().min(1, 'USDA_API_KEY must not be empty').default('DEMO_KEY'),
  USDA_BASE_URL: z.url({ error: 'USDA_BASE_URL must be a URL' }).default('https://api.nal.usda.gov/fdc/v1'),
  OFF_BASE_URL: z.url({ error: 'OFF_BASE_URL must be a URL' }).default('https://world.openfoodfacts.org'),
  /** HS256 secret for sync tokens; generated and persisted in DATA_DIR on first start when unset. */
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
  /** Timeout for every upstream call, in ms. */
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(8000),
  /** Directory of the built app to serve; empty disables static serving. */
  STATIC_DIR: z.string().default('app/dist'),
  /** Requests per minute: unauthenticated API per IP, authenticated per account, login attempts per IP+email (DESIGN §6). */
  RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(100),
  RATE_LIMIT_PER_USER: z.coerce.number().int().min(1).default(60),
  RATE_LIMIT_LOGIN: z.coerce.number().int().min(1).default(5),
  /** Failed sign-ins per email (from any address) before each further attempt waits twice as long (2 s … 15 min). */
  LOGIN_FAILURES_BEFORE_BACKOFF: z.coerce.number().int().min(1).default(10),
  /** scrypt runs at once (sign-in, sign-up, passphrase checks; 4 = Node's libuv thread pool), and how many more may wait; beyond: 503. */
  SCRYPT_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  SCRYPT_QUEUE: z.coerce.number().int().min(0).max(10_000).default(32),
  /**
   * Each client address's share of the upstream budgets (USDA 1,000/h, Open Food Facts 100/min): lookups
   * that need an upstream call, per minute and per hour. Cached answers never count.
   */
  UPSTREAM_SHARE_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  UPSTREAM_SHARE_PER_HOUR: z.coerce.number().int().min(1).default(200),
  /** Per-account storage quota: bytes of ciphertext (default 50 MiB) and records (default 20,000); beyond: 507. */
  ACCOUNT_MAX_BYTES: z.coerce.number().int().min(65_536).default(50 * 1024 * 1024),
  ACCOUNT_MAX_RECORDS: z.coerce.number().int().min(1).default(20_000),
  /**
   * How many reverse proxies of yours stand in front of the server: the client address is then the Nth
   * X-Forwarded-For entry from the right (the one your outermost proxy added; entries further left are
   * whatever the client sent). "true" means 1, "false" 0 (use the socket address).
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2})$/, 'TRUST_PROXY must be false, true, or the number of proxies in front of the server (1, 2, …)')
    .default('false')
    .transform((v) => (v === 'true' ? 1 : v === 'false' ? 0 : Number(v))),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Background jobs (health checks, refresh, warming); off in tests that want a quiet server. */
  BACKGROUND_JOBS: z.enum(['on', 'off']).default('on'),
});

export type ServerConfig = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const relevant: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const v = env[key];
    if (v !== undefined && v !== '') relevant[key] = v;
  }
  const parsed = configSchema.safeParse(relevant);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(config)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
