import type { MiddlewareHandler } from 'hono';
import type { PasskeyServerConfig } from './config.ts';
import type { LogSink } from './logging/log.ts';
import { routeOf } from './logging/request-log.ts';
import { Problem, type ProblemExtensions } from './problem.ts';

export type OriginProblemCode = 'origin-forbidden' | 'origin-mismatch';

/** Which setting lists what was refused: the page origins, or the pages that may embed them. */
export type OriginSetting = 'ORIGINS' | 'TOP_ORIGINS';

/** What an origin refusal was about, kept on the problem for the log. */
export interface RefusedOrigin {
  /** As the browser sent it; absent for a cross-site request without an `Origin`. */
  origin: string | undefined;
  setting: OriginSetting;
  allowed: readonly string[];
}

/** A refused origin; the log line is written from it after the answer (`originRefusalLog`). */
export class OriginProblem extends Problem {
  declare readonly code: OriginProblemCode;
  readonly refused: RefusedOrigin;

  constructor(code: OriginProblemCode, detail: string, refused: RefusedOrigin, extensions: ProblemExtensions) {
    super(code, detail, { extensions });
    this.refused = refused;
  }
}

/** Builds the problem for a refused origin; `reason` is a sentence without its full stop. */
export type RefuseOrigin = (
  code: OriginProblemCode,
  refused: { origin: string | undefined; setting: OriginSetting; reason: string },
) => OriginProblem;

const maxOriginLength = 256;

/**
 * Problems that say what was refused: always the origin the server saw (the caller sent it, so it
 * reveals nothing); outside production also the allowed list and the setting to change, so that a
 * newcomer on 127.0.0.1 or on a wrong port reads the fix in the answer.
 */
export function originRefusals(config: Pick<PasskeyServerConfig, 'origins' | 'topOrigins'>, development: boolean): RefuseOrigin {
  return (code, { origin: sent, setting, reason }) => {
    // The header is the caller's: repeat no more of it than an origin can sensibly be.
    const origin = sent?.slice(0, maxOriginLength);
    const allowed = setting === 'ORIGINS' ? config.origins : config.topOrigins;
    const refused = { origin, setting, allowed };
    const extensions: ProblemExtensions = origin === undefined ? {} : { origin };
    if (!development) return new OriginProblem(code, `${reason} (origin ${origin ?? 'none'}).`, refused, extensions);
    const allowedText = allowed.length === 0 ? 'none' : allowed.join(', ');
    const detail =
      origin === undefined
        ? `${reason} (allowed in ${setting}: ${allowedText}).`
        : `${reason}: ${origin} is not in ${setting} (allowed: ${allowedText}). Open the page at an allowed origin, or add ${origin} to ${setting}.`;
    return new OriginProblem(code, detail, refused, { ...extensions, allowedOrigins: [...allowed], setting });
  };
}

// Enough for every origin a deployment meets; a flood of invented ones only restarts the count.
const maxRemembered = 256;

/**
 * Logs the first refusal of each origin, with the allowed list: the operator sees a wrong set-up
 * once, not once per request.
 */
export function originRefusalLog(log: LogSink): MiddlewareHandler {
  const logged = new Set<string>();
  return async (c, next) => {
    await next();
    if (!(c.error instanceof OriginProblem)) return;
    const { code, refused } = c.error;
    const origin = refused.origin ?? '(none)';
    const key = `${refused.setting} ${origin}`;
    if (logged.has(key)) return;
    if (logged.size >= maxRemembered) logged.clear();
    logged.add(key);
    log({
      time: new Date().toISOString(),
      level: 'warn',
      event: 'origin-refused',
      requestId: c.get('requestId'),
      method: c.req.method,
      route: routeOf(c),
      code,
      origin,
      setting: refused.setting,
      allowed: [...refused.allowed],
    });
  };
}
