import type { Context } from 'hono';
import { problemContentType, problems, type ProblemCode } from '../../src/protocol/index.ts';
import type { LogSink } from './logging/log.ts';
import { routeOf } from './logging/request-log.ts';

export type { ProblemCode };

/** Extra members of the problem body, e.g. `credentialId` for `unknown-credential`, `methods` for `reauthentication-required`. */
export type ProblemExtensions = Record<string, string | number | boolean | readonly string[]>;

/** An error that becomes an `application/problem+json` response; throw it from any handler. */
export class Problem extends Error {
  readonly code: ProblemCode;
  readonly status: number;
  readonly title: string;
  /** English text for developers; clients never show it to users. */
  readonly detail: string;
  readonly extensions: ProblemExtensions;
  /** Response headers that belong to the problem, e.g. `Allow` for 405. */
  readonly headers: Record<string, string>;

  constructor(
    code: ProblemCode,
    detail: string,
    options: { extensions?: ProblemExtensions; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(detail, { cause: options.cause });
    this.name = 'Problem';
    this.code = code;
    this.status = problems[code].status;
    this.title = problems[code].title;
    this.detail = detail;
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }
}

/** Renders a problem as RFC 9457 JSON; extension members cannot overwrite the standard ones. */
export function problemResponse(problem: Problem): Response {
  const body = {
    ...problem.extensions,
    type: 'about:blank',
    title: problem.title,
    status: problem.status,
    code: problem.code,
    detail: problem.detail,
  };
  return new Response(JSON.stringify(body), {
    status: problem.status,
    headers: { ...problem.headers, 'Content-Type': problemContentType },
  });
}

/**
 * Turns anything thrown while handling a request into a response. Unknown errors are bugs or an
 * unavailable database: they are logged as one JSON line (message, stack, route pattern and
 * request id, never the request itself) and answered with a bare 500 that reveals nothing.
 */
export function errorResponse(error: unknown, context: Context, log: LogSink): Response {
  if (error instanceof Problem) return problemResponse(error);
  log({
    time: new Date().toISOString(),
    level: 'error',
    event: 'unexpected-error',
    requestId: context.get('requestId'),
    method: context.req.method,
    route: routeOf(context),
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  return problemResponse(new Problem('internal', 'An unexpected error occurred.'));
}
