import type { Hono } from 'hono';
import type { AppEnv, ServerDeps } from '../deps';
import { registerAuthRoutes } from '../routes/auth';
import { registerSyncRoutes } from '../routes/sync';
import { createSyncService, type SyncService } from './service';

/** Accounts and end-to-end-encrypted sync (DESIGN §6, §7): one call from registerRoutes. */
export function registerAccountsAndSync(app: Hono<AppEnv>, deps: ServerDeps): SyncService {
  const svc = createSyncService(deps);
  registerAuthRoutes(app, svc);
  registerSyncRoutes(app, svc);
  return svc;
}
