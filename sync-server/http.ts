import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Every API error is JSON: `{"error": {"code", "message"}}` — never a stack trace. */
export function apiError(c: Context, status: ContentfulStatusCode, code: string, message: string, headers?: Record<string, string>) {
  return c.json({ error: { code, message } }, status, headers);
}
