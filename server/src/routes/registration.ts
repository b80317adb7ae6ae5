import { generateRegistrationOptions } from '@simplewebauthn/server';
import type { Hono } from 'hono';
import { readJsonBody } from '../http.ts';
import { Problem } from '../problem.ts';
import { setSessionCookie } from '../session-cookie.ts';
import { consumeChallenge, saveChallenge } from '../store/challenges.ts';
import { insertCredential } from '../store/credentials.ts';
import { createSession } from '../store/sessions.ts';
import { findUserByIdentifier, insertUser, publicUser } from '../store/users.ts';
import {
  normaliseDisplayName,
  normaliseIdentifier,
  optionalString,
  parseRegistrationResponse,
  readClientData,
  requireObject,
  requireString,
} from '../validate.ts';
import { ceremonyTimeoutMs, userAgentOf, verifyNewPasskey } from './context.ts';
import type { RouteContext } from './context.ts';

/** Sign-up: POST /register/options and POST /register/verify. */
export function registrationRoutes(api: Hono, { config, database }: RouteContext): void {
  api.post('/register/options', async (context) => {
    const body = requireObject(await readJsonBody(context.req), 'The body');
    const identifier = normaliseIdentifier(requireString(body, 'identifier'));
    const displayName = normaliseDisplayName(optionalString(body, 'displayName'), identifier);
    if ((await findUserByIdentifier(database, identifier)) !== undefined) {
      throw new Problem('identifier-taken', 'An account with this identifier already exists.');
    }

    const options = await generateRegistrationOptions({
      rpName: config.rpName,
      rpID: config.rpId,
      // A fresh random user handle: authenticators store it, so it must not be the email address.
      userID: crypto.getRandomValues(new Uint8Array(32)),
      userName: identifier,
      userDisplayName: displayName,
      timeout: ceremonyTimeoutMs,
      attestationType: 'none',
      excludeCredentials: [],
      authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
    });
    // The account is only created once its passkey is verified; until then it lives with the challenge.
    await saveChallenge(database, {
      challenge: options.challenge,
      purpose: 'register',
      pending: { identifier, displayName, webauthnUserId: options.user.id },
      ttlMs: config.challengeTtlMs,
    });
    return context.json(options);
  });

  api.post('/register/verify', async (context) => {
    const response = parseRegistrationResponse(await readJsonBody(context.req));
    const clientData = readClientData(response.response.clientDataJSON, 'webauthn.create', config.origins);
    const challenge = await consumeChallenge(database, clientData.challenge, 'register');
    const pending = challenge.pending;
    if (pending === null) throw new Problem('challenge-invalid', 'The challenge carries no pending sign-up.');

    const passkey = await verifyNewPasskey(response, challenge.challenge, config);
    const { user, token } = await database.transaction(async (transaction) => {
      const user = await insertUser(transaction, pending);
      await insertCredential(transaction, { ...passkey, userId: user.id });
      const token = await createSession(transaction, {
        userId: user.id,
        credentialId: passkey.id,
        userAgent: userAgentOf(context.req.header('user-agent')),
        ttlMs: config.sessionTtlMs,
      });
      return { user, token };
    });
    setSessionCookie(context, config, token);
    return context.json({ user: publicUser(user) });
  });
}
