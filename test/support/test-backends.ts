import type { IncomingMessage, ServerResponse } from 'node:http';

type NodeMiddleware = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

interface KoaContext {
  url: string;
  req: IncomingMessage;
  res: ServerResponse;
  respond?: boolean;
}

/**
 * Mounts the reference backend in the test server (Koa), plus two deliberately bad backends:
 * `/garbage/*` answers HTML with 200 (a misrouted proxy), `/broken/*` answers 503.
 */
export function testBackendMiddleware(api: NodeMiddleware) {
  return async (context: KoaContext, next: () => Promise<void>) => {
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
    if (!context.url.startsWith('/api/')) return next();
    context.respond = false;
    await new Promise<void>((resolve) => {
      context.res.once('close', resolve);
      api(context.req, context.res, () => {
        context.respond = true;
        resolve(next());
      });
    });
  };
}
