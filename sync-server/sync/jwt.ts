import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * HS256 session tokens on node:crypto. The algorithm is fixed on both sides: signing writes
 * {"alg":"HS256","typ":"JWT"} and verifying accepts that header only (no "none", no key confusion), then
 * checks the signature in constant time and exp/nbf/iat against the server's clock.
 */

export interface TokenClaims {
  /** Account id. */
  sub: string;
  /** Session epoch of the account; bumping it (passphrase change) ends older tokens. */
  ep: number;
  iat: number;
  exp: number;
  iss: string;
  /** Random token id: two sign-ins in the same second get different tokens, so ending one never ends the other. */
  jti?: string;
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
const ISSUER = 'aurea-sync';
const LEEWAY_S = 30;

function mac(key: Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

export function signToken(key: Buffer, claims: { sub: string; ep: number }, nowMs: number, ttlSeconds: number): { token: string; expiresAt: number } {
  const iat = Math.floor(nowMs / 1000);
  const body: TokenClaims = { sub: claims.sub, ep: claims.ep, iat, exp: iat + ttlSeconds, iss: ISSUER, jti: randomBytes(12).toString('base64url') };
  const unsigned = `${HEADER}.${Buffer.from(JSON.stringify(body)).toString('base64url')}`;
  return { token: `${unsigned}.${mac(key, unsigned).toString('base64url')}`, expiresAt: body.exp * 1000 };
}

/** The claims of a valid, current token; null for anything else (malformed, other alg, bad signature, expired). */
export function verifyToken(key: Buffer, token: string, nowMs: number): TokenClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [h, p, s] = parts as [string, string, string];
  let header: unknown;
  let claims: unknown;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!header || typeof header !== 'object') return null;
  const hd = header as Record<string, unknown>;
  if (hd.alg !== 'HS256' || (hd.typ !== undefined && hd.typ !== 'JWT') || Object.keys(hd).some((k) => k !== 'alg' && k !== 'typ')) return null;
  const expected = mac(key, `${h}.${p}`);
  const given = Buffer.from(s, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (!claims || typeof claims !== 'object') return null;
  const c = claims as Record<string, unknown>;
  if (typeof c.sub !== 'string' || typeof c.ep !== 'number' || typeof c.iat !== 'number' || typeof c.exp !== 'number' || c.iss !== ISSUER) return null;
  const now = Math.floor(nowMs / 1000);
  if (c.exp <= now || c.iat > now + LEEWAY_S) return null;
  if (typeof c.nbf === 'number' && c.nbf > now + LEEWAY_S) return null;
  return { sub: c.sub, ep: c.ep, iat: c.iat, exp: c.exp, iss: ISSUER };
}
