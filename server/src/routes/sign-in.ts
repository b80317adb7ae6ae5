import { Hono } from 'hono';
import type { UserAnswer } from '../../../src/protocol/index.ts';
import { userAgentOf } from '../account/user-agent.ts';
import { recordSecurityEvent } from '../audit/events.ts';
import { notifyNewDeviceSignIn } from '../audit/notifications.ts';
import { beginSignIn, finishSignIn } from '../ceremonies/sign-in.ts';
import { clientAddressOf } from '../codes/client-address.ts';
import { readJsonBody } from '../http.ts';
import { ceremonyRequest, requireAttemptAllowed } from '../limits/ceremonies.ts';
import type { ServerContext } from '../server-context.ts';
import { openSessionCookie } from '../session-cookie.ts';
import { publicUser } from '../store/users.ts';
import { normaliseIdentifier, optionalString, parseAuthenticationResponse, requireObject } from '../validate.ts';
import { endpoint } from './endpoint.ts';

/** Sign-in: options (usernameless or identifier-first), then the verified assertion opens a session. */
export function signInRoutes(context: ServerContext): Hono {
  const app = new Hono();
  app.on(...endpoint('loginOptions'), ceremonyRequest(context), async (c) => {
    const body = requireObject(await readJsonBody(c.req), 'The body');
    const rawIdentifier = optionalString(body, 'identifier');
    const identifier = rawIdentifier === undefined ? undefined : normaliseIdentifier(rawIdentifier);
    return c.json(await beginSignIn(context, clientAddressOf(c, context.config.trustProxy), identifier));
  });
  app.on(...endpoint('verifyLogin'), ceremonyRequest(context), async (c) => {
    const response = parseAuthenticationResponse(await readJsonBody(c.req));
    // Counted before the passkey is looked up, so a registered and an unknown one cost the same.
    await requireAttemptAllowed(context, 'passkey', response.id);
    const { user, token } = await finishSignIn(context, response, userAgentOf(c.req.header('user-agent')));
    const signInEventId = await recordSecurityEvent(context, c, { kind: 'sign-in', userId: user.id, sessionToken: token, detail: { method: 'passkey' } });
    await openSessionCookie(c, context, token);
    notifyNewDeviceSignIn(context, c, user, signInEventId);
    return c.json({ user: publicUser(user) } satisfies UserAnswer);
  });
  return app;
}
