import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type WebAuthnCredential,
} from '@simplewebauthn/server';
import { Hono } from 'hono';

/**
 * A backend we did not write, in the common shape of @simplewebauthn's example server: GET
 * options endpoints (authentication options wrapped in `{ publicKey }`), verify endpoints that take
 * the raw response and answer `{ verified }` without a user. In memory, for the browser tests of
 * the REST client's configuration.
 */
export function createForeignBackend(origin: string) {
  const challenges = new Map<string, { username?: string; userId?: string }>();
  const credentials = new Map<string, WebAuthnCredential & { userId: string }>();
  const app = new Hono().basePath('/foreign');
  const challengeOf = (clientDataJSON: string) => JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString()).challenge as string;

  app.get('/generate-registration-options', async (context) => {
    const username = context.req.query('identifier') ?? '';
    const userId = crypto.randomUUID();
    const options = await generateRegistrationOptions({
      rpName: 'Foreign', rpID: 'localhost', userName: username, userID: new TextEncoder().encode(userId),
      attestationType: 'none', authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
    });
    challenges.set(options.challenge, { username, userId: options.user.id });
    return context.json(options);
  });

  app.post('/verify-registration', async (context) => {
    const response = await context.req.json();
    const challenge = challengeOf(response.response.clientDataJSON);
    const pending = challenges.get(challenge);
    challenges.delete(challenge);
    if (!pending?.userId) return context.json({ verified: false }, 400);
    const { verified, registrationInfo } = await verifyRegistrationResponse({ response, expectedChallenge: challenge, expectedOrigin: origin, expectedRPID: 'localhost' });
    if (verified && registrationInfo) credentials.set(registrationInfo.credential.id, { ...registrationInfo.credential, userId: pending.userId });
    return context.json({ verified });
  });

  app.get('/generate-authentication-options', async (context) => {
    const options = await generateAuthenticationOptions({ rpID: 'localhost', userVerification: 'preferred' });
    challenges.set(options.challenge, {});
    return context.json({ publicKey: options });
  });

  app.post('/verify-authentication', async (context) => {
    const response = await context.req.json();
    const challenge = challengeOf(response.response.clientDataJSON);
    const credential = credentials.get(response.id);
    if (!challenges.delete(challenge) || !credential) return context.json({ verified: false }, 400);
    const { verified, authenticationInfo } = await verifyAuthenticationResponse({ response, expectedChallenge: challenge, expectedOrigin: origin, expectedRPID: 'localhost', credential });
    if (verified) credential.counter = authenticationInfo.newCounter;
    return context.json({ verified });
  });

  return app;
}
