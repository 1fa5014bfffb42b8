import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerConfig } from './config';
import type { Logger } from './log';
import { ensurePrivateDir } from './storage/db';

/** Server-side secrets: the HS256 key for session tokens and the key behind prelogin's fake salts. */
export interface ServerSecrets {
  jwtKey: Buffer;
  preloginKey: Buffer;
  /** Where the JWT key came from (never the key itself), for the start-up log. */
  jwtSource: 'config' | 'file' | 'memory';
}

const SECRET = /^[A-Za-z0-9_-]{43,}$/;

/**
 * Reads `name` from the data directory, creating it (48 random bytes, base64url, mode 0600) on first start.
 * Creation is atomic (write a temporary file, then hard-link it into place), so two processes starting at
 * once agree on one secret and nobody ever reads a half-written file.
 */
export function readOrCreateSecret(dir: string, name: string, log: Logger): Buffer {
  const path = join(dir, name);
  ensurePrivateDir(dir);
  try {
    statSync(path);
  } catch {
    const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(tmp, `${randomBytes(48).toString('base64url')}\n`, { mode: 0o600 });
    try {
      linkSync(tmp, path);
      log.info('generated server secret', { file: name });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      unlinkSync(tmp);
    }
  }
  const mode = statSync(path).mode & 0o777;
  if (mode & 0o077) {
    // Readable by others: tighten rather than refuse, and say so.
    chmodSync(path, 0o600);
    log.warn('server secret file was readable by other users; its mode is now 0600', { file: name });
  }
  const text = readFileSync(path, 'utf8').trim();
  if (!SECRET.test(text)) throw new Error(`${path} does not hold a valid secret; delete it to generate a new one (existing sessions will end)`);
  return Buffer.from(text, 'utf8');
}

/** JWT_SECRET from the configuration, else the persisted one; an in-memory data directory gets fresh ones. */
export function loadSecrets(config: ServerConfig, log: Logger): ServerSecrets {
  const inMemory = config.DATA_DIR === ':memory:';
  const preloginKey = inMemory ? randomBytes(48) : readOrCreateSecret(config.DATA_DIR, 'prelogin-secret', log);
  if (config.JWT_SECRET) return { jwtKey: Buffer.from(config.JWT_SECRET, 'utf8'), preloginKey, jwtSource: 'config' };
  if (inMemory) return { jwtKey: randomBytes(48), preloginKey, jwtSource: 'memory' };
  return { jwtKey: readOrCreateSecret(config.DATA_DIR, 'jwt-secret', log), preloginKey, jwtSource: 'file' };
}
