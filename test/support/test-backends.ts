import type { IncomingMessage, ServerResponse } from 'node:http';

/** The wait `/busy/*` asks for: short, so that a test sees it end. */
const busySeconds = 2;

/** How long `/slow/*` holds each request, as a first start holds it while the server prepares its database. */
const slowMilliseconds = 1_500;

type NodeMiddleware = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

interface KoaContext {
  url: string;
  req: IncomingMessage;
  res: ServerResponse;
  respond?: boolean;
}

/**
 * Mounts the reference backend in the test server (Koa), a foreign one under `/foreign/`
 * (foreign-backend.ts), and three deliberately bad backends:
 * `/garbage/*` answers HTML with 200 (a misrouted proxy), `/broken/*` answers 503, and `/busy/*`
 * answers every request with 429 `rate-limited`, the wait only in its `Retry-After` header.
 * `/slow/api/...` is the reference backend at `/api/...`, answering `slowMilliseconds` late.
 */
export function testBackendMiddleware(apis: NodeMiddleware[], foreign: NodeMiddleware) {
  return async (context: KoaContext, next: () => Promise<void>) => {
    if (context.url.startsWith('/foreign/')) return mount(foreign, context, next);
    if (context.url.startsWith('/garbage/')) {
      context.respond = false;
      context.res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Welcome to nginx!</title>');
      return;
    }
    if (context.url.startsWith('/broken/')) {
      context.respond = false;
      context.res.writeHead(503, { 'content-type': 'text/plain' }).end('Service Unavailable');
      return;
    }
    if (context.url.startsWith('/busy/')) {
      context.respond = false;
      const problem = { type: 'about:blank', title: 'Too Many Requests', status: 429, code: 'rate-limited', detail: 'Too many requests.' };
      context.res.writeHead(429, { 'content-type': 'application/problem+json', 'retry-after': String(busySeconds) }).end(JSON.stringify(problem));
      return;
    }
    if (context.url.startsWith('/slow/api/')) {
      await new Promise((resolve) => setTimeout(resolve, slowMilliseconds));
      context.url = context.url.slice('/slow'.length);
    }
    if (!/^\/api(-[a-z]+)?\//.test(context.url)) return next();
    // Each API answers its own base path and passes the rest on to the next one.
    const from = (index: number): Promise<void> => (index < apis.length ? mount(apis[index]!, context, () => from(index + 1)) : next());
    return from(0);
  };
}

function mount(handler: NodeMiddleware, context: KoaContext, next: () => Promise<void>) {
  context.respond = false;
  return new Promise<void>((resolve) => {
    context.res.once('close', resolve);
    handler(context.req, context.res, () => {
      context.respond = true;
      resolve(next());
    });
  });
}
