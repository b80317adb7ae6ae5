import { Hono, type Context } from 'hono';
import type { CodeSentAnswer, VerifiedAnswer } from '../../../src/protocol/index.ts';
import { beginReauthentication, finishReauthentication } from '../ceremonies/reauthentication.ts';
import { reauthenticateWithCode, requestReauthenticationCode } from '../ceremonies/reauthentication-code.ts';
import { recordSecurityEvent } from '../audit/events.ts';
import { clientAddressOf } from '../codes/client-address.ts';
import { readJsonBody } from '../http.ts';
import { ceremonyRequest } from '../limits/ceremonies.ts';
import { signedIn } from '../middleware/session.ts';
import type { ServerContext } from '../server-context.ts';
import { setSessionCookie } from '../session-cookie.ts';
import type { RenewedSession } from '../store/sessions.ts';
import { optionalLanguage, parseAuthenticationResponse, requireNoBodyOrObject, requireObject, requireString } from '../validate.ts';
import { endpoint } from './endpoint.ts';

/** Re-authentication: a fresh verification by the signed-in user (a passkey, or a code), recorded on the session. */
export function reauthenticationRoutes(context: ServerContext): Hono {
  const { config } = context;
  const app = new Hono();
  app.on(...endpoint('reauthenticationOptions'), ceremonyRequest(context), signedIn(context, 'reauthenticationOptions'), async (c) => {
    requireNoBodyOrObject(await readJsonBody(c.req));
    return c.json(await beginReauthentication(context, clientAddressOf(c, config.trustProxy), c.var.signedIn.user));
  });
  app.on(...endpoint('reauthenticate'), ceremonyRequest(context), signedIn(context, 'reauthenticate'), async (c) => {
    const response = parseAuthenticationResponse(await readJsonBody(c.req));
    const renewed = await finishReauthentication(context, c.var.signedIn, response);
    await recordSecurityEvent(context, c, { kind: 'reauthentication', detail: { method: 'passkey' } });
    return verifiedAnswer(c, config, renewed);
  });
  app.on(...endpoint('requestReauthenticationCode'), signedIn(context, 'requestReauthenticationCode'), async (c) => {
    const raw = await readJsonBody(c.req);
    const language = raw === undefined ? undefined : optionalLanguage(requireObject(raw, 'The body'));
    const answer = await requestReauthenticationCode(context, clientAddressOf(c, config.trustProxy), c.var.signedIn, language);
    return c.json(answer satisfies CodeSentAnswer, 202);
  });
  app.on(...endpoint('reauthenticateWithCode'), signedIn(context, 'reauthenticateWithCode'), async (c) => {
    const code = requireString(requireObject(await readJsonBody(c.req), 'The body'), 'code');
    const renewed = await reauthenticateWithCode(context, clientAddressOf(c, config.trustProxy), c.var.signedIn, code);
    await recordSecurityEvent(context, c, { kind: 'reauthentication', detail: { method: 'email-code' } });
    return verifiedAnswer(c, config, renewed);
  });
  return app;
}

/** The verification gave the session a new token: the cookie follows it. */
function verifiedAnswer(c: Context, config: ServerContext['config'], renewed: RenewedSession): Response {
  setSessionCookie(c, config, { token: renewed.token, maxAgeMs: renewed.expiresInMs });
  return c.json({ verifiedAt: renewed.verifiedAt.toISOString() } satisfies VerifiedAnswer);
}
