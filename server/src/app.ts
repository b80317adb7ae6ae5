import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { originGuard } from './http.ts';
import { Problem, errorResponse } from './problem.ts';
import { accountRoutes } from './routes/account.ts';
import type { RouteContext } from './routes/context.ts';
import { loginRoutes } from './routes/login.ts';
import { passkeyRoutes } from './routes/passkeys.ts';
import { reauthenticateRoutes } from './routes/reauthenticate.ts';
import { registrationRoutes } from './routes/registration.ts';
import { sessionRoutes } from './routes/session.ts';

/**
 * Every endpoint of docs/protocol.md with its methods, for 405 answers. Fixed paths come before
 * the `:id` pattern that would also match them.
 */
const endpoints: Record<string, string[]> = {
  '/register/options': ['POST'],
  '/register/verify': ['POST'],
  '/login/options': ['POST'],
  '/login/verify': ['POST'],
  '/session': ['GET', 'DELETE'],
  '/account': ['GET', 'PATCH', 'DELETE'],
  '/passkeys/options': ['POST'],
  '/passkeys': ['POST'],
  '/passkeys/:id': ['PATCH', 'DELETE'],
  '/sessions/others': ['DELETE'],
  '/sessions/:id': ['DELETE'],
  '/reauthenticate/options': ['POST'],
  '/reauthenticate/verify': ['POST'],
};

/** The API with paths relative to its base path; mount it with `app.route(basePath, api)`. */
export function createApi(routeContext: RouteContext): Hono {
  const { config } = routeContext;
  const api = new Hono();
  api.onError((error, context) => errorResponse(error, context.req.raw));

  api.use(async (context, next) => {
    await next();
    // Answers are per user and per moment, errors included: nothing in between may cache them.
    context.header('Cache-Control', 'no-store');
  });

  api.use(
    cors({
      origin: (origin) => (config.origins.includes(origin) ? origin : null),
      credentials: true,
      allowMethods: ['GET', 'POST', 'PATCH', 'DELETE'],
      allowHeaders: ['Content-Type'],
      maxAge: 600,
    }),
  );
  api.use(originGuard(config.origins));

  registrationRoutes(api, routeContext);
  loginRoutes(api, routeContext);
  sessionRoutes(api, routeContext);
  accountRoutes(api, routeContext);
  passkeyRoutes(api, routeContext);
  reauthenticateRoutes(api, routeContext);

  for (const [path, methods] of Object.entries(endpoints)) {
    api.all(path, () => {
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
