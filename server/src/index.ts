import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { createApi } from './app.ts';
import { createSecurityLog } from './audit/security-log.ts';
import { codesEnabled, resolveConfig } from './config.ts';
import type { PasskeyServerConfig, PasskeyServerOptions } from './config.ts';
import type { Database } from './db/database.ts';
import { runMigrations } from './db/migrate.ts';
import { openDatabase } from './db/open.ts';
import { loadHashKey } from './codes/keys.ts';
import { devOutbox, smtpMailer, type DevOutbox, type Mailer } from './mail/mailer.ts';
import { apiSecurityHeaders } from './http.ts';
import type { LogLine, LogSink } from './logging/log.ts';
import { requestLog } from './logging/request-log.ts';
import { originRefusals } from './origin-refusal.ts';
import { Problem, errorResponse, problemResponse } from './problem.ts';
import { startBackgroundPurge } from './background-purge.ts';
import { simpleWebAuthnEngine } from './webauthn/simplewebauthn.ts';
import { hostedPasskeyApiEngine } from './webauthn/hosted/hosted-engine.ts';

export { defaultConfig, resolveConfig } from './config.ts';
export { configFromEnv, portFromEnv, standaloneFromEnv } from './config-env.ts';
export type {
  CeremonyLimits,
  HostedPasskeyApi,
  CodeLimits,
  CodeSignIn,
  EmailVerification,
  PasskeyServerConfig,
  PasskeyServerOptions,
  RateLimit,
  SignInPolicy,
} from './config.ts';
export type { StandaloneSettings } from './config-env.ts';
export { jsonLines } from './logging/log.ts';
export type { ErrorLine, LogLine, LogSink, OriginRefusedLine, RequestLine } from './logging/log.ts';
export type { Database, Queryable } from './db/database.ts';
export { openDatabase } from './db/open.ts';
export { runMigrations } from './db/migrate.ts';
export { Problem } from './problem.ts';
export type { ProblemCode } from './problem.ts';
export type { User } from './store/users.ts';
export type { ServerContext } from './server-context.ts';
export type { VerifiedAssertion, VerifiedPasskey, WebAuthnEngine } from './webauthn/engine.ts';
export { simpleWebAuthnEngine } from './webauthn/simplewebauthn.ts';
export { hostedPasskeyApiEngine } from './webauthn/hosted/hosted-engine.ts';
export type { AccountUserJson, PasskeyJson, PasskeyLocation, SessionJson } from './account/views.ts';
export type { OutboxMessage } from './mail/mailer.ts';

export interface PasskeyServer {
  /** Hono app serving the API under `config.basePath`; other routes can be added to it. */
  app: Hono;
  /** The resolved configuration (defaults filled in, origins normalised). */
  config: PasskeyServerConfig;
  database: Database;
  /** Answers a request; `env` carries the Node connection (`{ incoming }`) that rate limits read the client address from. */
  fetch(request: Request, env?: unknown): Promise<Response>;
  /** Stops the background purge, waits for queued mails and security events, then closes the database unless it was passed in (then its owner closes it). */
  close(): Promise<void>;
}

/**
 * Opens the database (PostgreSQL, or PGlite by default), applies pending migrations and builds
 * the API. Pass `database` to share one connection between several servers (tests do). With `log`
 * every request is logged there as one line, and so are unexpected errors (which otherwise go to
 * stderr as JSON); every answer carries its request id in `X-Request-Id`.
 * `development` (default: `NODE_ENV` is not `production`) lets codes go to the console and the dev
 * outbox when no SMTP is set, and adds the allowed origins and the setting to change to the answer
 * for a refused origin; the Vite plugin sets it for its dev and preview servers.
 */
export async function createPasskeyServer(
  options: PasskeyServerOptions,
  dependencies: { database?: Database; development?: boolean; log?: LogSink } = {},
): Promise<PasskeyServer> {
  const config = resolveConfig(options);
  const development = dependencies.development ?? process.env.NODE_ENV !== 'production';
  refuseProductionWithoutMail(config, development);
  const ownsDatabase = dependencies.database === undefined;
  const database = dependencies.database ?? (await openDatabase(config));
  let hashKey: Buffer;
  try {
    await runMigrations(database);
    hashKey = await database.transaction((transaction) => loadHashKey(transaction, config));
  } catch (error) {
    if (ownsDatabase) await database.close();
    throw error;
  }

  const mailer = mailerFor(config, development);
  const backgroundPurge = startBackgroundPurge(database, config);
  const securityLog = createSecurityLog();
  // Without a sink, unexpected errors still go somewhere: the console's error stream, as JSON.
  const log = dependencies.log ?? ((line: LogLine) => console.error(JSON.stringify(line)));
  const app = new Hono();
  app.onError((error, context) => errorResponse(error, context, log));
  app.use(requestLog(dependencies.log));
  // Also outside the API (a path `..` led out of it, or nothing else answered): a problem, not plain text.
  app.notFound(() => problemResponse(new Problem('not-found', 'There is nothing at this path.', { headers: { ...apiSecurityHeaders } })));
  // The hosted tenant when one is configured, else the server's own engine.
  const webauthn = config.hostedPasskeyApi === undefined ? simpleWebAuthnEngine(config) : hostedPasskeyApiEngine(config, config.hostedPasskeyApi);
  app.route(config.basePath, createApi({ config, database, webauthn, mailer, hashKey, securityLog, log, refuseOrigin: originRefusals(config, development) }));

  return {
    app,
    config,
    database,
    fetch: async (request, env) => app.fetch(request, env),
    close: async () => {
      await backgroundPurge.stop();
      await securityLog.drain();
      await mailer?.close();
      if (ownsDatabase) await database.close();
    },
  };
}

/** SMTP when configured; otherwise, with codes on, the development outbox (production refused that earlier). */
function mailerFor(config: PasskeyServerConfig, development: boolean): Mailer | DevOutbox | undefined {
  if (config.smtpUrl !== undefined) return smtpMailer({ ...config, smtpUrl: config.smtpUrl });
  if (codesEnabled(config) && development) return devOutbox();
  return undefined;
}

/** In production codes must really be mailed: printing them to a console nobody reads would lock users out. */
function refuseProductionWithoutMail(config: PasskeyServerConfig, development: boolean): void {
  if (development || config.smtpUrl !== undefined || !codesEnabled(config)) return;
  throw new Error(
    'Passkey server config: email codes are enabled but no smtpUrl is set, and NODE_ENV is "production". ' +
      'Set SMTP_URL (smtpUrl) and MAIL_FROM (mailFrom), or switch codes off with EMAIL_VERIFICATION=off and CODE_SIGN_IN=off.',
  );
}

/** A connect-style middleware (Vite, Express, plain `node:http`). */
export type NodeMiddleware = (
  request: IncomingMessage,
  response: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/**
 * Serves the API from a Node server: requests under `basePath` are answered, all others go to
 * `next()`. Mount it without a path prefix (connect strips prefixes from `request.url`).
 */
export function nodeMiddleware(server: PasskeyServer): NodeMiddleware {
  const { basePath } = server.config;
  // Leave the host's global Request/Response alone: Vite and friends share this process.
  const listener = getRequestListener(server.fetch, { overrideGlobalObjects: false });
  return (request, response, next) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (path !== basePath && !path.startsWith(`${basePath}/`)) {
      next();
      return;
    }
    listener(request, response).catch(next);
  };
}
