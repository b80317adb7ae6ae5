import type { HonoRequest, MiddlewareHandler } from 'hono';
import { Problem } from './problem.ts';

/** Largest accepted request body (docs/protocol.md). */
export const maxBodyBytes = 64 * 1024;

/**
 * Reads a JSON request body. `undefined` when there is no body at all; a body of another media
 * type is refused before it is read. The text goes into Hono's body cache, so that middleware and
 * handlers after this can read it again with `request.text()` or `request.json()`.
 */
export async function readJsonBody(request: HonoRequest): Promise<unknown> {
  const contentType = request.header('content-type');
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== undefined && mediaType !== 'application/json') {
    throw new Problem('unsupported-media-type', 'The body must be application/json.');
  }
  // Hono keeps the pending read in its cache (as its own body methods do), though BodyCache types the settled text.
  request.bodyCache.text ??= readLimitedText(request.raw) as unknown as string;
  const text = await request.text();
  if (mediaType === undefined) {
    if (text === '') return undefined;
    throw new Problem('unsupported-media-type', 'The body must be sent with Content-Type: application/json.');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Problem('invalid-json', 'The body is not valid JSON.');
  }
}

/**
 * Reads the body as text, refusing more than `maxBodyBytes` without buffering the rest. Written
 * here rather than with hono/body-limit, which rebuilds the Request and so needs the global
 * Request that a host app (Vite, a test runner) may not have replaced.
 */
async function readLimitedText(request: Request): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBodyBytes) throw tooLarge();
  const body = request.body;
  if (!body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > maxBodyBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge() {
  return new Problem('body-too-large', `The body is larger than ${maxBodyBytes} bytes.`);
}

const stateChangingMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses state-changing requests from foreign pages (CSRF): browsers always send `Origin` on
 * cross-origin POST and DELETE. Requests without the header (non-browser clients) pass.
 */
export function originGuard(allowedOrigins: readonly string[]): MiddlewareHandler {
  return async (context, next) => {
    const origin = context.req.header('origin');
    if (stateChangingMethods.has(context.req.method) && origin !== undefined && !allowedOrigins.includes(origin)) {
      throw new Problem('origin-forbidden', 'Requests that change state must come from an allowed origin.');
    }
    await next();
  };
}
