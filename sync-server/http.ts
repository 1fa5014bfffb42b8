import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Every API error is JSON: `{"error": {"code", "message"}}` — never a stack trace. */
export function apiError(c: Context, status: ContentfulStatusCode, code: string, message: string, headers?: Record<string, string>) {
  return c.json({ error: { code, message } }, status, headers);
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 405: 'Method Not Allowed', 408: 'Request Timeout', 413: 'Content Too Large', 431: 'Request Header Fields Too Large', 500: 'Internal Server Error' };

function errorJson(code: string, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

/**
 * The answer for a request the Node adapter could not turn into a Request (no Host, a bad target), or a
 * failure outside Hono's own error handler: the API's JSON error, never an empty body or a stack trace.
 */
export function requestFailed(e: unknown): Response {
  const malformed = e instanceof Error && e.name === 'RequestError';
  const body = malformed ? errorJson('bad_request', `The request could not be read: ${e.message}.`) : errorJson('internal', 'Something went wrong on the server; the request changed nothing.');
  return new Response(body, { status: malformed ? 400 : 500, headers: { 'content-type': 'application/json', 'x-content-type-options': 'nosniff' } });
}

/**
 * Answers what Node's HTTP parser refuses before any handler runs (bad bytes in the request line or headers,
 * a bad Content-Length, oversized headers, CONNECT) with a JSON error and closes the connection.
 */
export function answerMalformedHttp(server: Server): void {
  const reply = (socket: Duplex, status: number, code: string, message: string) => {
    if (!socket.writable) return void socket.destroy();
    const body = errorJson(code, message);
    socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nx-content-type-options: nosniff\r\nconnection: close\r\n\r\n${body}`);
  };
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET') return void socket.destroy();
    if (err.code === 'HPE_HEADER_OVERFLOW') return reply(socket, 431, 'headers_too_large', 'The request headers are too large.');
    if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return reply(socket, 408, 'request_timeout', 'The request took too long to arrive.');
    reply(socket, 400, 'bad_request', 'The request is not valid HTTP (a malformed request line, header or body framing).');
  });
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => reply(socket, 405, 'method_not_allowed', 'CONNECT is not supported.'));
}

/**
 * Wraps the adapter's request listener: an HTTP/1.1 request without a Host header gets the JSON 400 here
 * (create the server with `requireHostHeader: false`, or Node answers it first with an empty body).
 */
export function requireHost(listener: RequestListener): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.httpVersionMajor === 1 && req.httpVersionMinor >= 1 && req.headers.host === undefined) {
      const body = errorJson('bad_request', 'An HTTP/1.1 request needs a Host header.');
      res.writeHead(400, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-content-type-options': 'nosniff', connection: 'close' });
      res.end(body);
      return;
    }
    listener(req, res);
  };
}

/**
 * Client address for per-IP limits: the socket address, or behind `proxies` trusted proxies the entry of
 * X-Forwarded-For that the outermost of them appended (the Nth from the right). Entries to its left come from
 * the client and prove nothing; a header shorter than the chain did not come through it.
 */
export function clientAddress(c: Context, proxies: number): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const socket = env?.incoming?.socket?.remoteAddress ?? 'local';
  if (proxies <= 0) return socket;
  const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((s) => s.trim());
  const entry = hops.length >= proxies ? hops[hops.length - proxies] : undefined;
  return entry ? entry.slice(0, 64) : socket;
}

/**
 * Whether the request reached us over TLS: directly (an https URL), or, behind trusted proxies, as the TLS
 * proxy reports in X-Forwarded-Proto. A client could write that header itself, but browsers ignore HSTS on
 * answers that did not come over https (RFC 6797 §8.1), so a false "https" changes nothing.
 */
export function arrivedOverTls(c: Context, proxies: number): boolean {
  if (c.req.url.startsWith('https:')) return true;
  if (proxies <= 0) return false;
  return (c.req.header('x-forwarded-proto') ?? '').split(',').some((s) => s.trim().toLowerCase() === 'https');
}
