import { Hono } from 'hono';
import type { CodeSentAnswer, VerifiedAnswer } from '../../../src/protocol/index.ts';
import { beginReauthentication, finishReauthentication } from '../ceremonies/reauthentication.ts';
import { reauthenticateWithCode, requestReauthenticationCode } from '../ceremonies/reauthentication-code.ts';
import { recordSecurityEvent } from '../audit/events.ts';
import { clientAddressOf } from '../codes/client-address.ts';
import { readJsonBody } from '../http.ts';
import { signedIn } from '../middleware/session.ts';
import type { ServerContext } from '../server-context.ts';
import { optionalLanguage, parseAuthenticationResponse, requireNoBodyOrObject, requireObject, requireString } from '../validate.ts';
import { endpoint } from './endpoint.ts';

/** Re-authentication: a fresh verification by the signed-in user (a passkey, or a code), recorded on the session. */
export function reauthenticationRoutes(context: ServerContext): Hono {
  const { config } = context;
  const app = new Hono();
  app.on(...endpoint('reauthenticationOptions'), signedIn(context, 'reauthenticationOptions'), async (c) => {
    requireNoBodyOrObject(await readJsonBody(c.req));
    return c.json(await beginReauthentication(context, c.var.signedIn.user));
  });
  app.on(...endpoint('reauthenticate'), signedIn(context, 'reauthenticate'), async (c) => {
    const response = parseAuthenticationResponse(await readJsonBody(c.req));
    const verifiedAt = await finishReauthentication(context, c.var.signedIn, response);
    await recordSecurityEvent(context, c, { kind: 'reauthentication', detail: { method: 'passkey' } });
    return c.json({ verifiedAt: verifiedAt.toISOString() } satisfies VerifiedAnswer);
  });
  app.on(...endpoint('requestReauthenticationCode'), signedIn(context, 'requestReauthenticationCode'), async (c) => {
    const raw = await readJsonBody(c.req);
    const language = raw === undefined ? undefined : optionalLanguage(requireObject(raw, 'The body'));
    const answer = await requestReauthenticationCode(context, clientAddressOf(c, config.trustProxy), c.var.signedIn, language);
    return c.json(answer satisfies CodeSentAnswer, 202);
  });
  app.on(...endpoint('reauthenticateWithCode'), signedIn(context, 'reauthenticateWithCode'), async (c) => {
    const code = requireString(requireObject(await readJsonBody(c.req), 'The body'), 'code');
    const verifiedAt = await reauthenticateWithCode(context, clientAddressOf(c, config.trustProxy), c.var.signedIn, code);
    await recordSecurityEvent(context, c, { kind: 'reauthentication', detail: { method: 'email-code' } });
    return c.json({ verifiedAt: verifiedAt.toISOString() } satisfies VerifiedAnswer);
  });
  return app;
}
