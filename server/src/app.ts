import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { methodsByPath } from '../../src/protocol/index.ts';
import { securityActivityRoutes } from './audit/activity.ts';
import { securityFailureRecorder } from './audit/failures.ts';
import { originGuard, securityHeaders } from './http.ts';
import { originRefusalLog } from './origin-refusal.ts';
import { isDevOutbox } from './mail/mailer.ts';
import { Problem, errorResponse } from './problem.ts';
import { accountRoutes } from './routes/account.ts';
import { accountEmailRoutes } from './routes/account-email.ts';
import { loginCodeRoutes } from './routes/login-codes.ts';
import { twoFactorRoutes } from './routes/two-factor.ts';
import { honoPath } from './routes/endpoint.ts';
import { healthRoutes } from './routes/health.ts';
import { passkeyRoutes } from './routes/passkeys.ts';
import { reauthenticationRoutes } from './routes/reauthentication.ts';
import { sessionRoutes } from './routes/session.ts';
import { signInRoutes } from './routes/sign-in.ts';
import { signUpRoutes } from './routes/sign-up.ts';
import type { ServerContext } from './server-context.ts';

/** The API with paths relative to its base path; mount it with `app.route(basePath, api)`. */
export function createApi(context: ServerContext): Hono {
  const { config } = context;
  const api = new Hono();
  api.onError((error, c) => errorResponse(error, c, context.log));
  api.use(securityHeaders(config.trustProxy));

  api.use(async (c, next) => {
    await next();
    // Answers are per user and per moment, errors included: nothing in between may cache them.
    c.header('Cache-Control', 'no-store');
  });

  // The elements' GET and POST requests are CORS-simple (JSON as text/plain, no custom headers):
  // only PATCH, DELETE and clients configured with extra headers are preflighted. A preflight may
  // name any headers (an empty list echoes them), since an allowed origin may call the API anyway;
  // `originGuard` and the `SameSite=Lax` cookie, not the preflight, stop foreign pages.
  api.use(
    cors({
      origin: (origin) => (config.origins.includes(origin) ? origin : null),
      credentials: true,
      allowMethods: ['GET', 'POST', 'PATCH', 'DELETE'],
      allowHeaders: [],
      maxAge: 600,
    }),
  );
  api.use(originRefusalLog(context.log));
  api.use(originGuard(config.origins, context.refuseOrigin));
  api.use(securityFailureRecorder(context));

  const allRoutes = [signUpRoutes, signInRoutes, loginCodeRoutes, sessionRoutes, accountRoutes, accountEmailRoutes, twoFactorRoutes, passkeyRoutes, reauthenticationRoutes, securityActivityRoutes];
  for (const routes of allRoutes) {
    api.route('/', routes(context));
  }

  api.route('/', healthRoutes(context));

  const { mailer } = context;
  if (isDevOutbox(mailer)) {
    // Development without SMTP only: the mails the console showed, for the demo page.
    api.get('/dev/outbox', (c) => c.json({ messages: mailer.messages() }));
  }

  // Every path of the protocol answers its other methods with 405 and the methods it accepts.
  for (const [path, methods] of methodsByPath()) {
    api.all(honoPath(path), () => {
      throw new Problem('method-not-allowed', `${path} accepts ${methods.join(', ')}.`, {
        headers: { Allow: methods.join(', ') },
      });
    });
  }
  api.all('*', () => {
    throw new Problem('not-found', 'There is no such endpoint.');
  });
  return api;
}
