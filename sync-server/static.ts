import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { brotliCompress, gzipSync, constants as zlib } from 'node:zlib';
import type { Context } from 'hono';

/** Content-Security-Policy for the app: same-origin only; wasm allowed for the on-device models. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob: https://images.openfoodfacts.org",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "media-src 'self' blob: mediastream:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};
// Source maps are served as they are: only developers fetch them, and compressing them slowed start-up.
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.svg', '.wasm', '.txt']);

interface StaticFile {
  body: Buffer;
  gzip?: Buffer;
  br?: Buffer;
  type: string;
  etag: string;
  cacheControl: string;
}

/** Hashed build output (Vite's assets/) never changes under its name; everything else must be revalidated. */
function cacheControlFor(path: string): string {
  if (path.startsWith('/assets/')) return 'public, max-age=31536000, immutable';
  return 'no-cache';
}

/**
 * The built app held in memory with precomputed gzip and brotli bodies. The app is a few hundred KB,
 * so this trades a little memory for zero disk I/O per request.
 */
export class StaticSite {
  private files = new Map<string, StaticFile>();
  private pending: Promise<void>[] = [];

  constructor(readonly dir: string) {
    if (!dir || !existsSync(join(dir, 'index.html'))) return;
    const walk = (d: string) => {
      for (const name of readdirSync(d)) {
        const full = join(d, name);
        if (statSync(full).isDirectory()) walk(full);
        else this.add('/' + relative(dir, full).split(sep).join('/'), readFileSync(full));
      }
    };
    walk(dir);
  }

  /** Resolves when every brotli body is ready (gzip is served until then). */
  compressed(): Promise<void> {
    return Promise.all(this.pending).then(() => undefined);
  }

  get available(): boolean {
    return this.files.has('/index.html');
  }

  private add(path: string, body: Buffer) {
    const ext = extname(path);
    const file: StaticFile = {
      body,
      type: TYPES[ext] ?? 'application/octet-stream',
      etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
      cacheControl: cacheControlFor(path),
    };
    if (COMPRESSIBLE.has(ext) && body.length > 512) {
      // gzip now (fast); brotli at its best quality on the thread pool, served once ready, so
      // start-up does not wait seconds for the large model worker and .wasm files.
      file.gzip = gzipSync(body, { level: 9 });
      this.pending.push(
        new Promise((resolve) =>
          brotliCompress(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }, (err, br) => {
            if (!err) file.br = br;
            resolve();
          }),
        ),
      );
    }
    this.files.set(path, file);
  }

  /** Serves a file, or index.html for app routes (SPA fallback); null when nothing matches. */
  serve(c: Context): Response | null {
    let path: string;
    try {
      path = decodeURIComponent(new URL(c.req.url).pathname);
    } catch {
      // "/%E0%A4": a broken percent-escape is the client's mistake, not a server fault.
      return new Response('Bad request: the address contains a malformed percent-escape.', { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    }
    if (path.endsWith('/')) path += 'index.html';
    let file = this.files.get(path);
    if (!file) {
      // Unknown paths with a file extension are real 404s; extension-less paths are app routes.
      if (extname(path) !== '') return null;
      file = this.files.get('/index.html');
      if (!file) return null;
    }
    const headers = new Headers({
      'content-type': file.type,
      'cache-control': file.cacheControl,
      etag: file.etag,
      vary: 'accept-encoding',
    });
    if (file.type.startsWith('text/html')) headers.set('content-security-policy', CONTENT_SECURITY_POLICY);
    if (c.req.header('if-none-match') === file.etag) return new Response(null, { status: 304, headers });
    const accept = c.req.header('accept-encoding') ?? '';
    let body = file.body;
    if (file.br && /\bbr\b/.test(accept)) {
      body = file.br;
      headers.set('content-encoding', 'br');
    } else if (file.gzip && /\bgzip\b/.test(accept)) {
      body = file.gzip;
      headers.set('content-encoding', 'gzip');
    }
    headers.set('content-length', String(body.length));
    return new Response(c.req.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  }
}
