import { Hono } from 'hono';
import type { UserAnswer } from '../../../src/protocol/index.ts';
import { userAgentOf } from '../account/user-agent.ts';
import { recordSecurityEvent } from '../audit/events.ts';
import { finishSignUp, beginSignUp } from '../ceremonies/sign-up.ts';
import { clientAddressOf } from '../codes/client-address.ts';
import { readJsonBody } from '../http.ts';
import { ceremonyRequest } from '../limits/ceremonies.ts';
import type { ServerContext } from '../server-context.ts';
import { openSessionCookie } from '../session-cookie.ts';
import { publicUser } from '../store/users.ts';
import {
  normaliseDisplayName,
  normaliseIdentifier,
  optionalString,
  parseRegistrationResponse,
  requireObject,
  requireString,
} from '../validate.ts';
import { endpoint } from './endpoint.ts';

/** Sign-up: registration options, then the verified passkey creates the account. */
export function signUpRoutes(context: ServerContext): Hono {
  const app = new Hono();
  app.on(...endpoint('registrationOptions'), ceremonyRequest(context), async (c) => {
    const body = requireObject(await readJsonBody(c.req), 'The body');
    const identifier = normaliseIdentifier(requireString(body, 'identifier'));
    const displayName = normaliseDisplayName(optionalString(body, 'displayName'), identifier);
    return c.json(await beginSignUp(context, clientAddressOf(c, context.config.trustProxy), { identifier, displayName }));
  });
  app.on(...endpoint('verifyRegistration'), ceremonyRequest(context), async (c) => {
    const response = parseRegistrationResponse(await readJsonBody(c.req));
    const { user, token, recoveryCodes } = await finishSignUp(context, response, userAgentOf(c.req.header('user-agent')));
    await recordSecurityEvent(context, c, { kind: 'sign-up', userId: user.id, sessionToken: token, detail: { method: 'passkey' } });
    await openSessionCookie(c, context, token);
    return c.json({ user: publicUser(user), ...(recoveryCodes === undefined ? {} : { recoveryCodes }) } satisfies UserAnswer);
  });
  return app;
}
