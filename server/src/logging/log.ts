/**
 * Structured logs: one JSON object per line. A line carries only what is listed here (never a
 * body, a cookie, a token, a code or an id taken from a path), so it is safe to ship anywhere.
 */
export interface RequestLine {
  time: string;
  level: 'info';
  event: 'request';
  requestId: string;
  method: string;
  /** The route pattern, e.g. `/api/passkeys/passkeys/:id`: never the raw path with its ids. */
  route: string;
  status: number;
  durationMs: number;
}

export interface ErrorLine {
  time: string;
  level: 'error';
  event: 'unexpected-error';
  requestId: string | undefined;
  method: string;
  route: string;
  /** The error's message and stack; the request that caused it is not logged. */
  error: string;
}

/** The first refusal of an origin (origin-refusal.ts); later ones from the same origin are not logged again. */
export interface OriginRefusedLine {
  time: string;
  level: 'warn';
  event: 'origin-refused';
  requestId: string | undefined;
  method: string;
  route: string;
  code: 'origin-forbidden' | 'origin-mismatch';
  /** The refused origin as the browser sent it, or `(none)` for a cross-site request without one. */
  origin: string;
  /** The setting that lists the allowed origins: `ORIGINS`, or `TOP_ORIGINS` for an embedding page. */
  setting: 'ORIGINS' | 'TOP_ORIGINS';
  allowed: string[];
}

export type LogLine = RequestLine | ErrorLine | OriginRefusedLine;

/** Where log lines go; `createPasskeyServer` takes one as its `log` dependency. */
export type LogSink = (line: LogLine) => void;

/** Writes each line as JSON to a stream, e.g. `process.stdout`. */
export function jsonLines(stream: NodeJS.WritableStream): LogSink {
  return (line) => {
    stream.write(`${JSON.stringify(line)}\n`);
  };
}
