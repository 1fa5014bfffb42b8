/**
 * Typed errors of the sync client. `message` is the sentence the UI shows; `code` is for branching.
 * Every error the client throws on purpose is a SyncError, so the app can tell them from bugs.
 */

export class SyncError extends Error {
  override name = 'SyncError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The passphrase (or the email with it) does not open this account. */
export class WrongPassphraseError extends SyncError {
  override name = 'WrongPassphraseError';
  constructor() {
    super('wrong_passphrase', 'That passphrase does not unlock this account.');
  }
}

/** The recovery key is well formed but does not open this account. */
export class WrongRecoveryKeyError extends SyncError {
  override name = 'WrongRecoveryKeyError';
  constructor() {
    super('wrong_recovery_key', 'That recovery key does not unlock this account.');
  }
}

/** The text typed as a recovery key cannot be one (wrong length or characters). */
export class MalformedRecoveryKeyError extends SyncError {
  override name = 'MalformedRecoveryKeyError';
  constructor(detail: string) {
    super('malformed_recovery_key', `That is not a recovery key: ${detail}. A recovery key is 32 letters and digits, shown in groups of four.`);
  }
}

/** The server asked for key-derivation settings weaker than the client's floor; nothing was derived or sent. */
export class WeakKdfParamsError extends SyncError {
  override name = 'WeakKdfParamsError';
  constructor(detail: string) {
    super('weak_kdf', `Refusing the server's key-derivation settings (${detail}). Your passphrase was not used; check that this is your own sync server.`);
  }
}

/** A new passphrase too short to protect health data against guessing. */
export class WeakPassphraseError extends SyncError {
  override name = 'WeakPassphraseError';
  constructor(minLength: number) {
    super('weak_passphrase', `Choose a passphrase of at least ${minLength} characters; a few unrelated words work well.`);
  }
}

/** The server address is plain http:// to another computer: the auth key would cross the network unencrypted. */
export class InsecureServerError extends SyncError {
  override name = 'InsecureServerError';
  constructor() {
    super(
      'insecure_server',
      'This sync server address starts with http://, so your sign-in key would cross the network unencrypted. Use its https:// address (plain http:// works only on this computer: localhost or 127.0.0.1).',
    );
  }
}

/** No answer from the server (offline, DNS, refused, timed out). Retry later; local data is safe. */
export class SyncUnreachableError extends SyncError {
  override name = 'SyncUnreachableError';
  constructor(readonly detail?: string) {
    super('unreachable', "Can't reach your sync server. Your diary is saved on this device and will sync when the server is back.");
  }
}

/** 401: the session is over (expired, revoked by a passphrase change, or the account is gone). Sign in again. */
export class SyncAuthError extends SyncError {
  override name = 'SyncAuthError';
  constructor() {
    super('unauthorized', 'Your sync session has ended. Sign in again to keep syncing.');
  }
}

/** 429: too many requests; `retryAfterMs` comes from the server's Retry-After. */
export class SyncRateLimitedError extends SyncError {
  override name = 'SyncRateLimitedError';
  constructor(readonly retryAfterMs: number) {
    super('rate_limited', `The sync server is busy with this account; trying again in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s.`);
  }
}

/** Any other error answer from the server, with its code and message. */
export class SyncServerError extends SyncError {
  override name = 'SyncServerError';
  constructor(
    readonly status: number,
    code: string,
    message: string,
  ) {
    super(code, message);
  }
}

/** The server answered something that is not the protocol (wrong server, proxy page, version skew). */
export class SyncProtocolError extends SyncError {
  override name = 'SyncProtocolError';
  constructor(detail: string) {
    super('protocol', `The sync server's answer was not understood (${detail}). Is the address right and the server up to date?`);
  }
}

/** Local edits kept arriving while a sync tried to apply remote changes; the next sync picks up from here. */
export class SyncBusyError extends SyncError {
  override name = 'SyncBusyError';
  constructor() {
    super('busy', 'Sync paused while you were editing; it will continue shortly.');
  }
}
