import { randomBytes } from 'node:crypto';
import type { TestApp } from './sync-app';

/** A raw account made through the HTTP API with random keys (no passphrase derivation: the server never sees one). */
export interface RawAccount {
  email: string;
  authKey: string;
  recoveryAuthKey: string;
  salt: string;
  keyring: { v: 1; passphrase: string; recovery: string };
  token: string;
}

export const b64 = (n: number) => randomBytes(n).toString('base64url');

export function signupBody(email: string) {
  return {
    email,
    salt: b64(32),
    kdf: { algorithm: 'PBKDF2-SHA-256', iterations: 600_000 },
    auth_key: b64(32),
    recovery_auth_key: b64(32),
    keyring: { v: 1 as const, passphrase: b64(93), recovery: b64(93) },
  };
}

export async function signupRaw(app: TestApp, email: string): Promise<RawAccount> {
  const body = signupBody(email);
  const res = await app.request('/api/auth/signup', { method: 'POST', json: body });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  return { email, authKey: body.auth_key, recoveryAuthKey: body.recovery_auth_key, salt: body.salt, keyring: body.keyring, token };
}
