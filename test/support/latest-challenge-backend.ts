import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type WebAuthnCredential,
} from '@simplewebauthn/server';
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

const basePath = '/latest-challenge';

/**
 * A backend of our protocol that keeps one pending challenge per browser session, as many real
 * servers do (the challenge in the session): every options request replaces the previous
 * challenge, so options fetched earlier fail once anything else asked for new ones. In memory.
 * Its log lists the options requests, so a test can see which challenge was signed.
 */
export function createLatestChallengeBackend(origin: string) {
  const latestChallenge = new Map<string, { challenge: string; signUp?: { identifier: string; displayName: string; userId: string } }>();
  const users = new Map<string, { id: string; identifier: string; displayName: string }>();
  const credentials = new Map<string, WebAuthnCredential & { userId: string }>();
  const sessions = new Map<string, string>();
  const app = new Hono().basePath(basePath);
  // A response the library refuses (a wrong challenge among them) is a failed verification, not a crash.
  app.onError((error, context) => (console.warn(`latest-challenge backend: ${error.message}`), problem(context, 400, 'verification-failed')));

  const browserOf = (context: Context) => {
    let id = getCookie(context, 'latest-browser');
    if (!id) {
      id = crypto.randomUUID();
      setCookie(context, 'latest-browser', id, { path: basePath, httpOnly: true, sameSite: 'Lax' });
    }
    return id;
  };
  const problem = (context: Context, status: 400 | 409, code: string) =>
    context.body(JSON.stringify({ type: 'about:blank', title: code, status, code }), status, { 'content-type': 'application/problem+json' });
  const bodyOf = async (context: Context) => JSON.parse(await context.req.text()) as Record<string, unknown>;
  const signedIn = (context: Context, userId: string) => {
    const token = crypto.randomUUID();
    sessions.set(token, userId);
    setCookie(context, 'latest-session', token, { path: basePath, httpOnly: true, sameSite: 'Lax' });
    const { id, identifier, displayName } = users.get(userId)!;
    return context.json({ user: { id, identifier, displayName } });
  };
  /** The browser's challenge, used up whatever the outcome; undefined when the answer signed another one. */
  const takeChallenge = (context: Context, clientDataJSON: string) => {
    const browser = browserOf(context);
    const pending = latestChallenge.get(browser);
    latestChallenge.delete(browser);
    const signed = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString()).challenge as string;
    return pending?.challenge === signed ? pending : undefined;
  };

  app.post('/register/options', async (context) => {
    const body = await bodyOf(context);
    const identifier = String(body.identifier ?? '').trim().toLowerCase();
    if ([...users.values()].some((user) => user.identifier === identifier)) return problem(context, 409, 'identifier-taken');
    const displayName = typeof body.displayName === 'string' && body.displayName ? body.displayName : identifier;
    const userId = crypto.randomUUID();
    const options = await generateRegistrationOptions({
      rpName: 'Latest challenge', rpID: 'localhost', userName: identifier, userDisplayName: displayName, userID: new TextEncoder().encode(userId),
      attestationType: 'none', authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    });
    latestChallenge.set(browserOf(context), { challenge: options.challenge, signUp: { identifier, displayName, userId } });
    return context.json(options);
  });

  app.post('/register/verify', async (context) => {
    const response = await bodyOf(context);
    const pending = takeChallenge(context, (response.response as { clientDataJSON: string }).clientDataJSON);
    if (!pending?.signUp) return problem(context, 400, 'challenge-invalid');
    const { verified, registrationInfo } = await verifyRegistrationResponse({
      response: response as never, expectedChallenge: pending.challenge, expectedOrigin: origin, expectedRPID: 'localhost',
    });
    if (!verified || !registrationInfo) return problem(context, 400, 'verification-failed');
    const { identifier, displayName, userId } = pending.signUp;
    users.set(userId, { id: userId, identifier, displayName });
    credentials.set(registrationInfo.credential.id, { ...registrationInfo.credential, userId });
    return signedIn(context, userId);
  });

  app.post('/login/options', async (context) => {
    const options = await generateAuthenticationOptions({ rpID: 'localhost', userVerification: 'required' });
    latestChallenge.set(browserOf(context), { challenge: options.challenge });
    return context.json(options);
  });

  app.post('/login/verify', async (context) => {
    const response = await bodyOf(context);
    const pending = takeChallenge(context, (response.response as { clientDataJSON: string }).clientDataJSON);
    if (!pending || pending.signUp) return problem(context, 400, 'challenge-invalid');
    const credential = credentials.get(String(response.id));
    if (!credential) return problem(context, 400, 'unknown-credential');
    const { verified, authenticationInfo } = await verifyAuthenticationResponse({
      response: response as never, expectedChallenge: pending.challenge, expectedOrigin: origin, expectedRPID: 'localhost', credential,
    });
    if (!verified) return problem(context, 400, 'verification-failed');
    credential.counter = authenticationInfo.newCounter;
    return signedIn(context, credential.userId);
  });

  app.get('/session', (context) => {
    const userId = sessions.get(getCookie(context, 'latest-session') ?? '');
    const user = userId ? users.get(userId) : undefined;
    return context.json({ user: user ?? null });
  });

  app.delete('/session', (context) => {
    sessions.delete(getCookie(context, 'latest-session') ?? '');
    return context.body(null, 204);
  });

  return app;
}

interface KoaContext {
  url: string;
  req: IncomingMessage;
  res: ServerResponse;
  respond?: boolean;
}

/** Mounts the backend under `/latest-challenge/` in the test server (Koa). */
export function latestChallengeMiddleware(origin: string) {
  const listener = getRequestListener(createLatestChallengeBackend(origin).fetch);
  return async (context: KoaContext, next: () => Promise<void>) => {
    if (!context.url.startsWith(`${basePath}/`)) return next();
    context.respond = false;
    await new Promise<void>((resolve) => {
      context.res.once('close', resolve);
      void listener(context.req, context.res);
    });
  };
}
