import type { DeriveAccountKeys } from '../../shared/sync/account';
import { gateway } from '../gateway';
import type { SyncEnv } from './account';

/** The slow passphrase derivation runs in the KDF worker, so the page stays responsive. */
export const workerDerive: DeriveAccountKeys = (passphrase, params) => gateway.kdf().deriveAccountKeys(passphrase, { ...params });

/** What the account flows use in the browser. */
export const browserSyncEnv: SyncEnv = { derive: workerDerive };
