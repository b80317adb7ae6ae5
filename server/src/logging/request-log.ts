import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { randomToken } from '../random.ts';
import type { LogSink } from './log.ts';

declare module 'hono' {
  interface ContextVariableMap {
    /** The request's id: in the `X-Request-Id` answer header and in every log line about it. */
    requestId: string;
  }
}

export const requestIdHeader = 'X-Request-Id';

/** An incoming id is kept only if it is a short token that cannot forge or break a log line. */
const safeRequestId = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Gives every request an id (the caller's `X-Request-Id` when it is a safe token, else a random
 * one), echoes it in the answer, and with a `log` writes one line per request: method, route
 * pattern, status, duration and id.
 */
export function requestLog(log: LogSink | undefined): MiddlewareHandler {
  return async (context, next) => {
    const started = performance.now();
    const incoming = context.req.header(requestIdHeader);
    const requestId = incoming !== undefined && safeRequestId.test(incoming) ? incoming : randomToken(12);
    context.set('requestId', requestId);
    await next();
    context.header(requestIdHeader, requestId);
    log?.({
      time: new Date().toISOString(),
      level: 'info',
      event: 'request',
      requestId,
      method: context.req.method,
      route: routeOf(context),
      status: context.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
  };
}

/** The pattern of the route that answered, e.g. `/api/passkeys/passkeys/:id`. */
export function routeOf(context: Context): string {
  return routePath(context);
}
