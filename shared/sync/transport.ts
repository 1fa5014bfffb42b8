import { z } from 'zod';
import { InsecureServerError, SyncAuthError, SyncProtocolError, SyncRateLimitedError, SyncServerError, SyncUnreachableError } from './errors';
import {
  errorBody,
  keyringResponse,
  keyringUpdateResponse,
  preloginResponse,
  pullResponse,
  pushResponse,
  sessionResponse,
  signOutResponse,
  type KeyringResponse,
  type KeyringUpdateRequest,
  type LoginRequest,
  type PreloginResponse,
  type Proof,
  type PullResponse,
  type PushRecord,
  type PushResponse,
  type SessionResponse,
  type SignupRequest,
} from './protocol';

const deleteResponse = z.object({ deleted: z.literal(true) });

/** What the sync engine needs from the network. `SyncClient` implements it over fetch. */
export interface SyncTransport {
  push(records: readonly PushRecord[]): Promise<PushResponse>;
  pull(since: number, limit: number): Promise<PullResponse>;
}

/**
 * True when requests to `baseUrl` are protected in transit: https, the page's own origin (""), or plain http to
 * this computer (localhost, 127.0.0.0/8, [::1]), which never crosses a network.
 */
export function isSecureServerUrl(baseUrl: string): boolean {
  if (baseUrl === '') return true;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  if (url.protocol !== 'http:') return false;
  const host = url.hostname;
  return host === 'localhost' || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host) || host === '[::1]';
}

export interface SyncCredentials {
  /** As typed; the server normalises. */
  email: string;
  /** base64url auth key derived from the passphrase (or the recovery key). */
  authKey: string;
}

export interface SyncClientOptions {
  /** Server origin, e.g. "https://aurea.example.org"; "" for the app's own origin. */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Per-request timeout; a timeout counts as unreachable. */
  timeoutMs?: number;
  /** Lets the client sign in again by itself when its short-lived token expires. */
  credentials?: SyncCredentials | null;
  token?: string | null;
  /** Called with every new token, so the app can keep it across reloads. */
  onToken?: (token: string, expiresAt: string) => void;
}

/**
 * HTTP client of the sync server with typed errors: SyncUnreachableError (no answer, or a proxy's 502/503/504),
 * SyncAuthError (401 after one silent re-login), SyncRateLimitedError (429 with Retry-After),
 * SyncServerError (any other error answer), SyncProtocolError (an answer that is not the protocol).
 */
export class SyncClient implements SyncTransport {
  private readonly base: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private credentials: SyncCredentials | null;
  private currentToken: string | null;
  private readonly onToken: ((token: string, expiresAt: string) => void) | undefined;

  constructor(options: SyncClientOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.credentials = options.credentials ?? null;
    this.currentToken = options.token ?? null;
    this.onToken = options.onToken;
  }

  get token(): string | null {
    return this.currentToken;
  }

  setCredentials(credentials: SyncCredentials | null): void {
    this.credentials = credentials;
  }

  /** Forgets the token and credentials (sign out on this device). */
  signOut(): void {
    this.credentials = null;
    this.currentToken = null;
  }

  private setToken(token: string, expiresAt: string) {
    this.currentToken = token;
    this.onToken?.(token, expiresAt);
  }

  private async send(method: string, path: string, body: unknown, token: string | null): Promise<Response> {
    // Checked on every request, so an account saved with an http:// address before this rule stops too.
    if (!isSecureServerUrl(this.base)) throw new InsecureServerError();
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      return await this.fetchImpl(`${this.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: controller.signal });
    } catch (e) {
      throw new SyncUnreachableError(e instanceof Error ? e.message : String(e));
    } finally {
      clearTimeout(timer);
    }
  }

  private async fail(res: Response): Promise<never> {
    if (res.status === 503 && res.headers.get('retry-after')) {
      // The server's own "busy" (its queue of passphrase checks is full): wait as told, like a 429.
      const busy = await res
        .clone()
        .json()
        .then((b: unknown) => errorBody.safeParse(b).data?.error.code === 'busy')
        .catch(() => false);
      if (busy) throw new SyncRateLimitedError(retryAfterMs(res.headers.get('retry-after')));
    }
    if (res.status === 502 || res.status === 503 || res.status === 504) throw new SyncUnreachableError(`HTTP ${res.status}`);
    if (res.status === 429) throw new SyncRateLimitedError(retryAfterMs(res.headers.get('retry-after')));
    let code = `http_${res.status}`;
    let message = `The sync server answered ${res.status}.`;
    try {
      const parsed = errorBody.safeParse(await res.json());
      if (parsed.success) ({ code, message } = parsed.data.error);
    } catch {
      // Not JSON: keep the generic message.
    }
    throw new SyncServerError(res.status, code, message);
  }

  private async read<S extends z.ZodType>(res: Response, schema: S): Promise<z.infer<S>> {
    let data: unknown;
    try {
      data = await res.json();
    } catch {
      throw new SyncProtocolError(`HTTP ${res.status} without JSON`);
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new SyncProtocolError(parsed.error.issues[0]?.message ?? 'unexpected shape');
    return parsed.data;
  }

  /** Unauthenticated call. */
  private async open<S extends z.ZodType>(method: string, path: string, body: unknown, schema: S): Promise<z.infer<S>> {
    const res = await this.send(method, path, body, null);
    if (!res.ok) await this.fail(res);
    return this.read(res, schema);
  }

  /** Authenticated call: signs in first when there is no token, and once more on a 401 when it can. */
  private async authed<S extends z.ZodType>(method: string, path: string, body: unknown, schema: S): Promise<z.infer<S>> {
    if (!this.currentToken) await this.relogin();
    let res = await this.send(method, path, body, this.currentToken);
    if (res.status === 401 && this.credentials) {
      await this.relogin();
      res = await this.send(method, path, body, this.currentToken);
    }
    if (res.status === 401) throw new SyncAuthError();
    if (!res.ok) await this.fail(res);
    return this.read(res, schema);
  }

  private async relogin(): Promise<void> {
    if (!this.credentials) throw new SyncAuthError();
    try {
      await this.login({ email: this.credentials.email, auth_key: this.credentials.authKey });
    } catch (e) {
      if (e instanceof SyncServerError && e.status === 401) throw new SyncAuthError();
      throw e;
    }
  }

  prelogin(email: string): Promise<PreloginResponse> {
    return this.open('POST', '/api/auth/prelogin', { email }, preloginResponse);
  }

  async signup(request: SignupRequest): Promise<SessionResponse> {
    const s = await this.open('POST', '/api/auth/signup', request, sessionResponse);
    this.setToken(s.token, s.expires_at);
    return s;
  }

  /** A wrong key answers SyncServerError with status 401 (the account flows turn it into WrongPassphraseError). */
  async login(request: LoginRequest): Promise<SessionResponse> {
    const s = await this.open('POST', '/api/auth/login', request, sessionResponse);
    this.setToken(s.token, s.expires_at);
    return s;
  }

  getKeyring(): Promise<KeyringResponse> {
    return this.authed('GET', '/api/keyring', undefined, keyringResponse);
  }

  async putKeyring(request: KeyringUpdateRequest): Promise<void> {
    const r = await this.authed('PUT', '/api/keyring', request, keyringUpdateResponse);
    this.setToken(r.token, r.expires_at);
  }

  push(records: readonly PushRecord[]): Promise<PushResponse> {
    return this.authed('POST', '/api/sync/push', { records }, pushResponse);
  }

  pull(since: number, limit: number): Promise<PullResponse> {
    return this.authed('GET', `/api/sync/pull?since=${since}&limit=${limit}`, undefined, pullResponse);
  }

  /**
   * Ends this session's token on the server (other devices keep theirs), then forgets it here. Never signs in
   * to do so: with no token there is nothing to end.
   */
  async signOutOnServer(): Promise<void> {
    const token = this.currentToken;
    this.signOut();
    if (!token) return;
    const res = await this.send('POST', '/api/sync/sign-out', undefined, token);
    if (res.status === 401) return; // already over
    if (!res.ok) await this.fail(res);
    await this.read(res, signOutResponse);
  }

  async deleteAccount(proof: Proof): Promise<void> {
    await this.authed('DELETE', '/api/account', { proof }, deleteResponse);
    this.signOut();
  }
}


/** Retry-After in seconds or as an HTTP date; 60 s when missing or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  if (!header) return 60_000;
  const s = Number(header);
  if (Number.isFinite(s) && s >= 0) return Math.ceil(s * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now) : 60_000;
}
