import { Hono } from 'hono';
import type { AccountUserAnswer, CodeSentAnswer } from '../../../src/protocol/index.ts';
import { recordSecurityEvent } from '../audit/events.ts';
import { circumstancesOf } from '../audit/notifications.ts';
import { confirmEmail, requestEmailCode } from '../ceremonies/account-email.ts';
import { clientAddressOf } from '../codes/client-address.ts';
import { readJsonBody } from '../http.ts';
import { signedIn } from '../middleware/session.ts';
import type { ServerContext } from '../server-context.ts';
import { normaliseEmail, optionalLanguage, optionalString, requireObject, requireString, type JsonObject } from '../validate.ts';
import { accountUser } from './account.ts';
import { endpoint } from './endpoint.ts';

/** The account's email address: confirm it, or move to another one, each with a code sent there. */
export function accountEmailRoutes(context: ServerContext): Hono {
  const { config, database } = context;
  const app = new Hono();
  app.on(...endpoint('requestEmailCode'), signedIn(context, 'requestEmailCode'), async (c) => {
    const raw = await readJsonBody(c.req);
    const body: JsonObject = raw === undefined ? {} : requireObject(raw, 'The body');
    const rawEmail = optionalString(body, 'email');
    const email = rawEmail === undefined ? undefined : normaliseEmail(rawEmail);
    const language = optionalLanguage(body);
    const answer = await requestEmailCode(context, c, clientAddressOf(c, config.trustProxy), {
      ...(email === undefined ? {} : { email }),
      ...(language === undefined ? {} : { language }),
    });
    return c.json(answer satisfies CodeSentAnswer, 202);
  });
  app.on(...endpoint('confirmEmail'), signedIn(context, 'confirmEmail'), async (c) => {
    const body = requireObject(await readJsonBody(c.req), 'The body');
    const email = normaliseEmail(requireString(body, 'email'));
    const code = requireString(body, 'code');
    const user = await confirmEmail(context, clientAddressOf(c, config.trustProxy), c.var.signedIn.user, { email, code, circumstances: circumstancesOf(c) });
    await recordSecurityEvent(context, c, { kind: email === c.var.signedIn.user.email ? 'email-verified' : 'email-changed' });
    return c.json({ user: await accountUser(context, database, user) } satisfies AccountUserAnswer);
  });
  return app;
}
