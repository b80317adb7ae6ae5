import { Hono } from 'hono';
import type { CodeSentAnswer, UserAnswer } from '../../../src/protocol/index.ts';
import { userAgentOf } from '../account/user-agent.ts';
import { recordSecurityEvent } from '../audit/events.ts';
import { notifyCodeSignIn } from '../audit/notifications.ts';
import { requestSignInCode, requestSignUpCode, signInWithCode, signUpWithCode, type CodeSignedIn } from '../ceremonies/code-sign-in.ts';
import { clientAddressOf } from '../codes/client-address.ts';
import { readJsonBody } from '../http.ts';
import { requireAttemptAllowed } from '../limits/ceremonies.ts';
import type { ServerContext } from '../server-context.ts';
import { openSessionCookie } from '../session-cookie.ts';
import { publicUser } from '../store/users.ts';
import { normaliseDisplayName, normaliseEmail, optionalLanguage, optionalString, requireObject, requireString } from '../validate.ts';
import { endpoint } from './endpoint.ts';

/** The answer of a code sign-in or sign-up: the user, and what the new session must do first. */
function signedInAnswer({ user, passkeyRequired, recoveryCodes }: CodeSignedIn): UserAnswer {
  return {
    user: publicUser(user),
    ...(passkeyRequired ? { passkeyRequired } : {}),
    ...(recoveryCodes === undefined ? {} : { recoveryCodes }),
  };
}

/** Sign-in and sign-up with email codes: ask for a code, then send it back. */
export function loginCodeRoutes(context: ServerContext): Hono {
  const { config } = context;
  const app = new Hono();
  app.on(...endpoint('requestSignInCode'), async (c) => {
    const body = requireObject(await readJsonBody(c.req), 'The body');
    const email = normaliseEmail(requireString(body, 'email'));
    const language = optionalLanguage(body);
    const answer = await requestSignInCode(context, clientAddressOf(c, config.trustProxy), { email, ...(language === undefined ? {} : { language }) });
    return c.json(answer satisfies CodeSentAnswer, 202);
  });
  app.on(...endpoint('signInWithCode'), async (c) => {
    const body = requireObject(await readJsonBody(c.req), 'The body');
    const email = normaliseEmail(requireString(body, 'email'));
    const code = requireString(body, 'code');
    const recoveryCode = optionalString(body, 'recoveryCode');
    await requireAttemptAllowed(context, 'identifier', email);
    const signedIn = await signInWithCode(
      context,
      clientAddressOf(c, config.trustProxy),
      { email, code, ...(recoveryCode === undefined ? {} : { recoveryCode }) },
      userAgentOf(c.req.header('user-agent')),
    );
    const method = recoveryCode === undefined ? 'email-code' : 'recovery-code';
    await recordSecurityEvent(context, c, { kind: 'sign-in', userId: signedIn.user.id, sessionToken: signedIn.token, detail: { method } });
    notifyCodeSignIn(context, c, signedIn.user);
    await openSessionCookie(c, context, signedIn.token);
    return c.json(signedInAnswer(signedIn));
  });
  app.on(...endpoint('requestSignUpCode'), async (c) => {
    const body = requireObject(await readJsonBody(c.req), 'The body');
    const email = normaliseEmail(requireString(body, 'email'));
    const rawDisplayName = optionalString(body, 'displayName');
    const displayName = rawDisplayName === undefined ? undefined : normaliseDisplayName(rawDisplayName, email);
    const language = optionalLanguage(body);
    const answer = await requestSignUpCode(context, clientAddressOf(c, config.trustProxy), {
      email,
      ...(displayName === undefined ? {} : { displayName }),
      ...(language === undefined ? {} : { language }),
    });
    return c.json(answer satisfies CodeSentAnswer, 202);
  });
  app.on(...endpoint('signUpWithCode'), async (c) => {
    const body = requireObject(await readJsonBody(c.req), 'The body');
    const email = normaliseEmail(requireString(body, 'email'));
    const code = requireString(body, 'code');
    const rawDisplayName = optionalString(body, 'displayName');
    const displayName = rawDisplayName === undefined ? undefined : normaliseDisplayName(rawDisplayName, email);
    const signedIn = await signUpWithCode(
      context,
      clientAddressOf(c, config.trustProxy),
      { email, code, ...(displayName === undefined ? {} : { displayName }) },
      userAgentOf(c.req.header('user-agent')),
    );
    await recordSecurityEvent(context, c, { kind: 'sign-up', userId: signedIn.user.id, sessionToken: signedIn.token, detail: { method: 'email-code' } });
    await openSessionCookie(c, context, signedIn.token);
    return c.json(signedInAnswer(signedIn));
  });
  return app;
}
