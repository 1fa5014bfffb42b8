/// <reference lib="webworker" />
// Passphrase → keys in a worker: PBKDF2 with 600,000 iterations takes long enough to freeze the page.
// The KEK comes back as a non-extractable CryptoKey (structured clone keeps it non-extractable).
import { expose } from 'comlink';
import * as z from 'zod/mini';
import { deriveAccountKeys, type AccountKeys } from '../shared/sync/kdf';
import { parseMessage } from './messages';

export const deriveRequest = z.object({
  passphrase: z.string().check(z.maxLength(4096)),
  params: z.object({ algorithm: z.string(), iterations: z.number(), salt: z.string() }),
});

const api = {
  deriveAccountKeys(passphrase: unknown, params: unknown): Promise<AccountKeys> {
    const request = parseMessage(deriveRequest, { passphrase, params }, 'key derivation request');
    return deriveAccountKeys(request.passphrase, request.params);
  },
};

export type KdfWorkerApi = typeof api;
expose(api);
