/** The stable error codes of docs/protocol.md; clients act on these. */
export type ProblemCode =
  | 'invalid-json'
  | 'invalid-request'
  | 'invalid-identifier'
  | 'invalid-display-name'
  | 'invalid-credential'
  | 'invalid-passkey-name'
  | 'challenge-invalid'
  | 'challenge-expired'
  | 'origin-mismatch'
  | 'verification-failed'
  | 'not-signed-in'
  | 'origin-forbidden'
  | 'reauthentication-required'
  | 'unknown-user'
  | 'unknown-credential'
  | 'unknown-passkey'
  | 'unknown-session'
  | 'not-found'
  | 'method-not-allowed'
  | 'identifier-taken'
  | 'last-passkey'
  | 'body-too-large'
  | 'unsupported-media-type'
  | 'internal';

const problemTypes: Record<ProblemCode, { status: number; title: string }> = {
  'invalid-json': { status: 400, title: 'Invalid JSON' },
  'invalid-request': { status: 400, title: 'Invalid request' },
  'invalid-identifier': { status: 400, title: 'Invalid identifier' },
  'invalid-display-name': { status: 400, title: 'Invalid display name' },
  'invalid-credential': { status: 400, title: 'Invalid credential' },
  'invalid-passkey-name': { status: 400, title: 'Invalid passkey name' },
  'challenge-invalid': { status: 400, title: 'Challenge invalid' },
  'challenge-expired': { status: 400, title: 'Challenge expired' },
  'origin-mismatch': { status: 400, title: 'Origin mismatch' },
  'verification-failed': { status: 400, title: 'Verification failed' },
  'not-signed-in': { status: 401, title: 'Not signed in' },
  'origin-forbidden': { status: 403, title: 'Origin forbidden' },
  'reauthentication-required': { status: 403, title: 'Reauthentication required' },
  'unknown-user': { status: 404, title: 'Unknown user' },
  'unknown-credential': { status: 404, title: 'Unknown credential' },
  'unknown-passkey': { status: 404, title: 'Unknown passkey' },
  'unknown-session': { status: 404, title: 'Unknown session' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'identifier-taken': { status: 409, title: 'Identifier taken' },
  'last-passkey': { status: 409, title: 'Last passkey' },
  'body-too-large': { status: 413, title: 'Body too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  internal: { status: 500, title: 'Internal server error' },
};

/** Extra members of the problem body, e.g. `credentialId` for `unknown-credential`. */
export type ProblemExtensions = Record<string, string | number | boolean>;

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
    this.status = problemTypes[code].status;
    this.title = problemTypes[code].title;
    this.detail = detail;
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }
}

export const problemContentType = 'application/problem+json';

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
 * unavailable database: they are logged (message and stack only, never the request) and answered
 * with a bare 500 that reveals nothing about the cause.
 */
export function errorResponse(error: unknown, request: Request): Response {
  if (error instanceof Problem) return problemResponse(error);
  const path = new URL(request.url).pathname;
  const description = error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.error(`passkey server: ${request.method} ${path} failed: ${description}`);
  return problemResponse(new Problem('internal', 'An unexpected error occurred.'));
}
