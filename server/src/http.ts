import type { HonoRequest, MiddlewareHandler } from 'hono';
import type { RefuseOrigin } from './origin-refusal.ts';
import { Problem } from './problem.ts';

/** Largest accepted request body (docs/protocol.md). */
export const maxBodyBytes = 64 * 1024;

/**
 * Reads a JSON request body, sent as `application/json` or as `text/plain` (UTF-8): the elements
 * send the latter so that a cross-origin call is a CORS-simple request without a preflight. A
 * `text/plain` body is taken only with an `Origin` header, which `originGuard` has checked:
 * every browser that sends one on a POST, PATCH or DELETE is one whose forms and fetches it
 * guards, and a browser too old to send it must not get a form in. `undefined` when there is no
 * body at all; another media type is refused before the body is read. The text goes into Hono's
 * body cache, so that middleware and handlers after this can read it again with `request.text()`
 * or `request.json()`.
 */
export async function readJsonBody(request: HonoRequest): Promise<unknown> {
  const mediaType = jsonMediaType(request);
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

/** The request's media type if it may carry JSON; `undefined` without a Content-Type. */
function jsonMediaType(request: HonoRequest): 'application/json' | 'text/plain' | undefined {
  const contentType = request.header('content-type');
  if (contentType === undefined) return undefined;
  const [type = '', ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (type === 'application/json') return type;
  if (type !== 'text/plain') throw new Problem('unsupported-media-type', 'The body must be application/json.');
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  if (charset !== undefined && charset !== 'utf-8') throw new Problem('unsupported-media-type', 'A text/plain body must be UTF-8.');
  if (request.header('origin') === undefined) {
    throw new Problem('unsupported-media-type', 'A text/plain body is taken only from a browser page that sends Origin; send application/json.');
  }
  return type;
}

/**
 * Reads the body as text, refusing more than `maxBodyBytes` without buffering the rest (of a
 * body sent in chunks, without a length). Written
 * here rather than with hono/body-limit, which rebuilds the Request and so needs the global
 * Request that a host app (Vite, a test runner) may not have replaced.
 */
async function readLimitedText(request: Request): Promise<string> {
  const declaredHeader = request.headers.get('content-length');
  const declared = Number(declaredHeader ?? 0);
  if (declared > maxBodyBytes) throw tooLarge();
  // A declared length bounds the body (the HTTP parser ends it there): read it whole, which the
  // Node adapter does straight from the socket's stream, without a web stream in between.
  if (declaredHeader !== null && Number.isSafeInteger(declared)) {
    const text = await request.text();
    // A Request built in process (`fetch` called directly) has no parser holding it to its length.
    if (Buffer.byteLength(text) > maxBodyBytes) throw tooLarge();
    return text;
  }
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

// Everything else may change state, including methods the API does not know.
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
// `Sec-Fetch-Site` values of requests made by the API's own pages, or typed by the user.
const ownSites = new Set(['same-origin', 'none']);

/**
 * Refuses state-changing requests from foreign pages (CSRF), by two browser signals: a foreign
 * `Origin`, or, when a browser sent no `Origin`, a `Sec-Fetch-Site` saying the request came from
 * another origin. An allowed `Origin` passes whatever the site (an API on another host is
 * legitimate: CORS lets only those origins read the answers). Requests with neither header come
 * from non-browser clients, which cannot carry a browser's cookies into a forgery: they pass.
 * A refusal names the origin it saw (origin-refusal.ts).
 */
export function originGuard(allowedOrigins: readonly string[], refuse: RefuseOrigin): MiddlewareHandler {
  return async (context, next) => {
    if (!safeMethods.has(context.req.method)) {
      const origin = context.req.header('origin');
      const site = context.req.header('sec-fetch-site');
      const allowed = origin === undefined ? site === undefined || ownSites.has(site) : allowedOrigins.includes(origin);
      if (!allowed) {
        const reason = origin === undefined ? 'A request from another site (by its Sec-Fetch-Site) sent no Origin' : 'Requests that change state must come from an allowed origin';
        throw refuse('origin-forbidden', { origin, setting: 'ORIGINS', reason });
      }
    }
    await next();
  };
}

/**
 * What every API answer carries, errors included: its answers are data, never a page to render,
 * frame or embed. `Cross-Origin-Resource-Policy` blocks only no-cors loads (`<script>`, `<img>`);
 * fetches from allowed origins are CORS requests and are not affected.
 */
export const apiSecurityHeaders: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Tells browsers to come back only over https for a year; sent only on answers that came over https. */
export const strictTransportSecurity = 'max-age=31536000';

/**
 * Adds `apiSecurityHeaders` to every answer, and HSTS to answers over https: the request's own
 * scheme, or behind `trustProxy` proxies the `X-Forwarded-Proto` the nearest one set.
 */
export function securityHeaders(trustProxy: number): MiddlewareHandler {
  return async (context, next) => {
    await next();
    for (const [name, value] of Object.entries(apiSecurityHeaders)) context.header(name, value);
    if (cameOverHttps(context.req, trustProxy)) context.header('Strict-Transport-Security', strictTransportSecurity);
  };
}

function cameOverHttps(request: HonoRequest, trustProxy: number): boolean {
  if (new URL(request.url).protocol === 'https:') return true;
  if (trustProxy === 0) return false;
  const forwarded = request.header('x-forwarded-proto')?.split(',').at(-1)?.trim().toLowerCase();
  return forwarded === 'https';
}
