import { Hono } from 'hono';
import type { VerifiedAnswer } from '../../../src/protocol/index.ts';
import { beginReauthentication, finishReauthentication } from '../ceremonies/reauthentication.ts';
import { readJsonBody } from '../http.ts';
import { signedIn } from '../middleware/session.ts';
import type { ServerContext } from '../server-context.ts';
import { parseAuthenticationResponse, requireNoBodyOrObject } from '../validate.ts';
import { endpoint } from './endpoint.ts';

/** Re-authentication: a fresh passkey verification by the signed-in user, recorded on the session. */
export function reauthenticationRoutes(context: ServerContext): Hono {
  const app = new Hono();
  app.on(...endpoint('reauthenticationOptions'), signedIn(context, 'reauthenticationOptions'), async (c) => {
    requireNoBodyOrObject(await readJsonBody(c.req));
    return c.json(await beginReauthentication(context, c.var.signedIn.user));
  });
  app.on(...endpoint('reauthenticate'), signedIn(context, 'reauthenticate'), async (c) => {
    const response = parseAuthenticationResponse(await readJsonBody(c.req));
    const verifiedAt = await finishReauthentication(context, c.var.signedIn, response);
    return c.json({ verifiedAt: verifiedAt.toISOString() } satisfies VerifiedAnswer);
  });
  return app;
}
